import type { AppContext } from '../../../platform/context.ts';
import type { DeviceRow } from '../devices.service.ts';
import { openSnmp, type SnmpTarget } from '../providers/snmp.ts';
import { oids, pollAgent, type DeviceSample } from './snmp-poll.ts';
import { probeSeries, tcpConnect, timed, type ProbeResult } from './reachability.ts';
import { storePoll, type PollOutcome } from './store.ts';

export type PollSettings = { snmpTimeoutMs: number; snmpRetries: number; tcpTimeoutMs: number };

/** The agent's address and opened credentials; null for devices without SNMP. */
export function snmpTarget(ctx: AppContext, d: DeviceRow, s: PollSettings): SnmpTarget | null {
  const base = { host: d.mgmtIp, port: d.snmpPort, timeoutMs: s.snmpTimeoutMs, retries: s.snmpRetries };
  const open = (v: string | null) => (v ? ctx.secrets.open(v) : null);
  if (d.snmpVersion === 'v2c' && d.snmpCommunityEnc) return { ...base, version: 'v2c', community: ctx.secrets.open(d.snmpCommunityEnc) };
  if (d.snmpVersion === 'v3' && d.snmpV3User && d.snmpV3Level)
    return {
      ...base, version: 'v3', user: d.snmpV3User, level: d.snmpV3Level,
      authProtocol: d.snmpV3AuthProtocol, authKey: open(d.snmpV3AuthKeyEnc), privProtocol: d.snmpV3PrivProtocol, privKey: open(d.snmpV3PrivKeyEnc),
    };
  return null;
}

/**
 * Cabling changes seldom, so LLDP tables are walked at most every ten minutes per device rather
 * than on every poll (they were a third of the collector's CPU); at once after the device's
 * settings change, and on an operator's "poll now". A missed read (null) keeps stored neighbours.
 */
const LLDP_REFRESH_MS = 10 * 60_000;
const lldpReadAt = new Map<string, { at: number; version: number }>();
function lldpDue(device: DeviceRow, force: boolean): boolean {
  const last = lldpReadAt.get(device.id);
  const version = device.updatedAt.getTime();
  if (!force && last && last.version === version && Date.now() - last.at < LLDP_REFRESH_MS) return false;
  lldpReadAt.set(device.id, { at: Date.now(), version });
  return true;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Polls one device: the SNMP walk (which is also the first reachability probe), further
 * SNMP GET probes for latency and loss, TCP connect probes when a port is set; then
 * stores everything. Up: the agent answered (or, without SNMP, the TCP port did).
 */
export async function pollDevice(ctx: AppContext, device: DeviceRow, settings: PollSettings, opts: { forceLldp?: boolean } = {}): Promise<DeviceRow> {
  const startedAt = new Date();
  const target = snmpTarget(ctx, device, settings);
  let sample: DeviceSample | null = null;
  let error: string | null = null;
  let snmpProbe: ProbeResult | null = null;
  if (target) {
    const session = openSnmp(target);
    try {
      sample = await pollAgent(session, device.vendor, lldpDue(device, opts.forceLldp ?? false));
      error = sample.partialError;
      // The poll proved the agent answers; the probes measure latency and loss of single GETs.
      snmpProbe = await probeSeries(device.probeCount, () => timed(() => session.get([oids.sysUpTime])));
    } catch (err) {
      error = message(err);
      // The failed walk already waited for its timeout and retries: all probes are lost.
      snmpProbe = { sent: device.probeCount, received: 0, latencyMs: null, lossPercent: 100 };
    } finally {
      session.close();
    }
  }
  const tcpProbe = device.tcpProbePort
    ? await probeSeries(device.probeCount, () => tcpConnect(device.mgmtIp, device.tcpProbePort!, settings.tcpTimeoutMs))
    : null;
  let status: PollOutcome['status'] = 'unknown';
  if (target) status = sample ? 'up' : 'down';
  else if (tcpProbe) status = tcpProbe.received > 0 ? 'up' : 'down';
  if (!target && tcpProbe && status === 'down') error = `TCP port ${device.tcpProbePort} did not accept a connection`;
  return storePoll(ctx, device, { startedAt, status, error, sample, snmpProbe, tcpProbe });
}
