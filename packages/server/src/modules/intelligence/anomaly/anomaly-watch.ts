/**
 * The worker's anomaly pass: runs the detector over the new points of every series we watch,
 * keeps each series' state in anomaly_series, records each anomaly in anomaly_events and raises
 * it as a NOC alert (source 'anomaly') with its score, expected band and observed value. An
 * anomaly alert clears once its series is back among known patterns.
 *
 * Watched: the NOC collector's interface traffic and errors, device CPU and NAS sessions
 * (noc_metrics_raw, per poll), and per hour: payments, new tickets and Access-Rejects per NAS.
 * Each series is read once, in time order, from where it stopped.
 */
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import { clearAlerts, firingKeys, raiseAlerts, type RaiseInput } from '../../noc/index.ts';
import { anomalyEvents, anomalySeries } from '../schema.ts';
import { anomalyModelVersion, createDetectorState, observe, type DetectorState } from './detector.ts';
import { readHourlySeries } from './hourly-series.ts';

export const watchedMetrics = ['if_in_bps', 'if_out_bps', 'if_in_errors', 'if_out_errors', 'cpu_percent', 'nas_sessions'] as const;

/** A series seen for the first time is read from this far back (enough for its probation at one point an hour). */
const firstLookbackMs = 35 * 86400_000;
/** Hourly series learn for a week (the NOC's per-minute series for the default 750 points). */
const hourlyProbation = 168;
/** A new hourly series is read from this far back, so it can judge today already. */
const hourlyFirstLookbackMs = 28 * 86400_000;
/** Points read per ISP and pass; the rest waits for the next pass. */
const maxPointsPerPass = 200_000;

type SeriesInput = {
  key: string; metric: string; deviceId: string | null; interfaceId: string | null; branchId: string | null; where: string;
  probation: number | undefined; points: { ts: Date; value: number }[];
};
type Point = { device_id: string; interface_id: string | null; metric: string; ts: Date | string; value: number; branch_id: string | null; device_name: string; if_name: string | null };
type Found = { at: Date; observed: number; low: number | null; high: number | null; score: number; novelty: number };

export const seriesKeyOf = (metric: string, deviceId: string, interfaceId: string | null) => `${metric}:${deviceId}:${interfaceId ?? '-'}`;
export const alertKeyOf = (seriesKey: string) => `anomaly:${seriesKey}`;

export async function runAnomalyPass(ctx: AppContext, now = new Date()): Promise<{ points: number; anomalies: number }> {
  const isps = await withScope(ctx.db, platformScope, (tx) => rows<{ isp_id: string }>(tx, sql`SELECT id AS isp_id FROM isps ORDER BY created_at`));
  let points = 0;
  let anomalies = 0;
  for (const { isp_id } of isps) {
    const r = await passForIsp(ctx, isp_id, now);
    points += r.points;
    anomalies += r.anomalies;
  }
  return { points, anomalies };
}

