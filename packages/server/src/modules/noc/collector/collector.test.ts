import { createServer, type Server } from 'node:net';
import { createSocket } from 'node:dgram';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { startSnmpd, type Snmpd } from '../../../test/snmpd.ts';
import { until } from '../../../test/until.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import { loadConfig } from '../../../platform/config/config.ts';
import { Collector } from './collector.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let agent: Snmpd;
let base: string;

const noc = { ...loadConfig({ NODE_ENV: 'test', SECRET_KEY: '0'.repeat(64) }, '/tmp').noc, snmpTimeoutMs: 400, snmpRetries: 0, tcpTimeoutMs: 400 };

beforeAll(async () => {
  agent = await startSnmpd();
  server = await startTestServer({ noc });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'noc-poll');
  base = `/api/noc/${isp.id}/devices`;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await agent?.stop();
});

async function addDevice(body: Record<string, unknown>) {
  const r = await api.post(base, { token: isp.adminToken, body: { mgmt_ip: '127.0.0.1', ...body } });
  expect(r.status, r.text).toBe(201);
  return r.json as { id: string };
}
const poll = async (id: string) => {
  const r = await api.post(`${base}/${id}/poll`, { token: isp.adminToken });
  expect(r.status, r.text).toBe(200);
  return r.json;
};
const interfaces = async (id: string) => (await api.get(`${base}/${id}/interfaces`, { token: isp.adminToken })).json as { id: string; name: string; in_bps: number | null; oper_status: string }[];
const counters = (id: string) => withScope(server.ctx.db, platformScope, (tx) =>
  rows<{ name: string; last_in_octets: string }>(tx, sql`SELECT name, last_in_octets::text FROM noc_interfaces WHERE device_id = ${id}::uuid`));

/** Loopback traffic the agent will count on `lo`: datagrams to a socket of our own. */
async function loopbackTraffic(bytes: number) {
  const rx = createSocket('udp4');
  await new Promise<void>((r) => rx.bind(0, '127.0.0.1', () => r()));
  const tx = createSocket('udp4');
  const chunk = Buffer.alloc(1400, 7);
  for (let sent = 0; sent < bytes; sent += chunk.length) await new Promise<void>((r) => tx.send(chunk, rx.address().port, '127.0.0.1', () => r()));
  tx.close();
  rx.close();
}

