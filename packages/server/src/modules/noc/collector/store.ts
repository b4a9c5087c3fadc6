import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../app/context.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { tenantScope, withScope } from '../../../platform/db/scope.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { pgArray } from '../../../platform/db/pg-array.ts';
import { nocDevices, nocInterfaces, type DeviceStatus } from '../schema.ts';
import type { MetricName, MetricPoint } from '../metrics.ts';
import type { DeviceRow } from '../devices.service.ts';
import { counterRate, octetsToBps, type CounterSample } from './rate.ts';
import type { DeviceSample, InterfaceSample } from './snmp-poll.ts';
import type { ProbeResult } from './reachability.ts';
import { storeLldp } from '../lldp/lldp-store.ts';

export type PollOutcome = {
  startedAt: Date;
  status: DeviceStatus;
  error: string | null;
  sample: DeviceSample | null;
  snmpProbe: ProbeResult | null;
  tcpProbe: ProbeResult | null;
};

export type PrevInterface = typeof nocInterfaces.$inferSelect;

const sampleOf = (value: bigint | null, uptimeCs: number | null, at: number): CounterSample | null => (value === null ? null : { value, uptimeCs, at });
function prevSample(p: PrevInterface | undefined, value: string | null): CounterSample | null {
  if (!p || value === null || !p.lastSampleAt) return null;
  return { value: BigInt(value), uptimeCs: p.lastUptimeCs, at: p.lastSampleAt.getTime() };
}

/** Rates of one interface against its previous sample; a change of counter width means no rate. */
export function interfaceRates(prev: PrevInterface | undefined, cur: InterfaceSample, uptimeCs: number | null, at: number) {
  const sameWidth = prev?.counterBits === cur.counterBits;
  const p = sameWidth ? prev : undefined;
  const c = (v: bigint | null) => sampleOf(v, uptimeCs, at);
  const inBps = c(cur.inOctets) ? octetsToBps(prevSample(p, p?.lastInOctets ?? null), c(cur.inOctets)!, cur.counterBits, cur.speedBps) : null;
  const outBps = c(cur.outOctets) ? octetsToBps(prevSample(p, p?.lastOutOctets ?? null), c(cur.outOctets)!, cur.counterBits, cur.speedBps) : null;
  // Error and discard counters are Counter32 in the ifTable.
  const rate = (prevValue: string | null | undefined, v: bigint | null) => (c(v) ? counterRate(prevSample(prev, prevValue ?? null), c(v)!, 32) : null);
  const utilisation = cur.speedBps && (inBps !== null || outBps !== null) ? (100 * Math.max(inBps ?? 0, outBps ?? 0)) / cur.speedBps : null;
  return {
    inBps, outBps, utilisation,
    inErrors: rate(prev?.lastInErrors, cur.inErrors), outErrors: rate(prev?.lastOutErrors, cur.outErrors),
    inDiscards: rate(prev?.lastInDiscards, cur.inDiscards), outDiscards: rate(prev?.lastOutDiscards, cur.outDiscards),
  };
}

export async function insertMetrics(tx: Tx, points: MetricPoint[]) {
  // unnest of one array per column: a few parameters per thousand rows, whatever the batch size.
  for (let i = 0; i < points.length; i += 5000) {
    const chunk = points.slice(i, i + 5000);
    await tx.execute(sql`INSERT INTO noc_metrics_raw (isp_id, device_id, interface_id, metric, ts, value)
      SELECT * FROM unnest(${pgArray(chunk.map((p) => p.ispId))}::uuid[], ${pgArray(chunk.map((p) => p.deviceId))}::uuid[],
        ${pgArray(chunk.map((p) => p.interfaceId))}::uuid[], ${pgArray(chunk.map((p) => p.metric))}::text[],
        ${pgArray(chunk.map((p) => p.ts))}::timestamptz[], ${pgArray(chunk.map((p) => p.value))}::float8[])`);
  }
}