async function passForIsp(ctx: AppContext, ispId: string, now: Date): Promise<{ points: number; anomalies: number }> {
  const since = new Date(now.getTime() - firstLookbackMs).toISOString();
  const metrics = sql.join(watchedMetrics.map((m) => sql`${m}`), sql`, `);
  const { states, points, hourly } = await withScope(ctx.db, tenantScope(ispId), async (tx) => {
    const states = await tx.select().from(anomalySeries).where(eq(anomalySeries.ispId, ispId));
    const lastOf = new Map(states.map((s) => [s.seriesKey, s.lastTs]));
    return {
      states,
      points: await rows<Point>(tx, sql`
        SELECT m.device_id, m.interface_id, m.metric, m.ts, m.value, d.branch_id, d.name AS device_name, i.name AS if_name
        FROM noc_metrics_raw m JOIN noc_devices d ON d.id = m.device_id LEFT JOIN noc_interfaces i ON i.id = m.interface_id
        LEFT JOIN anomaly_series s ON s.isp_id = m.isp_id AND s.series_key = m.metric || ':' || m.device_id || ':' || coalesce(m.interface_id::text, '-')
        WHERE m.isp_id = ${ispId} AND m.metric IN (${metrics}) AND m.ts <= ${now.toISOString()}::timestamptz
          AND m.ts > coalesce(s.last_ts, ${since}::timestamptz)
        ORDER BY m.ts LIMIT ${maxPointsPerPass}`),
      hourly: await readHourlySeries(tx, ispId, (key) => lastOf.get(key) ?? null, new Date(now.getTime() - hourlyFirstLookbackMs), now),
    };
  });
  const stateOf = new Map(states.map((s) => [s.seriesKey, s]));
  const inputs = new Map<string, SeriesInput>();
  for (const p of points) {
    const key = seriesKeyOf(p.metric, p.device_id, p.interface_id);
    let input = inputs.get(key);
    if (!input) {
      input = { key, metric: p.metric, deviceId: p.device_id, interfaceId: p.interface_id, branchId: p.branch_id, where: p.if_name ? `${p.device_name} ${p.if_name}` : p.device_name, probation: undefined, points: [] };
      inputs.set(key, input);
    }
    input.points.push({ ts: new Date(p.ts), value: p.value });
  }
  for (const h of hourly) inputs.set(h.key, { key: h.key, metric: h.metric, deviceId: null, interfaceId: null, branchId: null, where: h.label, probation: hourlyProbation, points: h.points });
  if (!inputs.size) return { points: 0, anomalies: 0 };

  const firing = await firingKeys(ctx, ispId);
  const raise: RaiseInput[] = [];
  const settled: string[] = [];
  const events: (typeof anomalyEvents.$inferInsert)[] = [];
  const saved: (typeof anomalySeries.$inferInsert)[] = [];
  let read = 0;
  for (const [key, input] of inputs) {
    const previous = stateOf.get(key);
    // A state from another model version is not resumed: the series learns again.
    const state: DetectorState = previous && previous.modelVersion === anomalyModelVersion
      ? previous.state
      : createDetectorState(input.probation === undefined ? {} : { probation: input.probation });
    const found: Found[] = [];
    let lastNovelty: number | null = null;
    for (const p of input.points) {
      const o = observe(state, p.value);
      if (o.level !== null && o.expected) lastNovelty = o.novelty;
      if (o.alarm && o.level !== null) {
        found.push({ at: p.ts, observed: o.level, low: o.expected?.low ?? null, high: o.expected?.high ?? null, score: o.score, novelty: o.novelty });
      }
    }
    read += input.points.length;
    const lastTs = input.points[input.points.length - 1]!.ts;
    saved.push({ ispId, seriesKey: key, modelVersion: anomalyModelVersion, state, points: (previous?.points ?? 0) + input.points.length, lastTs, updatedAt: now });
    for (const f of found) {
      events.push({ ispId, branchId: input.branchId, seriesKey: key, metric: input.metric, deviceId: input.deviceId, interfaceId: input.interfaceId, at: f.at,
        observed: f.observed, expectedLow: f.low, expectedHigh: f.high, score: f.score, novelty: f.novelty, modelVersion: anomalyModelVersion });
    }
    const latest = found[found.length - 1];
    if (latest) {
      raise.push({ ruleId: null, deviceId: input.deviceId, interfaceId: input.interfaceId, key: alertKeyOf(key), source: 'anomaly', severity: 'warning',
        title: `Anomaly: ${input.metric} on ${input.where}`, detail: describe(latest), value: latest.observed });
    } else if (lastNovelty !== null && lastNovelty <= 1 && firing.has(alertKeyOf(key))) {
      settled.push(alertKeyOf(key));
    }
  }

  await withScope(ctx.db, tenantScope(ispId), async (tx) => {
    for (const s of saved) {
      await tx.insert(anomalySeries).values(s).onConflictDoUpdate({
        target: [anomalySeries.ispId, anomalySeries.seriesKey],
        set: { state: s.state, modelVersion: s.modelVersion, points: s.points, lastTs: s.lastTs, updatedAt: s.updatedAt },
      });
    }
  });
  const created = await raiseAlerts(ctx, ispId, raise, now);
  const alertOf = new Map(created.map((a) => [a.key, a.id]));
  if (events.length) {
    // The newest anomaly of a series carries the alert it raised.
    const newest = new Map<string, number>();
    events.forEach((e, i) => newest.set(e.seriesKey, i));
    for (const [key, i] of newest) events[i]!.alertId = alertOf.get(alertKeyOf(key)) ?? null;
    await withScope(ctx.db, tenantScope(ispId), (tx) => tx.insert(anomalyEvents).values(events));
  }
  if (settled.length) await clearAlerts(ctx, ispId, settled, now, undefined, 'Back within the expected band');
  return { points: read, anomalies: events.length };
}

function describe(f: Found): string {
  // The band is about the latest level; a novel pattern can also be a level in the band reached
  // by an unusual path, which the alert then says.
  const within = f.low !== null && f.high !== null && f.observed >= f.low && f.observed <= f.high;
  const band = f.low === null || f.high === null ? 'no expected band yet'
    : within ? `within the expected ${num(f.low)} to ${num(f.high)} but by an unusual recent pattern` : `expected ${num(f.low)} to ${num(f.high)}`;
  return `Observed ${num(f.observed)}, ${band}; anomaly score ${f.score.toFixed(2)} (${anomalyModelVersion})`;
}

function num(x: number): string {
  return Math.abs(x) >= 1000 || (x !== 0 && Math.abs(x) < 0.01) ? x.toPrecision(3) : String(Math.round(x * 100) / 100);
}

