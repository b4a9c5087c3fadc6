import { eq } from 'drizzle-orm';
import { withScope } from '../../../platform/db/scope.ts';
import { type DeviceRow, type InterfaceSample, nocDevices, type PollOutcome, storePollSeries } from '../../../modules/noc/index.ts';
import { inWindow } from './incidents.ts';
import { UPLOAD_SHARE } from './traffic.ts';
import type { IspRun } from './run-state.ts';

/**
 * What the ISP's collector would have polled: the edge router's transit link and core side, each
 * BNG's uplink and access side, and the OLT, as SNMP agents report them (64-bit octet counters,
 * sysUpTime, CPU and memory), stored through the collector's store, which makes the rates and
 * the status changes. The links carry the lines' own traffic, hour by hour. The transit link is
 * a bond sized with headroom and upgraded when the busy hour passes 80 %; the incidents
 * (a member of the bond down, a BNG down for an evening, a flood of inbound traffic) show here
 * at the same times as in sessions and tickets. One poll an hour, every five minutes around
 * incidents and on the last day, one in three hours before the last 90 days.
 */
type Link = { name: string; speed: number; inOctets: bigint; outOctets: bigint; discards: bigint };
type Dev = { row: DeviceRow; bootMs: number; links: Link[]; memory: number; lastMs: number; buffered: PollOutcome[] };
export type NocState = { capacity: number; edge: Dev; nases: Dev[]; access: Dev; sysDescr: string };

const standardSizes = [100e6, 200e6, 500e6, 1e9, 2e9, 5e9, 10e9, 20e9, 40e9, 100e9, 200e9, 400e9];
const sizeAtLeast = (bps: number) => standardSizes.find((s) => s >= bps) ?? standardSizes.at(-1)!;

export async function loadNoc(r: IspRun): Promise<NocState> {
  const load = async (id: string, links: string[], speeds: number[]): Promise<Dev> => {
    const [row] = await withScope(r.ctx.db, r.isp.scope, (tx) => tx.select().from(nocDevices).where(eq(nocDevices.id, id)));
    const bootMs = r.dayStart - r.rng.int(5, 200) * 86_400_000;
    return { row: row!, bootMs, links: links.map((name, i) => ({ name, speed: speeds[i]!, inOctets: 0n, outOctets: 0n, discards: 0n })), memory: r.rng.between(30, 45), lastMs: r.dayStart, buffered: [] };
  };
  return {
    capacity: 0,
    edge: await load(r.isp.net.edgeId, ['sfp-sfpplus1', 'bond-core'], [0, 20e9]),
    // One after another: each load draws from the seeded generator, so their order must not depend on which query returns first.
    nases: await sequentially(r.isp.net.nases, (n) => load(n.deviceId, ['sfp-uplink', 'pppoe-access'], [10e9, 10e9])),
    access: await load(r.isp.net.accessId, ['uplink', 'gpon-0/1'], [10e9, 2.5e9]),
    sysDescr: 'RouterOS 7.16',
  };
}

async function sequentially<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await f(item));
  return out;
}

/** Decides how much of today's demand got through, from the NAS loads of the traffic pass. */
export function carryOfDay(r: IspRun, noc: NocState, dayIndex: number): void {
  const total = Array.from({ length: 24 }, (_, h) => r.load.reduce((a, n) => a + n[h]!, 0));
  const peakBps = Math.max(...total) * 8 / 3600;
  if (noc.capacity === 0) noc.capacity = sizeAtLeast(Math.max(peakBps / 0.45, 1));
  const sat = r.incidents.saturation;
  const effective = dayIndex >= sat.from && dayIndex <= sat.to ? noc.capacity / 2 : noc.capacity;
  let demand = 0;
  let carried = 0;
  for (const bytes of total) {
    demand += bytes;
    carried += Math.min(bytes, (0.97 * effective * 3600) / 8);
  }
  r.carried = demand > 0 ? carried / demand : 1;
  // Capacity planning: the busy hour above 80 % of the link (on a day with the bond whole) orders the next size.
  if (effective === noc.capacity && peakBps > 0.8 * noc.capacity) noc.capacity = sizeAtLeast(noc.capacity * 1.6);
}

