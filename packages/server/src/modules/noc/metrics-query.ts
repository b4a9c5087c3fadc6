import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { pgArray } from '../../platform/db/pg-array.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { loadDevice } from './devices.service.ts';
import { metricNames } from './metrics.ts';

export const metricsQuery = z.object({
  metric: z.string().max(300).transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(metricNames)).min(1).max(8)).describe(`Comma-separated metric names: ${metricNames.join(', ')}`),
  interface_id: z.uuid().optional().describe('For if_* metrics: the interface'),
  from: z.iso.datetime({ offset: true }).optional().describe('Default: one hour before `to`'),
  to: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
  step: z.coerce.number().int().min(10).max(7 * 86400).optional().describe('Seconds per point; default: about 300 points over the range'),
});

export const metricsDto = z.object({
  source: z.enum(['raw', '5m', '1h']).describe('Table the points come from: raw samples, 5-minute or hourly rollups'),
  step_s: z.number().int(),
  from: z.string(),
  to: z.string(),
  series: z.array(z.object({
    metric: z.string(),
    interface_id: z.string().nullable(),
    points: z.array(z.object({ ts: z.string(), min: z.number(), avg: z.number(), max: z.number() })),
  })),
});

const resolution = { raw: 0, '5m': 300, '1h': 3600 } as const;

/**
 * Chooses the finest table that still holds the whole range and is not too dense for it:
 * raw up to 6 hours (and within its retention), 5-minute rollups up to 14 days, hourly beyond.
 */
export function chooseSource(from: Date, to: Date, now: Date, retention: { rawDays: number; fiveMinuteDays: number }): 'raw' | '5m' | '1h' {
  // A few minutes of slack: a client asking for "the last 6 hours" computes `from` before the server's now.
  const range = to.getTime() - from.getTime() - 5 * 60_000;
  const age = now.getTime() - from.getTime();
  if (range <= 6 * 3600_000 && age <= retention.rawDays * 86_400_000) return 'raw';
  if (range <= 14 * 86_400_000 && age <= retention.fiveMinuteDays * 86_400_000) return '5m';
  return '1h';
}

export async function queryMetrics(ctx: AppContext, scope: Scope, deviceId: string, q: z.infer<typeof metricsQuery>) {
  const now = new Date();
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 3600_000);
  if (from >= to) throw invalidField('`from` must be before `to`', [{ pointer: '/from', detail: 'after to' }]);
  if (to.getTime() - from.getTime() > 800 * 86_400_000) throw invalidField('The range is limited to 800 days', [{ pointer: '/from', detail: 'too early' }]);
  const source = chooseSource(from, to, now, { rawDays: ctx.config.noc.rawRetentionDays, fiveMinuteDays: ctx.config.noc.fiveMinuteRetentionDays });
  const rangeS = (to.getTime() - from.getTime()) / 1000;
  const step = Math.max(q.step ?? Math.ceil(rangeS / 300), resolution[source], 10);
  return withScope(ctx.db, scope, async (tx) => {
    await loadDevice(tx, deviceId);
    if (q.interface_id) {
      const [i] = await rows<{ id: string }>(tx, sql`SELECT id FROM noc_interfaces WHERE id = ${q.interface_id}::uuid AND device_id = ${deviceId}::uuid`);
      if (!i) throw notFound('Interface');
    }
    const iface = q.interface_id ?? null;
    const metrics = pgArray(q.metric);
    const binned = (col: ReturnType<typeof sql>) => sql`date_bin(make_interval(secs => ${step}), ${col}, timestamptz 'epoch')`;
    const query = source === 'raw'
      ? sql`SELECT metric, ${binned(sql`ts`)} AS t, min(value) AS min, avg(value) AS avg, max(value) AS max
            FROM noc_metrics_raw WHERE device_id = ${deviceId}::uuid AND metric = ANY(${metrics}::text[])
              AND interface_id IS NOT DISTINCT FROM ${iface}::uuid AND ts >= ${from.toISOString()}::timestamptz AND ts <= ${to.toISOString()}::timestamptz
            GROUP BY metric, t ORDER BY metric, t`
      : sql`SELECT metric, ${binned(sql`bucket`)} AS t, min(min) AS min, sum(avg * samples) / sum(samples) AS avg, max(max) AS max
            FROM ${sql.raw(source === '5m' ? 'noc_metrics_5m' : 'noc_metrics_1h')} WHERE device_id = ${deviceId}::uuid AND metric = ANY(${metrics}::text[])
              AND interface_id IS NOT DISTINCT FROM ${iface}::uuid AND bucket >= ${from.toISOString()}::timestamptz AND bucket <= ${to.toISOString()}::timestamptz
            GROUP BY metric, t ORDER BY metric, t`;
    const points = await rows<{ metric: string; t: string | Date; min: number; avg: number; max: number }>(tx, query);
    const series = q.metric.map((metric) => ({
      metric, interface_id: iface,
      points: points.filter((p) => p.metric === metric).map((p) => ({ ts: new Date(p.t).toISOString(), min: Number(p.min), avg: Number(p.avg), max: Number(p.max) })),
    }));
    return { source, step_s: step, from: from.toISOString(), to: to.toISOString(), series };
  });
}
