import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';

const health = z.object({
  score: z.number().nullable().describe('0-100; null when no device of the group has been polled'),
  availability: z.number().nullable(),
  reachability: z.number().nullable(),
  link_headroom: z.number().nullable(),
  devices_up: z.number().int(),
  devices_down: z.number().int(),
  devices_unknown: z.number().int(),
});

export const nocDashboardDto = z.object({
  generated_at: z.string(),
  devices: z.object({ total: z.number().int(), up: z.number().int(), down: z.number().int(), unknown: z.number().int() }),
  busiest_links: z.array(z.object({
    device_id: z.string(), device_name: z.string(), interface_id: z.string(), interface_name: z.string(), alias: z.string().nullable(),
    in_bps: z.number(), out_bps: z.number(), speed_bps: z.number().nullable(), utilisation_percent: z.number().nullable(), sampled_at: z.string(),
  })),
  sessions_per_nas: z.array(z.object({ nas_id: z.string(), name: z.string(), sessions_online: z.number().int(), device_id: z.string().nullable(), device_status: z.string().nullable() })),
  alerts_by_severity: z.object({
    critical: z.number().int(), major: z.number().int(), minor: z.number().int(), warning: z.number().int(), info: z.number().int(),
  }).describe('Alerts firing now and not silenced by a maintenance window or flapping suppression'),
  incidents: z.object({ open: z.number().int(), acknowledged: z.number().int() }),
  health: z.object({
    formula: z.string(),
    isp: health,
    sites: z.array(health.extend({ site: z.string().nullable() })),
  }),
});

export const healthFormula =
  'score = 100 × (0.6 × availability + 0.2 × reachability + 0.2 × link_headroom), where availability = devices up / (up + down); ' +
  'reachability = 1 − mean probe loss % / 100 over polled devices; link_headroom = share of interfaces that are up and sampled in the last 15 minutes ' +
  'running below 90 % of their speed (1 when none). Devices never polled (unknown) are left out; a group without polled devices has no score.';

export type DeviceHealthRow = { site: string | null; status: string; loss_percent: number | null; links: number; hot_links: number };

/** The formula above, on the devices of one group (a site, or the whole ISP). */
export function healthOf(devices: DeviceHealthRow[]): z.infer<typeof health> {
  const up = devices.filter((d) => d.status === 'up').length;
  const down = devices.filter((d) => d.status === 'down').length;
  const unknown = devices.length - up - down;
  const counts = { devices_up: up, devices_down: down, devices_unknown: unknown };
  if (up + down === 0) return { score: null, availability: null, reachability: null, link_headroom: null, ...counts };
  const polled = devices.filter((d) => d.status !== 'unknown');
  const availability = up / (up + down);
  const losses = polled.map((d) => d.loss_percent ?? (d.status === 'down' ? 100 : 0));
  const reachability = 1 - losses.reduce((a, b) => a + b, 0) / losses.length / 100;
  const links = devices.reduce((a, d) => a + d.links, 0);
  const hot = devices.reduce((a, d) => a + d.hot_links, 0);
  const linkHeadroom = links === 0 ? 1 : (links - hot) / links;
  const score = 100 * (0.6 * availability + 0.2 * reachability + 0.2 * linkHeadroom);
  const r = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;
  return { score: r(score, 1), availability: r(availability), reachability: r(reachability), link_headroom: r(linkHeadroom), ...counts };
}