/** The day's polls of every device of the ISP, each device's series in one store call. */
export async function pollsOfDay(r: IspRun, noc: NocState, dayIndex: number): Promise<void> {
  const last = dayIndex >= r.days.length - 1;
  const { nasOutage: out, ddos, saturation: sat } = r.incidents;
  const dense = (h: number) => last || (dayIndex === out.day && h >= out.fromHour - 1) || (dayIndex === ddos.day && h >= ddos.fromHour - 1 && h <= ddos.toHour + 1)
    || (dayIndex >= sat.from && dayIndex <= sat.to && h >= 18 && h < 23);
  // Older than the 5-minute rollups are kept (90 days), one poll in three hours is enough for the hourly series' shape.
  const every = r.days.length - dayIndex > 90 ? 180 : 60;
  const times: number[] = [];
  const endHour = (r.endMs - r.dayStart) / 3_600_000;
  for (let m = 0; m < 24 * 60 && m / 60 < endHour; m += 5) if (m % every === 0 || dense(m / 60)) times.push(m / 60);
  const effective = dayIndex >= sat.from && dayIndex <= sat.to ? noc.capacity / 2 : noc.capacity;
  const perHour = (h: number, nas: number | null) => {
    const raw = nas === null ? r.load.reduce((a, n) => a + n[h]!, 0) : r.load[nas]![h]!;
    const total = r.load.reduce((a, n) => a + n[h]!, 0);
    const cap = (0.97 * effective * 3600) / 8;
    return total > cap ? raw * (cap / total) : raw;
  };
  const dropped = (h: number) => Math.max(0, r.load.reduce((a, n) => a + n[h]!, 0) - (0.97 * effective * 3600) / 8);
  const between = (from: number, to: number, f: (h: number) => number) => {
    let bytes = 0;
    for (let h = Math.floor(from); h < Math.ceil(to) && h < 24; h++) bytes += f(h) * (Math.min(h + 1, to) - Math.max(h, from));
    return bytes;
  };
  const ddosBytes = (from: number, to: number) => (dayIndex === ddos.day ? Math.max(0, Math.min(to, ddos.toHour) - Math.max(from, ddos.fromHour)) * 0.92 * noc.capacity * 3600 / 8 : 0);

  const series = new Map<Dev, PollOutcome[]>();
  const devices = [noc.edge, ...noc.nases, noc.access];
  for (const d of devices) series.set(d, []);
  let prevHour = 0;
  const prevMs = noc.edge.lastMs;
  for (const hour of times) {
    const from = prevMs >= r.dayStart ? prevHour : 0;
    // Traffic since the previous poll: yesterday's last hour is carried in the counters already.
    const at = r.dayStart + hour * 3_600_000 + 2_000;
    const edgeBytes = between(from, hour, (h) => perHour(h, null));
    const attack = ddosBytes(from, hour);
    const busy = edgeBytes * 8 / Math.max(1, (hour - from) * 3600) / Math.max(1, effective);
    noc.edge.links[0]!.speed = effective;
    noc.edge.links[0]!.inOctets += BigInt(Math.round(edgeBytes * (1 - UPLOAD_SHARE) + attack));
    noc.edge.links[0]!.outOctets += BigInt(Math.round(edgeBytes * UPLOAD_SHARE));
    noc.edge.links[0]!.discards += BigInt(Math.round(between(from, hour, dropped) / 1400));
    noc.edge.links[1]!.inOctets += BigInt(Math.round(edgeBytes * UPLOAD_SHARE));
    noc.edge.links[1]!.outOctets += BigInt(Math.round(edgeBytes * (1 - UPLOAD_SHARE)));
    const underAttack = dayIndex === ddos.day && inWindow(hour, ddos.fromHour, ddos.toHour + 0.1);
    series.get(noc.edge)!.push(poll(r, noc, noc.edge, at, true, underAttack ? r.rng.between(91, 98) : 9 + 45 * Math.min(1, busy) + r.rng.normal(0, 2)));
    for (const [i, nas] of noc.nases.entries()) {
      const down = dayIndex === out.day && out.nasIndex === i && inWindow(hour, out.fromHour, out.toHour);
      if (dayIndex === out.day && out.nasIndex === i && hour >= out.toHour && nas.bootMs < r.dayStart + out.fromHour * 3_600_000) {
        // The BNG came back by rebooting: sysUpTime and the counters start again from zero.
        nas.bootMs = r.dayStart + out.toHour * 3_600_000;
        for (const l of nas.links) [l.inOctets, l.outOctets] = [0n, 0n];
      }
      const bytes = between(from, hour, (h) => perHour(h, i));
      nas.links[0]!.inOctets += BigInt(Math.round(bytes * (1 - UPLOAD_SHARE)));
      nas.links[0]!.outOctets += BigInt(Math.round(bytes * UPLOAD_SHARE));
      nas.links[1]!.inOctets += BigInt(Math.round(bytes * UPLOAD_SHARE));
      nas.links[1]!.outOctets += BigInt(Math.round(bytes * (1 - UPLOAD_SHARE)));
      series.get(nas)!.push(poll(r, noc, nas, at, !down, 12 + 40 * Math.min(1, bytes * 8 / Math.max(1, (hour - from) * 3600) / 10e9) + r.rng.normal(0, 2)));
      if (i === 0) {
        noc.access.links[0]!.inOctets += BigInt(Math.round(bytes * (1 - UPLOAD_SHARE)));
        noc.access.links[0]!.outOctets += BigInt(Math.round(bytes * UPLOAD_SHARE));
        noc.access.links[1]!.inOctets += BigInt(Math.round(bytes * UPLOAD_SHARE));
        noc.access.links[1]!.outOctets += BigInt(Math.round(bytes * (1 - UPLOAD_SHARE)));
        // The OLT is managed through its BNG: unreachable while the BNG is down.
        series.get(noc.access)!.push(poll(r, noc, noc.access, at, !down, 18 + r.rng.normal(0, 3)));
      }
    }
    prevHour = hour;
  }
  // The rest of the day's traffic goes into the counters now and shows in tomorrow's first rate.
  const tail = between(prevHour, 24, (h) => perHour(h, null));
  noc.edge.links[0]!.inOctets += BigInt(Math.round(tail * (1 - UPLOAD_SHARE)));
  noc.edge.links[0]!.outOctets += BigInt(Math.round(tail * UPLOAD_SHARE));
  noc.edge.links[1]!.inOctets += BigInt(Math.round(tail * UPLOAD_SHARE));
  noc.edge.links[1]!.outOctets += BigInt(Math.round(tail * (1 - UPLOAD_SHARE)));
  for (const [i, nas] of noc.nases.entries()) {
    const b = between(prevHour, 24, (h) => perHour(h, i));
    nas.links[0]!.inOctets += BigInt(Math.round(b * (1 - UPLOAD_SHARE)));
    nas.links[0]!.outOctets += BigInt(Math.round(b * UPLOAD_SHARE));
    nas.links[1]!.inOctets += BigInt(Math.round(b * UPLOAD_SHARE));
    nas.links[1]!.outOctets += BigInt(Math.round(b * (1 - UPLOAD_SHARE)));
    if (i === 0) {
      noc.access.links[0]!.inOctets += BigInt(Math.round(b * (1 - UPLOAD_SHARE)));
      noc.access.links[0]!.outOctets += BigInt(Math.round(b * UPLOAD_SHARE));
      noc.access.links[1]!.inOctets += BigInt(Math.round(b * UPLOAD_SHARE));
      noc.access.links[1]!.outOctets += BigInt(Math.round(b * (1 - UPLOAD_SHARE)));
    }
  }
  for (const d of devices) {
    d.lastMs = r.dayStart + 86_400_000;
    d.buffered.push(...series.get(d)!);
  }
  // A week of polls per device and transaction: the store's work is per poll, its commit per call.
  if (dayIndex % 7 === 6 || dayIndex === r.days.length - 1) await flushPolls(r, noc);
}