describe('SNMP polling of a real snmpd', () => {
  let v2: string;

  it('v2c: reads the system group and the interfaces, and marks the device up', async () => {
    v2 = (await addDevice({ name: 'core-v2c', kind: 'router', vendor: 'linux', snmp_version: 'v2c', snmp_port: agent.port, snmp_community: 'public' })).id;
    const d = await poll(v2);
    expect(d.status).toBe('up');
    expect(d.sys_name).toBe('test-device');
    expect(d.sys_descr).toMatch(/Linux/);
    expect(d.uptime_s).toBeGreaterThanOrEqual(0);
    expect(d.loss_percent).toBe(0);
    expect(d.latency_ms).toBeGreaterThan(0);
    expect(d.has_snmp_community).toBe(true);
    const list = await interfaces(v2);
    expect(list.map((i) => i.name)).toContain('lo');
    expect(list.find((i) => i.name === 'lo')!.oper_status).toBe('up');
    // First poll: counters stored, but no rate yet.
    expect(list.find((i) => i.name === 'lo')!.in_bps).toBeNull();
  });

  it('reads the counters again after traffic on lo: they grew, and a positive rate is stored', async () => {
    const before = BigInt((await counters(v2)).find((c) => c.name === 'lo')!.last_in_octets);
    await loopbackTraffic(2_000_000);
    // snmpd caches the interface tables for a few seconds.
    await new Promise((r) => setTimeout(r, 4000));
    await poll(v2);
    const after = BigInt((await counters(v2)).find((c) => c.name === 'lo')!.last_in_octets);
    expect(after - before).toBeGreaterThanOrEqual(2_000_000n);
    const lo = (await interfaces(v2)).find((i) => i.name === 'lo')!;
    expect(lo.in_bps).toBeGreaterThan(1_000_000);
    const m = await api.get(`${base}/${v2}/metrics?metric=if_in_bps,if_out_bps&interface_id=${lo.id}&from=${new Date(Date.now() - 600_000).toISOString()}`, { token: isp.adminToken });
    expect(m.status, m.text).toBe(200);
    expect(m.json.source).toBe('raw');
    expect(m.json.series[0].metric).toBe('if_in_bps');
    expect(m.json.series[0].points.length).toBe(1);
    expect(m.json.series[0].points[0].max).toBeGreaterThan(1_000_000);
    const device = await api.get(`${base}/${v2}/metrics?metric=reachable,snmp_rtt_ms,cpu_percent,memory_percent,uptime_s`, { token: isp.adminToken });
    const byName = Object.fromEntries(device.json.series.map((s: { metric: string; points: unknown[] }) => [s.metric, s.points.length]));
    expect(byName.reachable).toBeGreaterThanOrEqual(1);
    expect(byName.snmp_rtt_ms).toBeGreaterThanOrEqual(1);
    expect(byName.uptime_s).toBeGreaterThanOrEqual(1);
    // HOST-RESOURCES-MIB of the Linux agent: RAM use (hrProcessorLoad only appears after the
    // agent has sampled the CPU for a minute, longer than this test runs).
    expect(byName.memory_percent).toBeGreaterThanOrEqual(1);
  });

  it('v3 authPriv (SHA/AES) polls the same agent; a wrong passphrase or community does not', async () => {
    const v3 = (await addDevice({
      name: 'core-v3', snmp_version: 'v3', snmp_port: agent.port, snmp_v3_user: 'noc', snmp_v3_level: 'authPriv',
      snmp_v3_auth_protocol: 'sha', snmp_v3_auth_key: 'noc-auth-pass', snmp_v3_priv_protocol: 'aes', snmp_v3_priv_key: 'noc-priv-pass',
    })).id;
    const d = await poll(v3);
    expect(d.status, d.last_error).toBe('up');
    expect((await interfaces(v3)).length).toBeGreaterThan(0);
    const bad = (await addDevice({
      name: 'bad-v3', snmp_version: 'v3', snmp_port: agent.port, snmp_v3_user: 'noc', snmp_v3_level: 'authPriv',
      snmp_v3_auth_protocol: 'sha', snmp_v3_auth_key: 'wrong-auth-pass', snmp_v3_priv_protocol: 'aes', snmp_v3_priv_key: 'noc-priv-pass',
    })).id;
    expect((await poll(bad)).status).toBe('down');
    const wrongCommunity = (await addDevice({ name: 'bad-v2c', snmp_version: 'v2c', snmp_port: agent.port, snmp_community: 'nope' })).id;
    const w = await poll(wrongCommunity);
    expect(w.status).toBe('down');
    expect(w.loss_percent).toBe(100);
  });

  it('TCP reachability without SNMP: up with a latency while the port listens, down when it refuses', async () => {
    const listener: Server = createServer((s) => s.destroy());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    const port = (listener.address() as { port: number }).port;
    const id = (await addDevice({ name: 'olt-tcp', kind: 'olt', snmp_version: 'none', tcp_probe_port: port, probe_count: 4 })).id;
    const up = await poll(id);
    expect(up.status).toBe('up');
    expect(up.loss_percent).toBe(0);
    expect(up.latency_ms).toBeGreaterThan(0);
    await new Promise((r) => listener.close(() => r(null)));
    const down = await poll(id);
    expect(down.status).toBe('down');
    expect(down.loss_percent).toBe(100);
    const m = await api.get(`${base}/${id}/metrics?metric=tcp_loss_percent,reachable`, { token: isp.adminToken });
    expect(m.json.series[0].points.map((p: { max: number }) => p.max)).toEqual([100]);
    expect(m.json.series[1].points.map((p: { min: number }) => p.min)).toEqual([0]);
  });

  it('the collector role polls due devices on its own, and marks a device down once its agent is killed', async () => {
    const collector = new Collector(server.ctx, { tickMs: 50, rollupEveryMs: 3_600_000 });
    const id = (await addDevice({ name: 'edge-scheduled', snmp_version: 'v2c', snmp_port: agent.port, snmp_community: 'public', poll_interval_s: 10 })).id;
    collector.start();
    try {
      await until(async () => (await api.get(`${base}/${id}`, { token: isp.adminToken })).json.status === 'up', 'scheduled poll', 15_000);
      expect(collector.polls).toBeGreaterThan(0);
      await agent.stop();
      // Next due poll after the interval (10 s) finds no agent.
      await until(async () => (await api.get(`${base}/${id}`, { token: isp.adminToken })).json.status === 'down', 'device down', 20_000);
    } finally {
      await collector.stop();
    }
    const d = (await api.get(`${base}/${id}`, { token: isp.adminToken })).json;
    expect(d.last_error).toBeTruthy();
    expect(d.last_seen_at).not.toBeNull();
    // The transition is an event (audit + outbox) for alerting.
    const events = await withScope(server.ctx.db, platformScope, (tx) =>
      rows<{ after: { status: string } }>(tx, sql`SELECT after FROM audit_log WHERE entity_id = ${id} AND action = 'noc_device.status_changed' ORDER BY seq`));
    expect(events.map((e) => e.after.status)).toEqual(['up', 'down']);
  }, 45_000);

  it('the dashboard counts devices, lists the busiest links and sessions per NAS, and gives the health formula', async () => {
    const r = await api.get(`/api/noc/${isp.id}/dashboard`, { token: isp.adminToken });
    expect(r.status, r.text).toBe(200);
    const d = r.json;
    expect(d.devices.total).toBe(d.devices.up + d.devices.down + d.devices.unknown);
    expect(d.devices.down).toBeGreaterThanOrEqual(3);
    expect(d.busiest_links.map((l: { interface_name: string }) => l.interface_name)).toContain('lo');
    expect(d.busiest_links[0].in_bps + d.busiest_links[0].out_bps).toBeGreaterThanOrEqual(d.busiest_links.at(-1).in_bps + d.busiest_links.at(-1).out_bps);
    expect(d.sessions_per_nas.map((n: { nas_id: string }) => n.nas_id)).toEqual([isp.nasId]);
    expect(d.health.formula).toMatch(/availability/);
    expect(d.health.isp.score).toBeGreaterThan(0);
    expect(d.health.isp.score).toBeLessThan(100);
  });
});
