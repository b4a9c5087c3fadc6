import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';
import { type DeviceHealthRow, healthOf } from '../noc/index.ts';

export type IspFigures = { revenue_this_month: number; health_score: number | null };

/**
 * Per listed ISP, on the founder's platform scope: what it collected from its subscribers this
 * calendar month (its time zone, in its currency, net of refunds) and the NOC health score of
 * its network, by the NOC dashboard's own formula.
 */
export async function ispFigures(tx: Tx, ispIds: readonly string[]): Promise<Map<string, IspFigures>> {
  if (ispIds.length === 0) return new Map();
  const ids = `{${ispIds.join(',')}}`;
  const revenue = await rows<{ isp_id: string; amount: string }>(tx, sql`
    SELECT i.id AS isp_id, coalesce(sum(p.amount - p.amount_refunded), 0)::text AS amount
    FROM isps i LEFT JOIN payments p ON p.isp_id = i.id AND p.currency = i.currency
      AND p.status IN ('succeeded', 'partially_refunded', 'refunded')
      AND p.received_at >= (date_trunc('month', now() AT TIME ZONE i.timezone) AT TIME ZONE i.timezone)
    WHERE i.id = ANY(${ids}::uuid[]) GROUP BY i.id`);
  const devices = await rows<DeviceHealthRow & { isp_id: string }>(tx, sql`
    SELECT d.isp_id, d.site, d.status, d.loss_percent,
      (SELECT count(*)::int FROM noc_interfaces n WHERE n.device_id = d.id AND n.oper_status = 'up' AND n.last_sample_at > now() - interval '15 minutes') AS links,
      (SELECT count(*)::int FROM noc_interfaces n WHERE n.device_id = d.id AND n.oper_status = 'up' AND n.last_sample_at > now() - interval '15 minutes'
         AND n.utilisation_percent >= 90) AS hot_links
    FROM noc_devices d WHERE d.isp_id = ANY(${ids}::uuid[]) AND d.enabled`);
  const out = new Map<string, IspFigures>();
  for (const id of ispIds) {
    out.set(id, {
      revenue_this_month: Number(revenue.find((r) => r.isp_id === id)?.amount ?? 0),
      health_score: healthOf(devices.filter((d) => d.isp_id === id)).score,
    });
  }
  return out;
}
