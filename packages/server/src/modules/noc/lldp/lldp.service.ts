import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { loadDevice } from '../devices.service.ts';

const matchedBy = z.enum(['mgmt_ip', 'sys_name', 'chassis_id']).nullable().describe('How the neighbour was matched to a known device; null: not one of ours');

export const neighbourDto = z.object({
  id: z.string(),
  local_port: z.string().nullable().describe('lldpLocPortId of the local port (usually the interface name)'),
  local_port_desc: z.string().nullable(),
  chassis_id: z.string(),
  port_id: z.string(),
  port_desc: z.string().nullable(),
  sys_name: z.string().nullable(),
  sys_desc: z.string().nullable(),
  mgmt_ip: z.string().nullable(),
  remote_device_id: z.string().nullable(),
  remote_device_name: z.string().nullable(),
  matched_by: matchedBy,
  first_seen_at: z.string(),
  last_seen_at: z.string(),
});

export const lldpLinkDto = z.object({
  device_id: z.string(),
  local_port: z.string().nullable(),
  remote_device_id: z.string().nullable().describe('null: a neighbour that is no device of the inventory'),
  remote_name: z.string().describe('The matched device\'s name, else the neighbour\'s sysName or chassis ID'),
  remote_port: z.string().nullable(),
  matched_by: matchedBy,
  both_ends: z.boolean().describe('Both devices report each other (one link, not two)'),
});
export type LldpLink = z.infer<typeof lldpLinkDto>;

type NeighbourRow = {
  id: string; device_id: string; local_port: string | null; local_port_desc: string | null; chassis_id: string; port_id: string; port_desc: string | null;
  sys_name: string | null; sys_desc: string | null; mgmt_ip: string | null; remote_device_id: string | null; remote_device_name: string | null;
  matched_by: 'mgmt_ip' | 'sys_name' | 'chassis_id' | null; first_seen_at: string | Date; last_seen_at: string | Date;
};

// The remote device is joined under RLS: a branch user sees no name for a device outside their branches.
const neighbourSelect = sql`SELECT n.id, n.device_id, n.local_port, n.local_port_desc, n.chassis_id, n.port_id, n.port_desc, n.sys_name, n.sys_desc,
    host(n.mgmt_ip) AS mgmt_ip, r.id AS remote_device_id, r.name AS remote_device_name, CASE WHEN r.id IS NULL THEN NULL ELSE n.matched_by END AS matched_by,
    n.first_seen_at, n.last_seen_at
  FROM noc_lldp_neighbours n JOIN noc_devices d ON d.id = n.device_id LEFT JOIN noc_devices r ON r.id = n.remote_device_id`;

const toDto = (r: NeighbourRow): z.infer<typeof neighbourDto> => ({
  id: r.id, local_port: r.local_port, local_port_desc: r.local_port_desc, chassis_id: r.chassis_id, port_id: r.port_id, port_desc: r.port_desc,
  sys_name: r.sys_name, sys_desc: r.sys_desc, mgmt_ip: r.mgmt_ip, remote_device_id: r.remote_device_id, remote_device_name: r.remote_device_name,
  matched_by: r.matched_by, first_seen_at: new Date(r.first_seen_at).toISOString(), last_seen_at: new Date(r.last_seen_at).toISOString(),
});

/** The LLDP neighbours a device reported at its last poll. */
export async function listNeighbours(ctx: AppContext, scope: Scope, deviceId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    await loadDevice(tx, deviceId);
    const list = await rows<NeighbourRow>(tx, sql`${neighbourSelect} WHERE n.device_id = ${deviceId}::uuid ORDER BY n.local_port_num, n.sys_name NULLS LAST, n.chassis_id`);
    return list.map(toDto);
  });
}

/**
 * The LLDP links of an ISP's devices for the map. When A reports B and B reports A on the
 * matching ports, that is one cable: kept once, flagged `both_ends`.
 */
export async function lldpLinks(tx: Tx, ispId: string): Promise<LldpLink[]> {
  const list = await rows<NeighbourRow>(tx, sql`${neighbourSelect} WHERE n.isp_id = ${ispId}::uuid ORDER BY d.name, n.local_port_num, n.chassis_id LIMIT 20000`);
  const links: LldpLink[] = [];
  // By device pair and the ports (each end's lldpLocPortId is what the other end reports as
  // lldpRemPortId), and by pair alone for agents whose two ends name ports differently.
  const byPorts = new Map<string, LldpLink>();
  const byPair = new Map<string, LldpLink[]>();
  const take = (link: LldpLink, pair: string) => {
    link.both_ends = true;
    byPair.set(pair, (byPair.get(pair) ?? []).filter((l) => l !== link));
  };
  for (const n of list) {
    if (n.remote_device_id) {
      const pair = `${n.remote_device_id}|${n.device_id}`;
      const exact = byPorts.get(`${pair}|${n.port_id}|${n.local_port}`);
      const pending = byPair.get(pair) ?? [];
      const mirror = exact && !exact.both_ends ? exact : pending.length === 1 ? pending[0] : undefined;
      if (mirror) {
        take(mirror, pair);
        continue;
      }
    }
    const macPortId = /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/.test(n.port_id);
    const link: LldpLink = {
      device_id: n.device_id, local_port: n.local_port, remote_device_id: n.remote_device_id,
      remote_name: n.remote_device_name ?? n.sys_name ?? n.chassis_id, remote_port: macPortId && n.port_desc ? n.port_desc : n.port_id,
      matched_by: n.matched_by, both_ends: false,
    };
    links.push(link);
    if (n.remote_device_id) {
      const pair = `${n.device_id}|${n.remote_device_id}`;
      byPorts.set(`${pair}|${n.local_port}|${n.port_id}`, link);
      byPair.set(pair, [...(byPair.get(pair) ?? []), link]);
    }
  }
  return links;
}