export async function nocDashboard(ctx: AppContext, scope: Scope, ispId: string): Promise<z.infer<typeof nocDashboardDto>> {
  return withScope(ctx.db, scope, async (tx) => {
    const devices = await rows<DeviceHealthRow>(tx, sql`
      SELECT d.site, d.status, d.loss_percent,
        (SELECT count(*)::int FROM noc_interfaces i WHERE i.device_id = d.id AND i.oper_status = 'up' AND i.last_sample_at > now() - interval '15 minutes') AS links,
        (SELECT count(*)::int FROM noc_interfaces i WHERE i.device_id = d.id AND i.oper_status = 'up' AND i.last_sample_at > now() - interval '15 minutes'
           AND i.utilisation_percent >= 90) AS hot_links
      FROM noc_devices d WHERE d.isp_id = ${ispId}::uuid AND d.enabled`);
    const busiest = await rows<{
      device_id: string; device_name: string; interface_id: string; interface_name: string; alias: string | null;
      in_bps: number; out_bps: number; speed_bps: string | number | null; utilisation_percent: number | null; sampled_at: string | Date;
    }>(tx, sql`
      SELECT d.id AS device_id, d.name AS device_name, i.id AS interface_id, i.name AS interface_name, i.alias,
             coalesce(i.in_bps, 0) AS in_bps, coalesce(i.out_bps, 0) AS out_bps, i.speed_bps, i.utilisation_percent, i.last_sample_at AS sampled_at
      FROM noc_interfaces i JOIN noc_devices d ON d.id = i.device_id
      WHERE i.isp_id = ${ispId}::uuid AND i.last_sample_at > now() - interval '15 minutes' AND coalesce(i.in_bps, 0) + coalesce(i.out_bps, 0) > 0
      ORDER BY coalesce(i.in_bps, 0) + coalesce(i.out_bps, 0) DESC, i.id LIMIT 10`);
    const sessions = await rows<{ nas_id: string; name: string; sessions_online: number; device_id: string | null; device_status: string | null }>(tx, sql`
      SELECT n.id AS nas_id, n.name,
        (SELECT count(*)::int FROM radius_sessions s WHERE s.nas_id = n.id AND s.stop_time IS NULL) AS sessions_online,
        d.id AS device_id, d.status AS device_status
      FROM nas_devices n LEFT JOIN LATERAL (SELECT id, status FROM noc_devices WHERE nas_id = n.id ORDER BY name LIMIT 1) d ON true
      WHERE n.isp_id = ${ispId}::uuid ORDER BY sessions_online DESC, n.name`);
    const severities = await rows<{ severity: string; count: number }>(tx, sql`
      SELECT severity, count(*)::int AS count FROM noc_alerts
      WHERE isp_id = ${ispId}::uuid AND state = 'firing' AND suppressed IS NULL GROUP BY severity`);
    const alerts = { critical: 0, major: 0, minor: 0, warning: 0, info: 0 };
    for (const r of severities) if (r.severity in alerts) alerts[r.severity as keyof typeof alerts] = r.count;
    const [incidents] = await rows<{ open: number; acknowledged: number }>(tx, sql`
      SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'acknowledged')::int AS acknowledged
      FROM noc_incidents WHERE isp_id = ${ispId}::uuid AND status <> 'resolved'`);
    const bySite = new Map<string | null, DeviceHealthRow[]>();
    for (const d of devices) bySite.set(d.site, [...(bySite.get(d.site) ?? []), d]);
    const up = devices.filter((d) => d.status === 'up').length;
    const down = devices.filter((d) => d.status === 'down').length;
    return {
      generated_at: new Date().toISOString(),
      devices: { total: devices.length, up, down, unknown: devices.length - up - down },
      busiest_links: busiest.map((b) => ({
        ...b, in_bps: Number(b.in_bps), out_bps: Number(b.out_bps), speed_bps: b.speed_bps === null ? null : Number(b.speed_bps),
        utilisation_percent: b.utilisation_percent === null ? null : Number(b.utilisation_percent), sampled_at: new Date(b.sampled_at).toISOString(),
      })),
      sessions_per_nas: sessions,
      alerts_by_severity: alerts,
      incidents: incidents ?? { open: 0, acknowledged: 0 },
      health: {
        formula: healthFormula,
        isp: healthOf(devices),
        sites: [...bySite.entries()].map(([site, list]) => ({ site, ...healthOf(list) })).sort((a, b) => (a.score ?? 101) - (b.score ?? 101)),
      },
    };
  });
}
