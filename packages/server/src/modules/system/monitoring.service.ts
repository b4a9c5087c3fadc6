import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';

// prom-client's JSON form; histogram values carry the series name (…_bucket, …_sum, …_count).
type Labels = Partial<Record<string, string | number>>;
type Json = { name: string; values: { value: number; labels: Labels; metricName?: string }[] };

const counts = z.record(z.string(), z.number());
const timing = z.object({ count: z.number(), sum_seconds: z.number(), p50_ms: z.number().nullable(), p95_ms: z.number().nullable() });

/**
 * A snapshot of this process's Prometheus registry (what /metrics serves), summed into the
 * figures the monitoring page shows. Counters are totals since the process started; the page
 * turns two snapshots into rates. Database and Redis are also probed now, like /api/health.
 */
export const monitoringDto = z.object({
  sampled_at: z.string(),
  uptime_s: z.number(),
  process: z.object({ rss_bytes: z.number().nullable(), heap_used_bytes: z.number().nullable(), event_loop_lag_p99_ms: z.number().nullable(), cpu_seconds: z.number().nullable() }),
  http: z.object({ requests: z.number(), by_status: counts.describe('2xx, 3xx, 4xx, 5xx'), server_errors: z.number(), latency: timing }),
  db: z.object({ kind: z.string(), ok: z.boolean(), ping_ms: z.number(), committed: z.number(), rolled_back: z.number(), latency: timing }),
  redis: z.object({ configured: z.boolean(), ok: z.boolean(), ping_ms: z.number().nullable() }),
  aaa: z.object({
    running: z.boolean().describe('Whether this process registered the AAA engine metrics'),
    auth_by_result: counts, acct_by_status: counts, dropped: z.number(), errors: z.number(), duplicates: z.number(),
    sessions_online: z.number().nullable(), latency: timing,
    acct_journal_backlog: z.number().nullable().describe('Accounting acknowledged from the journal and not yet in the database; null when accounting is acknowledged on the database commit'),
  }),
});
export type Monitoring = z.infer<typeof monitoringDto>;

const sum = (m: Json | undefined, filter: (labels: Labels) => boolean = () => true) =>
  (m?.values ?? []).filter((v) => !v.metricName || !/_(bucket|sum|count)$/.test(v.metricName)).filter((v) => filter(v.labels)).reduce((a, v) => a + v.value, 0);

const by = (m: Json | undefined, label: string, map: (v: string) => string = (v) => v) => {
  const out: Record<string, number> = {};
  for (const v of m?.values ?? []) {
    const key = map(String(v.labels[label] ?? 'unknown'));
    out[key] = (out[key] ?? 0) + v.value;
  }
  return out;
};

/** Quantile estimated from cumulative histogram buckets (all label sets together), as Prometheus's histogram_quantile does. */
export function histogramTiming(m: Json | undefined): z.infer<typeof timing> {
  const buckets = new Map<number, number>();
  let count = 0;
  let total = 0;
  for (const v of m?.values ?? []) {
    if (v.metricName?.endsWith('_bucket')) {
      const le = v.labels.le === '+Inf' ? Infinity : Number(v.labels.le);
      buckets.set(le, (buckets.get(le) ?? 0) + v.value);
    } else if (v.metricName?.endsWith('_count')) count += v.value;
    else if (v.metricName?.endsWith('_sum')) total += v.value;
  }
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const q = (p: number): number | null => {
    if (!count) return null;
    const rank = p * count;
    let prevLe = 0;
    let prevCount = 0;
    for (const [le, c] of sorted) {
      if (c >= rank) {
        if (le === Infinity) return Math.round(prevLe * 1000 * 100) / 100;
        const within = c - prevCount ? (rank - prevCount) / (c - prevCount) : 1;
        return Math.round((prevLe + (le - prevLe) * within) * 1000 * 100) / 100;
      }
      prevLe = le;
      prevCount = c;
    }
    return null;
  };
  return { count, sum_seconds: total, p50_ms: q(0.5), p95_ms: q(0.95) };
}

async function probe<T>(fn: () => Promise<T>): Promise<{ ok: boolean; ms: number }> {
  const t0 = performance.now();
  const ok = await fn().then(() => true, () => false);
  return { ok, ms: Math.round((performance.now() - t0) * 100) / 100 };
}

export async function monitoringSnapshot(ctx: AppContext): Promise<Monitoring> {
  const list = (await ctx.metrics.registry.getMetricsAsJSON()) as unknown as Json[];
  const get = (name: string) => list.find((m) => m.name === name);
  const first = (name: string) => get(name)?.values[0]?.value ?? null;
  const http = get('astranetix_http_requests_total');
  const byStatus = by(http, 'status', (s) => `${s.slice(0, 1)}xx`);
  const db = await probe(() => ctx.db.query('SELECT 1'));
  const redis = ctx.redis ? await probe(() => ctx.redis!.ping()) : null;
  const dbTx = get('astranetix_db_transaction_duration_seconds');
  const dbCount = (outcome: string) => (dbTx?.values ?? []).filter((v) => v.metricName?.endsWith('_count') && v.labels.outcome === outcome).reduce((a, v) => a + v.value, 0);
  const auth = get('astranetix_radius_auth_total');
  const lag = get('astranetix_nodejs_eventloop_lag_p99_seconds');
  return {
    sampled_at: new Date().toISOString(),
    uptime_s: Math.round(process.uptime()),
    process: {
      rss_bytes: first('astranetix_process_resident_memory_bytes'),
      heap_used_bytes: first('astranetix_nodejs_heap_size_used_bytes'),
      event_loop_lag_p99_ms: lag?.values[0] ? Math.round(lag.values[0].value * 1000 * 100) / 100 : null,
      cpu_seconds: first('astranetix_process_cpu_seconds_total'),
    },
    http: { requests: sum(http), by_status: byStatus, server_errors: byStatus['5xx'] ?? 0, latency: histogramTiming(get('astranetix_http_request_duration_seconds')) },
    db: { kind: ctx.db.kind, ok: db.ok, ping_ms: db.ms, committed: dbCount('committed'), rolled_back: dbCount('rolled_back'), latency: histogramTiming(dbTx) },
    redis: { configured: Boolean(ctx.redis), ok: redis?.ok ?? false, ping_ms: redis?.ms ?? null },
    aaa: {
      running: Boolean(auth),
      auth_by_result: by(auth, 'result'), acct_by_status: by(get('astranetix_radius_acct_total'), 'status'),
      dropped: sum(get('astranetix_radius_dropped_total')), errors: sum(get('astranetix_radius_errors_total')),
      duplicates: sum(get('astranetix_radius_duplicates_total')), sessions_online: first('astranetix_radius_sessions_online'),
      latency: histogramTiming(get('astranetix_radius_latency_seconds')),
      acct_journal_backlog: auth && ctx.config.radius.acctJournalDir ? first('astranetix_radius_acct_journal_backlog') : null,
    },
  };
}
