import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../app/context.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { tenantScope, withScope } from '../../../platform/db/scope.ts';
import { nocDevices, nocInterfaces, type DeviceStatus } from '../schema.ts';
import type { MetricName, MetricPoint } from '../metrics.ts';
import type { DeviceRow } from '../devices.service.ts';
import { insertMetrics, interfaceRates, upsertInterfaces, type PollOutcome, type PrevInterface } from './store.ts';

/**
 * Several polls of one device, oldest first, stored in one transaction with the same rules as
 * storePoll: rates from consecutive counters (a change of counter width or an agent restart
 * gives no rate), one status-change event per transition, and the device and its interfaces
 * left as the newest poll found them. For backfills (the demo history generator writes months
 * of samples this way); polls older than what the device already has are skipped, as
 * storePoll skips a stale sample.
 */
export async function storePollSeries(ctx: AppContext, device: DeviceRow, outcomes: readonly PollOutcome[]): Promise<DeviceRow> {
  const at = (o: PollOutcome) => (o.sample ? o.sample.at : o.startedAt.getTime());
  return withScope(ctx.db, tenantScope(device.ispId), async (tx) => {
    const [current] = await tx.select().from(nocDevices).where(eq(nocDevices.id, device.id)).for('update');
    if (!current) return device;
    const stored = await tx.select().from(nocInterfaces).where(eq(nocInterfaces.deviceId, device.id));
    const newest = Math.max(current.lastPolledAt?.getTime() ?? 0, ...stored.map((p) => p.lastSampleAt?.getTime() ?? 0));
    const list = [...outcomes].filter((o) => at(o) > newest).sort((a, b) => at(a) - at(b));
    if (list.length === 0) return current;
    const points: MetricPoint[] = [];
    // The interfaces' last counters as each poll leaves them; the first poll with interfaces
    // is upserted at once, so that the later polls' points carry interface ids.
    let state = new Map(stored.map((p) => [p.ifIndex, p]));
    let upserted = false;
    let status = current.status;
    let changedAt = current.statusChangedAt;
    let lastSeen = current.lastSeenAt;
    const lastWithInterfaces = list.findLastIndex((o) => o.sample?.interfaces);
    for (const [k, o] of list.entries()) {
      const ts = new Date(at(o));
      const push = (metric: MetricName, value: number | null | undefined, interfaceId: string | null = null) => {
        if (value !== null && value !== undefined && Number.isFinite(value)) points.push({ ispId: device.ispId, deviceId: device.id, interfaceId, metric, ts, value });
      };
      const sample = o.sample;
      if (sample?.interfaces) {
        if (!upserted || k === lastWithInterfaces) {
          await upsertInterfaces(tx, device, { ...sample, interfaces: sample.interfaces }, state, points);
          state = new Map((await tx.select().from(nocInterfaces).where(eq(nocInterfaces.deviceId, device.id))).map((p) => [p.ifIndex, p]));
          upserted = true;
        } else {
          for (const i of sample.interfaces) {
            const prev = state.get(i.ifIndex);
            if (!prev) continue; // appeared after the first poll of the series: taken up by the last one
            const r = interfaceRates(prev, i, sample.uptimeCs, sample.at);
            push('if_in_bps', r.inBps, prev.id);
            push('if_out_bps', r.outBps, prev.id);
            push('if_in_errors', r.inErrors, prev.id);
            push('if_out_errors', r.outErrors, prev.id);
            push('if_in_discards', r.inDiscards, prev.id);
            push('if_out_discards', r.outDiscards, prev.id);
            push('if_utilisation', r.utilisation, prev.id);
            if (i.operStatus) push('if_oper_up', i.operStatus === 'up' ? 1 : 0, prev.id);
            state.set(i.ifIndex, advance(prev, i, sample.uptimeCs, ts));
          }
        }
      }
      if (o.status !== 'unknown') push('reachable', o.status === 'up' ? 1 : 0);
      push('snmp_rtt_ms', o.snmpProbe?.latencyMs);
      push('snmp_loss_percent', o.snmpProbe?.lossPercent);
      push('tcp_rtt_ms', o.tcpProbe?.latencyMs);
      push('tcp_loss_percent', o.tcpProbe?.lossPercent);
      push('cpu_percent', sample?.cpuPercent);
      push('memory_percent', sample?.memoryPercent);
      push('temperature_c', sample?.temperatureC);
      push('uptime_s', sample?.uptimeCs != null ? sample.uptimeCs / 100 : null);
      if (o.status !== status) {
        await recordChange(tx, systemActor, {
          ispId: device.ispId, action: 'noc_device.status_changed', entityType: 'noc_device', entityId: device.id,
          before: { status }, after: { status: o.status, error: o.error, name: current.name, parent_id: current.parentId, site: current.site, at: ts.toISOString() },
        });
        status = o.status;
        changedAt = ts;
      }
      if (o.status === 'up') lastSeen = ts;
    }
    await insertMetrics(tx, points);
    const last = list.at(-1)!;
    const reach = last.snmpProbe ?? last.tcpProbe;
    const [after] = await tx.update(nocDevices).set({
      status: status as DeviceStatus, statusChangedAt: changedAt, lastPolledAt: last.startedAt, lastSeenAt: lastSeen, lastError: last.error,
      ...(last.sample && {
        sysDescr: last.sample.sysDescr, sysName: last.sample.sysName, sysObjectId: last.sample.sysObjectId,
        uptimeS: last.sample.uptimeCs !== null ? Math.floor(last.sample.uptimeCs / 100) : null,
        cpuPercent: last.sample.cpuPercent, memoryPercent: last.sample.memoryPercent,
      }),
      latencyMs: reach?.latencyMs ?? null, lossPercent: reach?.lossPercent ?? null,
    }).where(eq(nocDevices.id, device.id)).returning();
    return after!;
  });
}

/** The interface row as a poll leaves it: what the next poll's rates are computed against. */
function advance(prev: PrevInterface, i: NonNullable<NonNullable<PollOutcome['sample']>['interfaces']>[number], uptimeCs: number | null, ts: Date): PrevInterface {
  const s = (v: bigint | null) => (v === null ? null : v.toString());
  return {
    ...prev, counterBits: i.counterBits, operStatus: i.operStatus, lastInOctets: s(i.inOctets), lastOutOctets: s(i.outOctets),
    lastInErrors: s(i.inErrors), lastOutErrors: s(i.outErrors), lastInDiscards: s(i.inDiscards), lastOutDiscards: s(i.outDiscards),
    lastUptimeCs: uptimeCs, lastSampleAt: ts,
  };
}
