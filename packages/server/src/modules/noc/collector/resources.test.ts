import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { startSnmpd, type Snmpd } from '../../../test/snmpd.ts';
import { loadConfig } from '../../../platform/config/config.ts';
import { mibVendor } from './resources.ts';

// Agents without HOST-RESOURCES-MIB (its modules left out), the vendor objects served with
// snmpd's `override` as a Cisco IOS or RouterOS agent would answer them.
const noHostResources = ['-I', '-hr_proc,hr_storage,hrh_storage,hr_device,hr_system,hr_filesys,hr_swrun,hr_swinst,hr_disk,hr_network,hr_print,hr_other'];
const cpm = '1.3.6.1.4.1.9.9.109.1.1.1.1';
const ciscoIos = [
  'override 1.3.6.1.2.1.1.2.0 object_id 1.3.6.1.4.1.9.1.2066',
  `override ${cpm}.8.1 uinteger 37`, `override ${cpm}.8.2 uinteger 41`,
  `override ${cpm}.6.1 uinteger 90`, // the 5-second value is not the one used when the 5-minute one is there
  `override ${cpm}.12.1 uinteger 300000`, `override ${cpm}.13.1 uinteger 700000`,
];
const ciscoOld = [
  'override 1.3.6.1.2.1.1.2.0 object_id 1.3.6.1.4.1.9.1.122',
  `override ${cpm}.6.1 uinteger 12`,
  'override 1.3.6.1.4.1.9.9.48.1.1.1.5.1 uinteger 25000', 'override 1.3.6.1.4.1.9.9.48.1.1.1.6.1 uinteger 75000',
];
const routerOs = [
  'override 1.3.6.1.2.1.1.2.0 object_id 1.3.6.1.4.1.14988.1',
  'override 1.3.6.1.2.1.25.3.3.1.2.1 integer 20', 'override 1.3.6.1.2.1.25.3.3.1.2.2 integer 40',
  'override 1.3.6.1.2.1.25.2.3.1.2.65536 object_id 1.3.6.1.2.1.25.2.1.1',
  'override 1.3.6.1.2.1.25.2.3.1.3.65536 octet_str "main memory"',
  'override 1.3.6.1.2.1.25.2.3.1.5.65536 integer 262144', 'override 1.3.6.1.2.1.25.2.3.1.6.65536 integer 65536',
  'override 1.3.6.1.4.1.14988.1.1.3.10.0 integer 415',
];

let server: TestServer;
let api: Client;
let isp: IspFixture;
const agents: Snmpd[] = [];
const noc = { ...loadConfig({ NODE_ENV: 'test', SECRET_KEY: '0'.repeat(64) }, '/tmp').noc, snmpTimeoutMs: 1000, snmpRetries: 0 };

beforeAll(async () => {
  for (const config of [ciscoIos, ciscoOld, routerOs]) agents.push(await startSnmpd(undefined, config, noHostResources));
  server = await startTestServer({ noc });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'noc-vendor-mibs');
}, 120_000);
afterAll(async () => {
  await server?.close();
  for (const a of agents) await a.stop();
});

async function pollNew(name: string, vendor: string, agent: Snmpd) {
  const base = `/api/noc/${isp.id}/devices`;
  const created = await api.post(base, { token: isp.adminToken, body: { name, vendor, mgmt_ip: '127.0.0.1', snmp_version: 'v2c', snmp_community: 'public', snmp_port: agent.port } });
  expect(created.status, created.text).toBe(201);
  const r = await api.post(`${base}/${created.json.id}/poll`, { token: isp.adminToken });
  expect(r.status, r.text).toBe(200);
  expect(r.json.status, r.json.last_error).toBe('up');
  const m = await api.get(`${base}/${created.json.id}/metrics?metric=cpu_percent,memory_percent,temperature_c`, { token: isp.adminToken });
  const latest = Object.fromEntries(m.json.series.map((s: { metric: string; points: { max: number }[] }) => [s.metric, s.points.at(-1)?.max ?? null]));
  return { device: r.json as { cpu_percent: number | null; memory_percent: number | null; sys_object_id: string }, latest };
}

describe('CPU and memory from vendor MIBs where HOST-RESOURCES-MIB is absent', () => {
  it('Cisco (told by sysObjectID, whatever the inventory says): CISCO-PROCESS-MIB 5-minute CPU and its memory used/free', async () => {
    const { device, latest } = await pollNew('ios-router', 'other', agents[0]!);
    expect(device.sys_object_id).toBe('1.3.6.1.4.1.9.1.2066');
    expect(device.cpu_percent).toBe(39);
    expect(device.memory_percent).toBe(30);
    expect(latest).toMatchObject({ cpu_percent: 39, memory_percent: 30 });
  });

  it('older Cisco images: the 5-second CPU and CISCO-MEMORY-POOL-MIB', async () => {
    const { device } = await pollNew('old-ios', 'cisco', agents[1]!);
    expect(device.cpu_percent).toBe(12);
    expect(device.memory_percent).toBe(25);
  });

  it('MikroTik: hrProcessorLoad per core, the "main memory" storage row, and the MIKROTIK-MIB temperature', async () => {
    const { device, latest } = await pollNew('routeros', 'other', agents[2]!);
    expect(device.cpu_percent).toBe(30);
    expect(device.memory_percent).toBe(25);
    expect(latest.temperature_c).toBe(41.5);
  });

  it('the MIB family comes from sysObjectID first, the inventory vendor otherwise', () => {
    expect(mibVendor('other', '1.3.6.1.4.1.9.1.1')).toBe('cisco');
    expect(mibVendor('linux', '.1.3.6.1.4.1.14988.1')).toBe('mikrotik');
    expect(mibVendor('cisco', '1.3.6.1.4.1.8072.3.2.10')).toBe('cisco');
    expect(mibVendor('juniper', null)).toBe('juniper');
  });
});