export async function upsertInterfaces(tx: Tx, device: DeviceRow, sample: DeviceSample & { interfaces: InterfaceSample[] }, prevByIndex: Map<number, PrevInterface>, points: MetricPoint[]) {
  const ts = new Date(sample.at);
  const rows = sample.interfaces.map((i) => ({ i, r: interfaceRates(prevByIndex.get(i.ifIndex), i, sample.uptimeCs, sample.at) }));
  if (rows.length === 0) return;
  const col = <T>(f: (x: (typeof rows)[number]) => T) => pgArray(rows.map((x) => f(x) as string | number | bigint | null));
  const ids = await tx.execute(sql`INSERT INTO noc_interfaces (isp_id, device_id, if_index, name, alias, if_type, mac, speed_bps, admin_status, oper_status,
      counter_bits, last_in_octets, last_out_octets, last_in_errors, last_out_errors, last_in_discards, last_out_discards,
      last_uptime_cs, last_sample_at, in_bps, out_bps, utilisation_percent, updated_at)
    SELECT ${device.ispId}::uuid, ${device.id}::uuid, u.if_index, u.name, u.alias, u.if_type, u.mac, u.speed_bps, u.admin_status, u.oper_status,
      u.counter_bits, u.i_o, u.o_o, u.i_e, u.o_e, u.i_d, u.o_d, ${sample.uptimeCs}::bigint, ${ts.toISOString()}::timestamptz, u.in_bps, u.out_bps, u.util, now()
    FROM unnest(${col((x) => x.i.ifIndex)}::int[], ${col((x) => x.i.name)}::text[], ${col((x) => x.i.alias)}::text[], ${col((x) => x.i.ifType)}::int[],
      ${col((x) => x.i.mac)}::text[], ${col((x) => x.i.speedBps)}::bigint[], ${col((x) => x.i.adminStatus)}::text[], ${col((x) => x.i.operStatus)}::text[],
      ${col((x) => x.i.counterBits)}::smallint[], ${col((x) => x.i.inOctets)}::numeric[], ${col((x) => x.i.outOctets)}::numeric[],
      ${col((x) => x.i.inErrors)}::numeric[], ${col((x) => x.i.outErrors)}::numeric[], ${col((x) => x.i.inDiscards)}::numeric[], ${col((x) => x.i.outDiscards)}::numeric[],
      ${col((x) => x.r.inBps)}::float8[], ${col((x) => x.r.outBps)}::float8[], ${col((x) => x.r.utilisation)}::float8[])
      AS u(if_index, name, alias, if_type, mac, speed_bps, admin_status, oper_status, counter_bits, i_o, o_o, i_e, o_e, i_d, o_d, in_bps, out_bps, util)
    ON CONFLICT (device_id, if_index) DO UPDATE SET name = excluded.name, alias = excluded.alias, if_type = excluded.if_type, mac = excluded.mac,
      speed_bps = excluded.speed_bps, admin_status = excluded.admin_status, oper_status = excluded.oper_status, counter_bits = excluded.counter_bits,
      last_in_octets = excluded.last_in_octets, last_out_octets = excluded.last_out_octets, last_in_errors = excluded.last_in_errors,
      last_out_errors = excluded.last_out_errors, last_in_discards = excluded.last_in_discards, last_out_discards = excluded.last_out_discards,
      last_uptime_cs = excluded.last_uptime_cs, last_sample_at = excluded.last_sample_at, in_bps = excluded.in_bps, out_bps = excluded.out_bps,
      utilisation_percent = excluded.utilisation_percent, updated_at = now()
    RETURNING id, if_index`);
  const idByIndex = new Map((ids as unknown as { rows: { id: string; if_index: number }[] }).rows.map((r) => [r.if_index, r.id]));
  for (const { i, r } of rows) {
    const interfaceId = idByIndex.get(i.ifIndex) ?? null;
    const push = (metric: MetricName, value: number | null) => {
      if (value !== null && Number.isFinite(value)) points.push({ ispId: device.ispId, deviceId: device.id, interfaceId, metric, ts, value });
    };
    push('if_in_bps', r.inBps);
    push('if_out_bps', r.outBps);
    push('if_in_errors', r.inErrors);
    push('if_out_errors', r.outErrors);
    push('if_in_discards', r.inDiscards);
    push('if_out_discards', r.outDiscards);
    push('if_utilisation', r.utilisation);
    if (i.operStatus) push('if_oper_up', i.operStatus === 'up' ? 1 : 0);
  }
  // Interfaces the agent no longer lists keep their history but are marked absent.
  const seen = new Set(sample.interfaces.map((i) => i.ifIndex));
  const gone = [...prevByIndex.values()].filter((p) => !seen.has(p.ifIndex) && p.operStatus !== 'notPresent').map((p) => p.id);
  if (gone.length) await tx.execute(sql`UPDATE noc_interfaces SET oper_status = 'notPresent', in_bps = NULL, out_bps = NULL, utilisation_percent = NULL, updated_at = now() WHERE id = ANY(${pgArray(gone)}::uuid[])`);
}

