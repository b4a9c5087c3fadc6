import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';

export type RollupResult = { fiveMinuteRows: number; hourlyRows: number; rawDeleted: number; fiveMinuteDeleted: number; hourlyDeleted: number };

const count = (r: unknown) => (r as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0;

/**
 * raw → 5-minute → hourly, then retention. Idempotent: each run recomputes whole buckets
 * from the finer table (from a little before the newest bucket already written, so the
 * bucket that was still filling last time is completed) and overwrites them; running it
 * twice, or in two processes, gives the same rows. Across ISPs (a system job).
 */
export async function rollupMetrics(ctx: AppContext, now = new Date()): Promise<RollupResult> {
  const { rawRetentionDays, fiveMinuteRetentionDays, hourlyRetentionDays } = ctx.config.noc;
  return withScope(ctx.db, platformScope, async (tx) => {
    // One rollup at a time across collector processes (two would only redo the same work, and
    // their upserts of the same buckets in different orders could deadlock).
    const [lock] = await rows<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(7243011) AS ok`);
    if (!lock?.ok) return { fiveMinuteRows: 0, hourlyRows: 0, rawDeleted: 0, fiveMinuteDeleted: 0, hourlyDeleted: 0 };
    const [w5] = await rows<{ from: string | null }>(tx, sql`SELECT coalesce(
        (SELECT max(bucket) FROM noc_metrics_5m) - interval '15 minutes',
        (SELECT min(ts) FROM noc_metrics_raw))::text AS from`);
    let fiveMinuteRows = 0;
    if (w5?.from) {
      fiveMinuteRows = count(await tx.execute(sql`INSERT INTO noc_metrics_5m (isp_id, device_id, interface_id, metric, bucket, samples, min, avg, max)
        SELECT isp_id, device_id, interface_id, metric, date_bin('5 minutes', ts, timestamptz 'epoch') AS bucket, count(*), min(value), avg(value), max(value)
        FROM noc_metrics_raw
        WHERE ts >= date_bin('5 minutes', ${w5.from}::timestamptz, timestamptz 'epoch') AND ts <= ${now.toISOString()}::timestamptz
        GROUP BY isp_id, device_id, interface_id, metric, bucket
        ON CONFLICT (device_id, metric, interface_id, bucket) DO UPDATE
          SET samples = excluded.samples, min = excluded.min, avg = excluded.avg, max = excluded.max`));
    }
    const [w1] = await rows<{ from: string | null }>(tx, sql`SELECT coalesce(
        (SELECT max(bucket) FROM noc_metrics_1h) - interval '1 hour',
        (SELECT min(bucket) FROM noc_metrics_5m))::text AS from`);
    let hourlyRows = 0;
    if (w1?.from) {
      hourlyRows = count(await tx.execute(sql`INSERT INTO noc_metrics_1h (isp_id, device_id, interface_id, metric, bucket, samples, min, avg, max)
        SELECT isp_id, device_id, interface_id, metric, date_trunc('hour', bucket) AS hour, sum(samples)::int, min(min),
               sum(avg * samples) / sum(samples), max(max)
        FROM noc_metrics_5m
        WHERE bucket >= date_trunc('hour', ${w1.from}::timestamptz)
        GROUP BY isp_id, device_id, interface_id, metric, hour
        ON CONFLICT (device_id, metric, interface_id, bucket) DO UPDATE
          SET samples = excluded.samples, min = excluded.min, avg = excluded.avg, max = excluded.max`));
    }
    const cutoff = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const rawDeleted = count(await tx.execute(sql`DELETE FROM noc_metrics_raw WHERE ts < ${cutoff(rawRetentionDays)}::timestamptz`));
    const fiveMinuteDeleted = count(await tx.execute(sql`DELETE FROM noc_metrics_5m WHERE bucket < ${cutoff(fiveMinuteRetentionDays)}::timestamptz`));
    const hourlyDeleted = count(await tx.execute(sql`DELETE FROM noc_metrics_1h WHERE bucket < ${cutoff(hourlyRetentionDays)}::timestamptz`));
    return { fiveMinuteRows, hourlyRows, rawDeleted, fiveMinuteDeleted, hourlyDeleted };
  });
}
