import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { startSnmpd, type Snmpd } from '../../../test/snmpd.ts';
import { loadConfig } from '../../../platform/config/config.ts';
import { addDevice as insertDevice } from '../../../test/noc-test-devices.ts';

/**
 * LLDP-MIB served by a real snmpd: Net-SNMP has no LLDP module, so the rows are served with
 * `override` (snmpd.conf(5)), exactly as an agent implementing LLDP-MIB would answer them.
 */
type Row = { port: number; rem: number; chassis: string; chassisSubtype: number; portId: string; portSubtype: number; portDesc?: string; sysName?: string; mgmtIp?: string };
const lldp = '1.0.8802.1.1.2.1';
const quote = (v: string) => (v.startsWith('0x') ? v : `"${v}"`);
function lldpConfig(localChassisHex: string, localPorts: Record<number, string>, rows: Row[]): string[] {
  const lines = [`override ${lldp}.3.1.0 integer 4`, `override ${lldp}.3.2.0 octet_str ${localChassisHex}`];
  for (const [num, name] of Object.entries(localPorts)) {
    lines.push(`override ${lldp}.3.7.1.2.${num} integer 5`, `override ${lldp}.3.7.1.3.${num} octet_str ${quote(name)}`, `override ${lldp}.3.7.1.4.${num} octet_str "port ${name}"`);
  }
  for (const r of rows) {
    const idx = `0.${r.port}.${r.rem}`;
    lines.push(
      `override ${lldp}.4.1.1.4.${idx} integer ${r.chassisSubtype}`, `override ${lldp}.4.1.1.5.${idx} octet_str ${quote(r.chassis)}`,
      `override ${lldp}.4.1.1.6.${idx} integer ${r.portSubtype}`, `override ${lldp}.4.1.1.7.${idx} octet_str ${quote(r.portId)}`,
    );
    if (r.portDesc) lines.push(`override ${lldp}.4.1.1.8.${idx} octet_str ${quote(r.portDesc)}`);
    if (r.sysName) lines.push(`override ${lldp}.4.1.1.9.${idx} octet_str ${quote(r.sysName)}`);
    if (r.mgmtIp) lines.push(`override ${lldp}.4.2.1.3.${idx}.1.4.${r.mgmtIp} integer 2`);
  }
  return lines;
}

const toCore: Row = { port: 1, rem: 1, chassisSubtype: 4, chassis: '0xAABBCC000001', portSubtype: 5, portId: 'xe-1/0/0', sysName: 'not-in-inventory-by-name', mgmtIp: '127.0.1.1' };
const toDist: Row = { port: 2, rem: 2, chassisSubtype: 7, chassis: 'dist-2-chassis', portSubtype: 5, portId: 'Gi0/48', sysName: 'dist-2.pop.example.net' };
const toAgg: Row = { port: 3, rem: 3, chassisSubtype: 4, chassis: '0x020000000002', portSubtype: 5, portId: 'eth9' };
const toCpe: Row = { port: 4, rem: 4, chassisSubtype: 4, chassis: '0x0A0000000009', portSubtype: 3, portId: '0x0A0000000009', portDesc: 'wan', sysName: 'customer-cpe' };
const edgePorts = { 1: 'ge-0/0/1', 2: 'ge-0/0/2', 3: 'ge-0/0/3', 4: 'ge-0/0/4' };

let server: TestServer;
let api: Client;
let isp: IspFixture;
let other: IspFixture;
const agents: Snmpd[] = [];
const noc = { ...loadConfig({ NODE_ENV: 'test', SECRET_KEY: '0'.repeat(64) }, '/tmp').noc, snmpTimeoutMs: 1000, snmpRetries: 0 };

beforeAll(async () => {
  agents.push(await startSnmpd(undefined, lldpConfig('0x020000000001', edgePorts, [toCore, toDist, toAgg, toCpe])));
  // agg-b sees edge-a on its eth9: the same cable from the other end.
  agents.push(await startSnmpd(undefined, lldpConfig('0x020000000002', { 9: 'eth9' }, [{ port: 9, rem: 1, chassisSubtype: 4, chassis: '0x020000000001', portSubtype: 5, portId: 'ge-0/0/3' }])));
  // edge-a later: only the core is left.
  agents.push(await startSnmpd(undefined, lldpConfig('0x020000000001', edgePorts, [toCore])));
  server = await startTestServer({ noc });
  api = client(server.app);
  const founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'noc-lldp');
  other = await createIspFixture(api, founder, 'noc-lldp-other');
}, 120_000);
afterAll(async () => {
  await server?.close();
  for (const a of agents) await a.stop();
});

const base = () => `/api/noc/${isp.id}`;
const tok = () => ({ token: isp.adminToken });
async function add(body: Record<string, unknown>) {
  const r = await api.post(`${base()}/devices`, { ...tok(), body });
  expect(r.status, r.text).toBe(201);
  return r.json.id as string;
}
const poll = async (id: string) => {
  const r = await api.post(`${base()}/devices/${id}/poll`, tok());
  expect(r.status, r.text).toBe(200);
  expect(r.json.status, r.json.last_error).toBe('up');
};
type Neighbour = { local_port: string; sys_name: string | null; chassis_id: string; port_id: string; port_desc: string | null; mgmt_ip: string | null; remote_device_id: string | null; matched_by: string | null; first_seen_at: string };
const neighbours = async (id: string) => {
  const r = await api.get(`${base()}/devices/${id}/neighbours`, tok());
  expect(r.status, r.text).toBe(200);
  return r.json as Neighbour[];
};