/** Writes one poll: interfaces, the device's state and its metrics, in one transaction of the device's own tenant. */
export async function storePoll(ctx: AppContext, device: DeviceRow, o: PollOutcome): Promise<DeviceRow> {
  return withScope(ctx.db, tenantScope(device.ispId), async (tx) => {
    const [current] = await tx.select().from(nocDevices).where(eq(nocDevices.id, device.id)).for('update');
    if (!current) return device; // deleted while polling
    const points: MetricPoint[] = [];
    const ts = o.sample ? new Date(o.sample.at) : o.startedAt;
    const push = (metric: MetricName, value: number | null | undefined) => {
      if (value !== null && value !== undefined && Number.isFinite(value)) points.push({ ispId: device.ispId, deviceId: device.id, interfaceId: null, metric, ts, value });
    };
    if (o.sample?.interfaces) {
      const prev = await tx.select().from(nocInterfaces).where(eq(nocInterfaces.deviceId, device.id));
      // Two polls of one device at once (the scheduler and "poll now"): the one stored second
      // may hold the older sample. Its counters must not replace newer ones nor make a rate.
      const newest = Math.max(0, ...prev.map((p) => p.lastSampleAt?.getTime() ?? 0));
      if (o.sample.at > newest) await upsertInterfaces(tx, device, { ...o.sample, interfaces: o.sample.interfaces }, new Map(prev.map((p) => [p.ifIndex, p])), points);
    }
    if (o.sample?.lldp) await storeLldp(tx, device, o.sample.lldp);
    if (o.status !== 'unknown') push('reachable', o.status === 'up' ? 1 : 0);
    push('snmp_rtt_ms', o.snmpProbe?.latencyMs);
    push('snmp_loss_percent', o.snmpProbe?.lossPercent);
    push('tcp_rtt_ms', o.tcpProbe?.latencyMs);
    push('tcp_loss_percent', o.tcpProbe?.lossPercent);
    push('cpu_percent', o.sample?.cpuPercent);
    push('memory_percent', o.sample?.memoryPercent);
    push('temperature_c', o.sample?.temperatureC);
    push('uptime_s', o.sample?.uptimeCs != null ? o.sample.uptimeCs / 100 : null);
    await insertMetrics(tx, points);

    const reach = o.snmpProbe ?? o.tcpProbe;
    const changed = current.status !== o.status;
    const [after] = await tx.update(nocDevices).set({
      status: o.status,
      ...(changed && { statusChangedAt: new Date() }),
      lastPolledAt: o.startedAt,
      ...(o.status === 'up' && { lastSeenAt: new Date() }),
      lastError: o.error,
      ...(o.sample && {
        sysDescr: o.sample.sysDescr, sysName: o.sample.sysName, sysObjectId: o.sample.sysObjectId,
        uptimeS: o.sample.uptimeCs !== null ? Math.floor(o.sample.uptimeCs / 100) : null,
        cpuPercent: o.sample.cpuPercent, memoryPercent: o.sample.memoryPercent,
      }),
      latencyMs: reach?.latencyMs ?? null,
      lossPercent: reach?.lossPercent ?? null,
    }).where(eq(nocDevices.id, device.id)).returning();
    if (changed) {
      // The event alerting and topology listen to; only transitions, so the audit trail stays readable.
      await recordChange(tx, systemActor, {
        ispId: device.ispId, action: 'noc_device.status_changed', entityType: 'noc_device', entityId: device.id,
        before: { status: current.status }, after: { status: o.status, error: o.error, name: current.name, parent_id: current.parentId, site: current.site },
      });
    }
    return after!;
  });
}