export async function flushPolls(r: IspRun, noc: NocState): Promise<void> {
  for (const d of [noc.edge, ...noc.nases, noc.access]) {
    if (d.buffered.length === 0) continue;
    await r.pause();
    d.row = await storePollSeries(r.ctx, d.row, d.buffered);
    r.stats.polls += d.buffered.length;
    d.buffered = [];
  }
}

function poll(r: IspRun, noc: NocState, d: Dev, at: number, up: boolean, cpu: number): PollOutcome {
  const startedAt = new Date(at - 40);
  if (!up) return { startedAt, status: 'down', error: 'SNMP request timed out', sample: null, snmpProbe: { sent: 3, received: 0, latencyMs: null, lossPercent: 100 }, tcpProbe: null };
  d.memory = Math.min(85, Math.max(20, d.memory + r.rng.normal(0.002, 0.05)));
  const interfaces: InterfaceSample[] = d.links.map((l, i) => ({
    ifIndex: i + 1, name: l.name, alias: i === 0 ? 'uplink' : null, ifType: 6, mac: null, speedBps: Math.round(l.speed), adminStatus: 'up', operStatus: 'up', counterBits: 64,
    inOctets: l.inOctets, outOctets: l.outOctets, inErrors: null, outErrors: null, inDiscards: d === noc.edge && i === 0 ? l.discards % 4_294_967_296n : null, outDiscards: null,
  }));
  return {
    startedAt, status: 'up', error: null, tcpProbe: null,
    snmpProbe: { sent: 3, received: 3, latencyMs: Math.round(r.rng.logNormal(0.8, 0.3) * 100) / 100, lossPercent: 0 },
    sample: {
      at, sysDescr: noc.sysDescr, sysObjectId: '1.3.6.1.4.1.14988.1', sysName: d.row.name, uptimeCs: Math.round((at - d.bootMs) / 10), interfaces, partialError: null,
      cpuPercent: Math.round(Math.min(100, Math.max(1, cpu)) * 10) / 10, memoryPercent: Math.round(d.memory * 10) / 10, temperatureC: null, lldp: null,
    },
  };
}
