import type { SnmpSession, SnmpValue } from '../providers/snmp.ts';

/** CPU, memory and temperature objects: HOST-RESOURCES-MIB first, vendor MIBs where it is absent. */
export const resourceOids = {
  hrProcessorLoad: '1.3.6.1.2.1.25.3.3.1.2',
  hrStorageEntry: '1.3.6.1.2.1.25.2.3.1',
  hrStorageRam: '1.3.6.1.2.1.25.2.1.2',
  // CISCO-PROCESS-MIB cpmCPUTotalEntry: 5-minute busy % (Rev: 0..100 Gauge32, the old one
  // 1..100), the 5-second one for images without it; memory used/free of each CPU in KB.
  ciscoCpu5minRev: '1.3.6.1.4.1.9.9.109.1.1.1.1.8',
  ciscoCpu5min: '1.3.6.1.4.1.9.9.109.1.1.1.1.5',
  ciscoCpu5secRev: '1.3.6.1.4.1.9.9.109.1.1.1.1.6',
  ciscoCpuMemUsed: '1.3.6.1.4.1.9.9.109.1.1.1.1.12',
  ciscoCpuMemFree: '1.3.6.1.4.1.9.9.109.1.1.1.1.13',
  // CISCO-MEMORY-POOL-MIB ciscoMemoryPoolUsed/Free, on images whose CISCO-PROCESS-MIB lacks memory.
  ciscoPoolUsed: '1.3.6.1.4.1.9.9.48.1.1.1.5',
  ciscoPoolFree: '1.3.6.1.4.1.9.9.48.1.1.1.6',
  // MIKROTIK-MIB mtxrHealth: mtxrHlTemperature (board) and mtxrHlProcessorTemperature, 0.1 °C.
  // MIKROTIK-MIB has no CPU or memory objects: RouterOS reports them through HOST-RESOURCES-MIB
  // (hrProcessorLoad per core; RAM as hrStorage "main memory").
  mikrotikTemperature: '1.3.6.1.4.1.14988.1.1.3.10.0',
  mikrotikCpuTemperature: '1.3.6.1.4.1.14988.1.1.3.11.0',
} as const;

const enterprise = { cisco: '1.3.6.1.4.1.9.', mikrotik: '1.3.6.1.4.1.14988.' } as const;

/** The MIB family to read: the agent's sysObjectID says it better than the inventory's vendor field. */
export function mibVendor(vendor: string, sysObjectId: string | null): string {
  const oid = (sysObjectId ?? '').replace(/^\./, '');
  if (oid.startsWith(enterprise.cisco)) return 'cisco';
  if (oid.startsWith(enterprise.mikrotik)) return 'mikrotik';
  return vendor;
}

const num = (v: SnmpValue | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const text = (v: SnmpValue | undefined) => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v)).replace(/^\./, '');
const values = (m: Map<string, SnmpValue> | undefined) => [...(m?.values() ?? [])].map(num).filter((n): n is number => n !== null);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

type Resources = { cpuPercent: number | null; memoryPercent: number | null; temperatureC: number | null };

async function hostResources(session: SnmpSession): Promise<Resources> {
  const e = resourceOids.hrStorageEntry;
  const hr = await session.walkColumns([resourceOids.hrProcessorLoad, `${e}.2`, `${e}.3`, `${e}.5`, `${e}.6`]);
  let memoryPercent: number | null = null;
  for (const [index, type] of hr.get(`${e}.2`) ?? []) {
    // RouterOS names its RAM "main memory"; some builds type it hrStorageOther.
    if (text(type) !== resourceOids.hrStorageRam && text(hr.get(`${e}.3`)?.get(index)).toLowerCase() !== 'main memory') continue;
    const size = num(hr.get(`${e}.5`)?.get(index));
    const used = num(hr.get(`${e}.6`)?.get(index));
    if (size && used !== null) memoryPercent = (100 * used) / size;
    break;
  }
  return { cpuPercent: mean(values(hr.get(resourceOids.hrProcessorLoad))), memoryPercent, temperatureC: null };
}

async function cisco(session: SnmpSession): Promise<Resources> {
  const o = resourceOids;
  const c = await session.walkColumns([o.ciscoCpu5minRev, o.ciscoCpu5min, o.ciscoCpu5secRev, o.ciscoCpuMemUsed, o.ciscoCpuMemFree]);
  const cpuPercent = mean(values(c.get(o.ciscoCpu5minRev))) ?? mean(values(c.get(o.ciscoCpu5min))) ?? mean(values(c.get(o.ciscoCpu5secRev)));
  let used = sum(values(c.get(o.ciscoCpuMemUsed)));
  let free = sum(values(c.get(o.ciscoCpuMemFree)));
  if (used + free === 0) {
    const pool = await session.walkColumns([o.ciscoPoolUsed, o.ciscoPoolFree]);
    used = sum(values(pool.get(o.ciscoPoolUsed)));
    free = sum(values(pool.get(o.ciscoPoolFree)));
  }
  return { cpuPercent, memoryPercent: used + free > 0 ? (100 * used) / (used + free) : null, temperatureC: null };
}

async function mikrotikTemperature(session: SnmpSession): Promise<number | null> {
  const v = await session.get([resourceOids.mikrotikTemperature, resourceOids.mikrotikCpuTemperature]);
  const t = num(v.get(resourceOids.mikrotikTemperature)) ?? num(v.get(resourceOids.mikrotikCpuTemperature));
  return t === null ? null : t / 10;
}

/** CPU (mean over processors), memory in use, temperature; null for what the agent does not report. */
export async function readResources(session: SnmpSession, vendor: string, sysObjectId: string | null): Promise<Resources> {
  const family = mibVendor(vendor, sysObjectId);
  const r = await hostResources(session).catch(() => ({ cpuPercent: null, memoryPercent: null, temperatureC: null }));
  if (family === 'cisco' && (r.cpuPercent === null || r.memoryPercent === null)) {
    const c = await cisco(session);
    r.cpuPercent ??= c.cpuPercent;
    r.memoryPercent ??= c.memoryPercent;
  }
  if (family === 'mikrotik') r.temperatureC = await mikrotikTemperature(session).catch(() => null);
  return r;
}
