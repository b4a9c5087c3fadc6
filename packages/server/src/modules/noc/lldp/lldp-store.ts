import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { pgArray } from '../../../platform/db/pg-array.ts';
import { nocDevices } from '../schema.ts';
import type { LldpSample } from './lldp-read.ts';

type Device = { id: string; ispId: string };

/**
 * Replaces a device's LLDP neighbours with those of this poll, in the poll's transaction
 * (tenant scope of the device's ISP). Each neighbour is matched to a known device of the
 * same ISP: by management address first (the most specific), then by sysName (against the
 * device's polled sysName or its inventory name, also without the domain), then by chassis
 * ID (the other device's own lldpLocChassisId, or the MAC of one of its interfaces).
 * Neighbours this poll did not report are deleted: the map shows what the network says now.
 */
export async function storeLldp(tx: Tx, device: Device, sample: LldpSample): Promise<void> {
  await tx.update(nocDevices).set({ lldpChassisId: sample.localChassisId }).where(eq(nocDevices.id, device.id));
  const n = sample.neighbours;
  if (n.length) {
    const col = <T extends string | number | null>(f: (x: (typeof n)[number]) => T) => pgArray(n.map(f));
    await tx.execute(sql`
      INSERT INTO noc_lldp_neighbours (isp_id, device_id, local_port_num, local_port, local_port_desc, chassis_id_subtype, chassis_id,
        port_id_subtype, port_id, port_desc, sys_name, sys_desc, mgmt_ip, remote_device_id, matched_by, last_seen_at)
      SELECT ${device.ispId}::uuid, ${device.id}::uuid, u.lp, u.lport, u.ldesc, u.cst, u.cid, u.pst, u.pid, u.pdesc, u.sname, u.sdesc, u.ip, m.id, m.how, now()
      FROM unnest(${col((x) => x.localPortNum)}::int[], ${col((x) => x.localPort)}::text[], ${col((x) => x.localPortDesc)}::text[],
        ${col((x) => x.chassisIdSubtype)}::smallint[], ${col((x) => x.chassisId)}::text[], ${col((x) => x.portIdSubtype)}::smallint[],
        ${col((x) => x.portId)}::text[], ${col((x) => x.portDesc)}::text[], ${col((x) => x.sysName)}::text[], ${col((x) => x.sysDesc)}::text[],
        ${col((x) => x.mgmtIp)}::inet[]) AS u(lp, lport, ldesc, cst, cid, pst, pid, pdesc, sname, sdesc, ip)
      LEFT JOIN LATERAL (
        SELECT c.id, c.how FROM (
          SELECT d.id, 'mgmt_ip' AS how, 1 AS rank FROM noc_devices d
            WHERE d.isp_id = ${device.ispId}::uuid AND d.id <> ${device.id}::uuid AND u.ip IS NOT NULL AND host(d.mgmt_ip) = host(u.ip)
          UNION ALL
          SELECT d.id, 'sys_name', 2 FROM noc_devices d
            WHERE d.isp_id = ${device.ispId}::uuid AND d.id <> ${device.id}::uuid AND u.sname IS NOT NULL
              AND (lower(u.sname) IN (lower(d.sys_name), lower(d.name)) OR lower(split_part(u.sname, '.', 1)) = lower(d.name))
          UNION ALL
          SELECT d.id, 'chassis_id', 3 FROM noc_devices d
            WHERE d.isp_id = ${device.ispId}::uuid AND d.id <> ${device.id}::uuid
              AND (d.lldp_chassis_id = u.cid OR EXISTS (SELECT 1 FROM noc_interfaces i WHERE i.device_id = d.id AND i.mac = u.cid))
        ) c ORDER BY c.rank, c.id LIMIT 1
      ) m ON true
      ON CONFLICT (device_id, local_port_num, chassis_id, port_id) DO UPDATE SET
        local_port = excluded.local_port, local_port_desc = excluded.local_port_desc, chassis_id_subtype = excluded.chassis_id_subtype,
        port_id_subtype = excluded.port_id_subtype, port_desc = excluded.port_desc, sys_name = excluded.sys_name, sys_desc = excluded.sys_desc,
        mgmt_ip = excluded.mgmt_ip, remote_device_id = excluded.remote_device_id, matched_by = excluded.matched_by, last_seen_at = excluded.last_seen_at`);
  }
  // Rows this poll did not touch keep an older last_seen_at than the transaction's now().
  await tx.execute(sql`DELETE FROM noc_lldp_neighbours WHERE device_id = ${device.id}::uuid AND last_seen_at < now()`);
}
