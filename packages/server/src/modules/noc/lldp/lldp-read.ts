import type { SnmpColumns, SnmpSession, SnmpValue } from '../providers/snmp.ts';

/** LLDP-MIB (IEEE 802.1AB-2005, 1.0.8802.1.1.2): numeric, as the collector ships no MIB files. */
export const lldpOids = {
  locChassisIdSubtype: '1.0.8802.1.1.2.1.3.1.0',
  locChassisId: '1.0.8802.1.1.2.1.3.2.0',
  locPortEntry: '1.0.8802.1.1.2.1.3.7.1',
  remEntry: '1.0.8802.1.1.2.1.4.1.1',
  remManAddrEntry: '1.0.8802.1.1.2.1.4.2.1',
} as const;
// lldpLocPortTable columns (index lldpLocPortNum).
const locCol = { portIdSubtype: '2', portId: '3', portDesc: '4' } as const;
// lldpRemTable columns (index lldpRemTimeMark.lldpRemLocalPortNum.lldpRemIndex).
const remCol = { chassisIdSubtype: '4', chassisId: '5', portIdSubtype: '6', portId: '7', portDesc: '8', sysName: '9', sysDesc: '10' } as const;
// lldpRemManAddrIfSubtype: the only readable column; the address itself is in the row index.
const manAddrIfSubtype = '3';

export type LldpNeighbour = {
  localPortNum: number;
  /** lldpLocPortId of the local port (usually its ifName), else its description. */
  localPort: string | null;
  localPortDesc: string | null;
  chassisIdSubtype: number | null;
  chassisId: string;
  portIdSubtype: number | null;
  portId: string;
  portDesc: string | null;
  sysName: string | null;
  sysDesc: string | null;
  mgmtIp: string | null;
};

export type LldpSample = { localChassisId: string | null; neighbours: LldpNeighbour[] };

const num = (v: SnmpValue | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const hexMac = (b: Buffer) => [...b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(':');

function printable(v: SnmpValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)).replace(/\0+$/, '').trim();
  return s || null;
}

function ipFromBytes(bytes: number[]): string | null {
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
    // Uncompressed; PostgreSQL's inet normalises it.
    return groups.join(':');
  }
  return null;
}

/**
 * An LLDP ID (chassis or port) as text by its subtype: MAC addresses as AA:BB:..., network
 * addresses (IANA family byte + address) as an IP, names as they are, other binary as hex.
 * Chassis subtype 4 and port subtype 3 are macAddress; chassis 5 and port 4 networkAddress.
 */
export function formatLldpId(v: SnmpValue | undefined, subtype: number | null, kind: 'chassis' | 'port'): string | null {
  if (v === null || v === undefined) return null;
  if (!Buffer.isBuffer(v)) return printable(v);
  const macSubtype = kind === 'chassis' ? 4 : 3;
  const netSubtype = kind === 'chassis' ? 5 : 4;
  if (subtype === macSubtype && v.length === 6) return hexMac(v);
  if (subtype === netSubtype && v.length >= 5) {
    const ip = ipFromBytes([...v.subarray(1)]);
    if (ip) return ip;
  }
  const s = v.toString('utf8').replace(/\0+$/, '');
  if (s && /^[\x20-\x7e]+$/.test(s)) return s.trim();
  // A six-byte ID of another subtype is still most likely a MAC.
  return v.length === 6 ? hexMac(v) : v.toString('hex') || null;
}

/** The management addresses of lldpRemManAddrTable rows, by "localPortNum.remIndex". */
export function managementAddresses(rows: Map<string, SnmpValue>): Map<string, string> {
  const out = new Map<string, string>();
  for (const index of rows.keys()) {
    // timeMark.localPortNum.remIndex.addrSubtype.addrLen.addr...
    const p = index.split('.').map(Number);
    if (p.length < 6) continue;
    const [, port, rem, family, len] = p as [number, number, number, number, number];
    const bytes = p.slice(5, 5 + len);
    if (bytes.length !== len || (family !== 1 && family !== 2)) continue;
    const ip = ipFromBytes(bytes);
    const key = `${port}.${rem}`;
    // IPv4 first: the management IPs of our inventory are mostly v4.
    if (ip && (!out.has(key) || family === 1)) out.set(key, ip);
  }
  return out;
}

const col = (cols: SnmpColumns, base: string, c: string) => cols.get(`${base}.${c}`) ?? new Map<string, SnmpValue>();

/** Pure: the walked LLDP-MIB columns to neighbours (one per remote row). */
export function parseLldp(local: Map<string, SnmpValue>, cols: SnmpColumns): LldpSample {
  const l = (c: string) => col(cols, lldpOids.locPortEntry, c);
  const r = (c: string) => col(cols, lldpOids.remEntry, c);
  const addresses = managementAddresses(col(cols, lldpOids.remManAddrEntry, manAddrIfSubtype));
  const neighbours: LldpNeighbour[] = [];
  const seen = new Set<string>();
  for (const [index, rawChassis] of r(remCol.chassisId)) {
    const parts = index.split('.');
    if (parts.length !== 3) continue;
    const localPortNum = Number(parts[1]);
    const chassisIdSubtype = num(r(remCol.chassisIdSubtype).get(index));
    const portIdSubtype = num(r(remCol.portIdSubtype).get(index));
    const chassisId = formatLldpId(rawChassis, chassisIdSubtype, 'chassis');
    const portId = formatLldpId(r(remCol.portId).get(index), portIdSubtype, 'port') ?? '';
    if (!chassisId || !Number.isInteger(localPortNum)) continue;
    // After a time-mark change an agent may list a neighbour twice for a moment.
    const key = `${localPortNum}|${chassisId}|${portId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const locSubtype = num(l(locCol.portIdSubtype).get(String(localPortNum)));
    const localPortDesc = printable(l(locCol.portDesc).get(String(localPortNum)));
    neighbours.push({
      localPortNum,
      localPort: formatLldpId(l(locCol.portId).get(String(localPortNum)), locSubtype, 'port') ?? localPortDesc,
      localPortDesc,
      chassisIdSubtype, chassisId, portIdSubtype, portId,
      portDesc: printable(r(remCol.portDesc).get(index)),
      sysName: printable(r(remCol.sysName).get(index)),
      sysDesc: printable(r(remCol.sysDesc).get(index))?.slice(0, 500) ?? null,
      mgmtIp: addresses.get(`${parts[1]}.${parts[2]}`) ?? null,
    });
  }
  return { localChassisId: formatLldpId(local.get(lldpOids.locChassisId), num(local.get(lldpOids.locChassisIdSubtype)), 'chassis'), neighbours };
}

/** Reads LLDP-MIB: an agent without it yields no neighbours (and so clears the stored ones). */
export async function readLldp(session: SnmpSession): Promise<LldpSample> {
  const local = await session.get([lldpOids.locChassisIdSubtype, lldpOids.locChassisId]);
  // All columns of the three tables in one walk: each column advances on its own.
  const cols = await session.walkColumns([
    ...Object.values(locCol).map((c) => `${lldpOids.locPortEntry}.${c}`),
    ...Object.values(remCol).map((c) => `${lldpOids.remEntry}.${c}`),
    `${lldpOids.remManAddrEntry}.${manAddrIfSubtype}`,
  ]);
  return parseLldp(local, cols);
}
