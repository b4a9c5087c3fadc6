/**
 * Business series counted per hour for the anomaly pass: payments, new tickets, and RADIUS
 * Access-Rejects per NAS. Complete hours only, and hours without rows count 0.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { rows } from '../../../platform/db/scope.ts';

export const hourlyMetrics = ['payments_per_hour', 'tickets_per_hour', 'access_rejects_per_hour'] as const;
export type HourlyMetric = (typeof hourlyMetrics)[number];

export type HourlySeries = { key: string; metric: HourlyMetric; label: string; points: { ts: Date; value: number }[] };

const hourMs = 3600_000;

export const hourlyKeyOf = (metric: HourlyMetric, nasId: string | null) => `${metric}:${nasId ?? 'isp'}`;

/**
 * The hourly counts of one ISP from the hour after each series' last one (or `firstFrom` for a
 * new series) up to the last complete hour before `now`.
 */
export async function readHourlySeries(tx: Tx, ispId: string, lastOf: (key: string) => Date | null, firstFrom: Date, now: Date): Promise<HourlySeries[]> {
  const end = Math.floor(now.getTime() / hourMs) * hourMs; // the current, incomplete hour starts here
  const nas = await rows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM nas_devices WHERE isp_id = ${ispId} ORDER BY name`);
  const wanted: { key: string; metric: HourlyMetric; label: string; nasId: string | null }[] = [
    { key: hourlyKeyOf('payments_per_hour', null), metric: 'payments_per_hour', label: 'payments', nasId: null },
    { key: hourlyKeyOf('tickets_per_hour', null), metric: 'tickets_per_hour', label: 'tickets', nasId: null },
    ...nas.map((n) => ({ key: hourlyKeyOf('access_rejects_per_hour', n.id), metric: 'access_rejects_per_hour' as const, label: n.name, nasId: n.id })),
  ];
  const out: HourlySeries[] = [];
  const starts = wanted.map((w) => {
    const last = lastOf(w.key);
    return last ? last.getTime() + hourMs : Math.floor(firstFrom.getTime() / hourMs) * hourMs;
  });
  const from = Math.min(...starts);
  if (from >= end) return out;
  const range = sql`${new Date(from).toISOString()}::timestamptz AND created_at < ${new Date(end).toISOString()}::timestamptz`;
  const counts = await rows<{ metric: HourlyMetric; nas_id: string | null; hour: Date | string; n: number }>(tx, sql`
    SELECT 'payments_per_hour' AS metric, NULL::uuid AS nas_id, date_trunc('hour', created_at) AS hour, count(*)::int AS n
      FROM payments WHERE isp_id = ${ispId} AND created_at >= ${range} GROUP BY 3
    UNION ALL
    SELECT 'tickets_per_hour', NULL::uuid, date_trunc('hour', created_at), count(*)::int
      FROM support_tickets WHERE isp_id = ${ispId} AND created_at >= ${range} GROUP BY 3
    UNION ALL
    SELECT 'access_rejects_per_hour', nas_id, date_trunc('hour', created_at), count(*)::int
      FROM radius_postauth WHERE isp_id = ${ispId} AND result = 'reject' AND nas_id IS NOT NULL AND created_at >= ${range} GROUP BY 2, 3`);
  const byKey = new Map<string, number>();
  for (const c of counts) byKey.set(`${hourlyKeyOf(c.metric, c.nas_id)}|${new Date(c.hour).getTime()}`, c.n);
  wanted.forEach((w, i) => {
    const points: { ts: Date; value: number }[] = [];
    for (let h = starts[i]!; h < end; h += hourMs) points.push({ ts: new Date(h), value: byKey.get(`${w.key}|${h}`) ?? 0 });
    if (points.length) out.push({ key: w.key, metric: w.metric, label: w.label, points });
  });
  return out;
}