describe('LLDP neighbours over SNMP', () => {
  const ids = { edge: '', agg: '', core: '', dist: '' };

  it('reads lldpRemTable, lldpLocPortTable and lldpRemManAddrTable, and matches neighbours to devices of the same ISP only', async () => {
    // Another ISP has devices that would match by address and by name: never linked to ours.
    await insertDevice(server, other.id, { name: 'dist-2', ip: '127.0.1.1' });
    ids.core = await add({ name: 'core-1', mgmt_ip: '127.0.1.1', snmp_version: 'none' });
    ids.dist = await add({ name: 'dist-2', mgmt_ip: '127.0.1.2', snmp_version: 'none' });
    ids.agg = await add({ name: 'agg-b', mgmt_ip: '127.0.0.1', snmp_version: 'v2c', snmp_community: 'public', snmp_port: agents[1]!.port });
    ids.edge = await add({ name: 'edge-a', mgmt_ip: '127.0.0.1', snmp_version: 'v2c', snmp_community: 'public', snmp_port: agents[0]!.port, parent_id: ids.core });
    // agg-b first, so that its own chassis ID is known when edge-a's neighbours are matched.
    await poll(ids.agg);
    await poll(ids.edge);
    const list = await neighbours(ids.edge);
    expect(list.map((n) => [n.local_port, n.remote_device_id, n.matched_by])).toEqual([
      ['ge-0/0/1', ids.core, 'mgmt_ip'],
      ['ge-0/0/2', ids.dist, 'sys_name'],
      ['ge-0/0/3', ids.agg, 'chassis_id'],
      ['ge-0/0/4', null, null],
    ]);
    expect(list[0]).toMatchObject({ chassis_id: 'AA:BB:CC:00:00:01', port_id: 'xe-1/0/0', mgmt_ip: '127.0.1.1' });
    expect(list[1]).toMatchObject({ chassis_id: 'dist-2-chassis', port_id: 'Gi0/48', sys_name: 'dist-2.pop.example.net' });
    expect(list[3]).toMatchObject({ chassis_id: '0A:00:00:00:00:09', port_id: '0A:00:00:00:00:09', port_desc: 'wan', sys_name: 'customer-cpe' });
    const device = await api.get(`${base()}/devices/${ids.edge}`, tok());
    expect(device.json.status).toBe('up');
  });

  it('the topology has the LLDP links beside the uplinks; a cable both ends report is one link', async () => {
    await poll(ids.agg); // now edge-a's chassis ID is known to match agg-b's neighbour
    expect((await neighbours(ids.agg)).map((n) => [n.local_port, n.remote_device_id, n.matched_by])).toEqual([['eth9', ids.edge, 'chassis_id']]);
    const t = await api.get(`${base()}/topology`, tok());
    expect(t.status, t.text).toBe(200);
    expect(t.json.nodes.find((n: { id: string }) => n.id === ids.edge).parent_id).toBe(ids.core);
    const links = t.json.lldp_links as { device_id: string; local_port: string; remote_device_id: string | null; remote_name: string; remote_port: string; both_ends: boolean }[];
    expect(links).toHaveLength(4);
    const agg = links.filter((l) => [l.device_id, l.remote_device_id].includes(ids.agg));
    expect(agg).toHaveLength(1);
    expect(agg[0]).toMatchObject({ both_ends: true });
    expect(links.find((l) => l.remote_device_id === ids.core)).toMatchObject({ device_id: ids.edge, local_port: 'ge-0/0/1', remote_name: 'core-1', remote_port: 'xe-1/0/0', both_ends: false });
    // A neighbour outside the inventory is drawn by its name, its MAC port ID replaced by the port description.
    expect(links.find((l) => l.remote_device_id === null)).toMatchObject({ remote_name: 'customer-cpe', remote_port: 'wan' });
    const theirs = await api.get(`/api/noc/${other.id}/topology`, { token: other.adminToken });
    expect(theirs.json.lldp_links).toEqual([]);
  });

  it('neighbours that disappear are removed at the next poll; the ones that stay keep their first-seen time', async () => {
    const before = (await neighbours(ids.edge)).find((n) => n.local_port === 'ge-0/0/1')!;
    const r = await api.patch(`${base()}/devices/${ids.edge}`, { ...tok(), body: { snmp_port: agents[2]!.port } });
    expect(r.status, r.text).toBe(200);
    await poll(ids.edge);
    const after = await neighbours(ids.edge);
    expect(after.map((n) => n.local_port)).toEqual(['ge-0/0/1']);
    expect(after[0]!.first_seen_at).toBe(before.first_seen_at);
    const t = await api.get(`${base()}/topology`, tok());
    expect(t.json.lldp_links.map((l: { device_id: string; remote_device_id: string }) => [l.device_id, l.remote_device_id]))
      .toEqual(expect.arrayContaining([[ids.edge, ids.core], [ids.agg, ids.edge]]));
    expect(t.json.lldp_links).toHaveLength(2);
  });

  it('another ISP gets 404 for the neighbours, through its own path too', async () => {
    for (const url of [`${base()}/devices/${ids.edge}/neighbours`, `/api/noc/${other.id}/devices/${ids.edge}/neighbours`]) {
      const r = await api.get(url, { token: other.adminToken });
      expect(r.status, url).toBe(404);
      expect(r.text).not.toContain('xe-1/0/0');
    }
  });
});
