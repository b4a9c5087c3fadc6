import type { SnmpColumns, SnmpSession, SnmpValue } from '../providers/snmp.ts';
import { readLldp, type LldpSample } from '../lldp/lldp-read.ts';
import { readResources } from './resources.ts';

/** OIDs the collector reads (numeric: Debian ships no MIB files, and numbers are unambiguous). */
export const oids = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  ifEntry: '1.3.6.1.2.1.2.2.1',
  ifXEntry: '1.3.6.1.2.1.31.1.1.1',
} as const;

// ifTable / ifXTable column numbers.
const ifCol = { descr: '2', type: '3', speed: '5', mac: '6', admin: '7', oper: '8', inOctets: '10', inDiscards: '13', inErrors: '14', outOctets: '16', outDiscards: '19', outErrors: '20' } as const;
const ifXCol = { name: '1', hcInOctets: '6', hcOutOctets: '10', highSpeed: '15', alias: '18' } as const;
const operStatuses = ['', 'up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown'];

export type InterfaceSample = {
  ifIndex: number;
  name: string;
  alias: string | null;
  ifType: number | null;
  mac: string | null;
  speedBps: number | null;
  adminStatus: string | null;
  operStatus: string | null;
  /** 64 when the ifHC* counters exist, else the 32-bit ifTable ones. */
  counterBits: 32 | 64;
  inOctets: bigint | null;
  outOctets: bigint | null;
  inErrors: bigint | null;
  outErrors: bigint | null;
  inDiscards: bigint | null;
  outDiscards: bigint | null;
};

export type DeviceSample = {
  at: number;
  sysDescr: string | null;
  sysObjectId: string | null;
  sysName: string | null;
  uptimeCs: number | null;
  /** null when the interface walk failed (the agent answered the system group): keep the last state. */
  interfaces: InterfaceSample[] | null;
  /** What failed after the system group answered. */
  partialError: string | null;
  cpuPercent: number | null;
  memoryPercent: number | null;
  temperatureC: number | null;
  /** LLDP neighbours; null when the read failed (keep the stored ones). */
  lldp: LldpSample | null;
};

const text = (v: SnmpValue | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const s = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return s.replace(/\0+$/, '').trim() || null;
};
const num = (v: SnmpValue | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const big = (v: SnmpValue | undefined): bigint | null => (typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(v) : null);
const mac = (v: SnmpValue | undefined) =>
  Buffer.isBuffer(v) && v.length === 6 ? [...v].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':') : null;

function column(cols: SnmpColumns, base: string, c: string) {
  return cols.get(`${base}.${c}`) ?? new Map<string, SnmpValue>();
}

/** The system group: also the reachability answer of the poll. */
export async function readSystem(session: SnmpSession) {
  const v = await session.get([oids.sysDescr, oids.sysObjectID, oids.sysUpTime, oids.sysName]);
  if (v.size === 0) throw new Error('The agent answered without the system group');
  return { sysDescr: text(v.get(oids.sysDescr)), sysObjectId: text(v.get(oids.sysObjectID)), uptimeCs: num(v.get(oids.sysUpTime)), sysName: text(v.get(oids.sysName)) };
}

export async function readInterfaces(session: SnmpSession): Promise<InterfaceSample[]> {
  const ifCols = Object.values(ifCol).map((c) => `${oids.ifEntry}.${c}`);
  const xCols = Object.values(ifXCol).map((c) => `${oids.ifXEntry}.${c}`);
  const cols = await session.walkColumns([...ifCols, ...xCols]);
  const t = (c: string) => column(cols, oids.ifEntry, c);
  const x = (c: string) => column(cols, oids.ifXEntry, c);
  const out: InterfaceSample[] = [];
  for (const [index, descr] of t(ifCol.descr)) {
    const hcIn = big(x(ifXCol.hcInOctets).get(index));
    const hcOut = big(x(ifXCol.hcOutOctets).get(index));
    const hc = hcIn !== null && hcOut !== null;
    const highSpeed = num(x(ifXCol.highSpeed).get(index));
    const speed = num(t(ifCol.speed).get(index));
    // ifSpeed saturates at 4.29 Gb/s; ifHighSpeed (Mb/s) is right above that.
    const speedBps = highSpeed && (speed === null || speed >= 4_294_967_295 || highSpeed * 1e6 > speed) ? highSpeed * 1_000_000 : speed;
    const admin = num(t(ifCol.admin).get(index));
    const oper = num(t(ifCol.oper).get(index));
    out.push({
      ifIndex: Number(index),
      name: text(x(ifXCol.name).get(index)) ?? text(descr) ?? `if${index}`,
      alias: text(x(ifXCol.alias).get(index)),
      ifType: num(t(ifCol.type).get(index)),
      mac: mac(t(ifCol.mac).get(index)),
      speedBps: speedBps || null,
      adminStatus: admin === null ? null : (operStatuses[admin] ?? String(admin)),
      operStatus: oper === null ? null : (operStatuses[oper] ?? String(oper)),
      counterBits: hc ? 64 : 32,
      inOctets: hc ? hcIn : big(t(ifCol.inOctets).get(index)),
      outOctets: hc ? hcOut : big(t(ifCol.outOctets).get(index)),
      inErrors: big(t(ifCol.inErrors).get(index)),
      outErrors: big(t(ifCol.outErrors).get(index)),
      inDiscards: big(t(ifCol.inDiscards).get(index)),
      outDiscards: big(t(ifCol.outDiscards).get(index)),
    });
  }
  return out.filter((i) => Number.isInteger(i.ifIndex) && i.ifIndex > 0);
}

/** One full poll of an agent: system, interfaces, resources, and LLDP when asked. Throws when the agent does not answer. */
export async function pollAgent(session: SnmpSession, vendor: string, withLldp = true): Promise<DeviceSample> {
  const system = await readSystem(session);
  const at = Date.now();
  let partialError: string | null = null;
  const interfaces = await readInterfaces(session).catch((err: Error) => {
    partialError = `Interface walk failed: ${err.message}`;
    return null;
  });
  // CPU and memory are optional: many devices do not implement HOST-RESOURCES-MIB.
  const resources = await readResources(session, vendor, system.sysObjectId).catch(() => ({ cpuPercent: null, memoryPercent: null, temperatureC: null }));
  const lldp = withLldp ? await readLldp(session).catch(() => null) : null;
  return { at, ...system, interfaces, partialError, ...resources, lldp };
}
