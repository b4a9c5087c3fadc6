import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { pgArray } from '../../platform/db/pg-array.ts';
import { rollupMetrics } from './collector/rollup.ts';
import { chooseSource } from './metrics-query.ts';
import { healthOf } from './dashboard.service.ts';
import { fakeRouterWire } from '../../test/routeros-wire.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'noc-crud');
  base = `/api/noc/${isp.id}/devices`;
});
afterAll(() => server.close());

const v2c = { snmp_version: 'v2c', snmp_community: 'very-secret-community', mgmt_ip: '127.0.0.1' };

describe('device inventory', () => {
  let core: string;
  let edge: string;

  it('creates a device with write-only, encrypted SNMP secrets', async () => {
    const r = await api.post(base, { token: isp.adminToken, body: { name: 'Core 1', kind: 'router', vendor: 'mikrotik', site: 'POP A', latitude: 48.85, longitude: 2.35, nas_id: isp.nasId, ...v2c } });
    expect(r.status, r.text).toBe(201);
    core = r.json.id;
    expect(r.json).toMatchObject({ status: 'unknown', has_snmp_community: true, snmp_port: 161, poll_interval_s: 60, nas_id: isp.nasId });
    expect(r.text).not.toContain('very-secret-community');
    const [row] = await withScope(server.ctx.db, platformScope, (tx) => rows<{ snmp_community_enc: string }>(tx, sql`SELECT snmp_community_enc FROM noc_devices WHERE id = ${core}::uuid`));
    expect(row!.snmp_community_enc).toMatch(/^v1:/);
    expect(server.ctx.secrets.open(row!.snmp_community_enc)).toBe('very-secret-community');
    const audit = await withScope(server.ctx.db, platformScope, (tx) => rows<{ after: unknown }>(tx, sql`SELECT after FROM audit_log WHERE entity_id = ${core}`));
    expect(JSON.stringify(audit)).not.toContain('very-secret-community');
  });

  it('validates SNMP credentials, addresses and references', async () => {
    const bad = [
      { name: 'No community', snmp_version: 'v2c', mgmt_ip: '127.0.0.2' },
      { name: 'No priv key', snmp_version: 'v3', mgmt_ip: '127.0.0.2', snmp_v3_user: 'noc', snmp_v3_level: 'authPriv', snmp_v3_auth_protocol: 'sha', snmp_v3_auth_key: 'auth-pass-1' },
      { name: 'Short key', snmp_version: 'v3', mgmt_ip: '127.0.0.2', snmp_v3_user: 'noc', snmp_v3_level: 'authNoPriv', snmp_v3_auth_protocol: 'sha', snmp_v3_auth_key: 'short' },
      { name: 'Bad IP', ...v2c, mgmt_ip: '999.1.1.1' },
      { name: 'Extra field', ...v2c, owner: 'x' },
      { name: '', ...v2c },
    ];
    for (const body of bad) {
      const r = await api.post(base, { token: isp.adminToken, body });
      expect(r.status, `${body.name}: ${r.text}`).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await api.post(base, { token: isp.adminToken, body: { name: 'core 1', ...v2c } })).status).toBe(409);
    expect((await api.post(base, { token: isp.adminToken, body: { name: 'Orphan', ...v2c, parent_id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
  });

  it('keeps the uplink tree a tree, and keeps secrets when a change omits them', async () => {
    edge = (await api.post(base, { token: isp.adminToken, body: { name: 'Edge 1', parent_id: core, ...v2c } })).json.id;
    const cycle = await api.patch(`${base}/${core}`, { token: isp.adminToken, body: { parent_id: edge } });
    expect(cycle.status, cycle.text).toBe(409);
    expect((await api.patch(`${base}/${core}`, { token: isp.adminToken, body: { parent_id: core } })).status).toBe(409);
    const r = await api.patch(`${base}/${edge}`, { token: isp.adminToken, body: { site: 'POP B', poll_interval_s: 30 } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ site: 'POP B', poll_interval_s: 30, has_snmp_community: true, parent_id: core });
    // Switching to v3 needs the v3 credentials in the same change.
    expect((await api.patch(`${base}/${edge}`, { token: isp.adminToken, body: { snmp_version: 'v3' } })).status).toBe(400);
  });

  it('lists with filters and paging; deleting a parent leaves the child without uplink', async () => {
    const list = await api.get(`${base}?q=edge&sort=-name`, { token: isp.adminToken });
    expect(list.json.items.map((d: { id: string }) => d.id)).toEqual([edge]);
    expect((await api.get(`${base}?site=POP%20A`, { token: isp.adminToken })).json.total).toBe(1);
    expect((await api.get(`${base}?limit=1`, { token: isp.adminToken })).json.items).toHaveLength(1);
    expect((await api.get(`${base}?status=bogus`, { token: isp.adminToken })).status).toBe(400);
    const tmp = (await api.post(base, { token: isp.adminToken, body: { name: 'Tmp', ...v2c } })).json.id;
    await api.patch(`${base}/${edge}`, { token: isp.adminToken, body: { parent_id: tmp } });
    expect((await api.del(`${base}/${tmp}`, { token: isp.adminToken })).status).toBe(204);
    expect((await api.get(`${base}/${edge}`, { token: isp.adminToken })).json.parent_id).toBeNull();
    expect((await api.get(`${base}/${tmp}`, { token: isp.adminToken })).status).toBe(404);
  });

  it('roles: noc:read may look, not change; a branch manager sees only the devices of their branch', async () => {
    // Branch managers have noc:read; devices without a branch belong to the ISP level.
    expect((await api.get(base, { token: isp.managerToken })).json.total).toBe(0);
    const north = (await api.post(base, { token: isp.adminToken, body: { name: 'North AP', kind: 'access_point', branch_id: isp.north, ...v2c } })).json.id;
    expect((await api.get(base, { token: isp.managerToken })).json.items.map((d: { id: string }) => d.id)).toEqual([north]);
    expect((await api.get(`${base}/${core}`, { token: isp.managerToken })).status).toBe(404);
    expect((await api.patch(`${base}/${north}`, { token: isp.managerToken, body: { name: 'x' } })).status).toBe(403);
    expect((await api.post(base, { token: isp.managerToken, body: { name: 'x', ...v2c } })).status).toBe(403);
  });
});

describe('MikroTik RouterOS API routes', () => {
  it('reads queues and interface stats and adds an address-list entry on the router, audited', async () => {
    const w = fakeRouterWire();
    await new Promise<void>((r) => w.server.listen(0, '127.0.0.1', () => r()));
    const port = (w.server.address() as { port: number }).port;
    try {
      const id = (await api.post(base, { token: isp.adminToken, body: { name: 'MT', vendor: 'mikrotik', ...v2c, api_port: port, api_user: 'noc', api_password: 's3cret' } })).json.id;
      const q = await api.get(`${base}/${id}/routeros/queues`, { token: isp.adminToken });
      expect(q.status, q.text).toBe(200);
      expect(q.json.map((x: { name: string }) => x.name)).toEqual(['ann', 'ned']);
      const i = await api.get(`${base}/${id}/routeros/interfaces`, { token: isp.adminToken });
      expect(i.json[0]).toMatchObject({ name: 'ether1', rx_bytes: 123456789012 });
      const add = await api.post(`${base}/${id}/routeros/address-list`, { token: isp.adminToken, body: { list: 'expired', address: '10.0.0.9', timeout: '1d' } });
      expect(add.status, add.text).toBe(201);
      expect(w.addressList).toEqual([{ list: 'expired', address: '10.0.0.9', timeout: '1d' }]);
      expect((await api.post(`${base}/${id}/routeros/address-list`, { token: isp.adminToken, body: { list: 'bad list!', address: '10.0.0.9' } })).status).toBe(400);
      expect((await api.post(`${base}/${id}/routeros/address-list`, { token: isp.managerToken, body: { list: 'x', address: '10.0.0.9' } })).status).toBe(403);
      const [audit] = await withScope(server.ctx.db, platformScope, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${id} AND action = 'noc_device.address_list_added'`));
      expect(audit!.n).toBe(1);
      // A wrong password is the router's refusal: 502, with the router's reason.
      await api.patch(`${base}/${id}`, { token: isp.adminToken, body: { api_password: 'wrong' } });
      const bad = await api.get(`${base}/${id}/routeros/queues`, { token: isp.adminToken });
      expect(bad.status).toBe(502);
      expect(bad.json.detail).toMatch(/invalid user name or password/);
      const plain = (await api.post(base, { token: isp.adminToken, body: { name: 'No API', ...v2c } })).json.id;
      expect((await api.get(`${base}/${plain}/routeros/queues`, { token: isp.adminToken })).status).toBe(409);
    } finally {
      await new Promise((r) => w.server.close(r));
    }
  });
});

describe('metrics storage', () => {
  it('rolls raw samples up to 5 minutes and hours, idempotently, and drops raw rows past retention', async () => {
    const device = (await api.post(base, { token: isp.adminToken, body: { name: 'Rollup', ...v2c } })).json.id;
    const now = new Date('2026-01-10T12:00:00Z');
    const at = (min: number) => new Date(now.getTime() - min * 60_000);
    // 12:00-12:10 → samples at minutes 50..59 of the hour before + an old sample 10 days ago.
    const points = [...Array(10).keys()].map((i) => ({ ts: at(10 - i), value: i }));
    points.push({ ts: new Date(now.getTime() - 10 * 86_400_000), value: 1000 });
    await withScope(server.ctx.db, platformScope, (tx) => tx.execute(sql`INSERT INTO noc_metrics_raw (isp_id, device_id, metric, ts, value)
      SELECT ${isp.id}::uuid, ${device}::uuid, 'cpu_percent', t, v FROM unnest(${pgArray(points.map((p) => p.ts))}::timestamptz[], ${pgArray(points.map((p) => p.value))}::float8[]) AS x(t, v)`));
    const first = await rollupMetrics(server.ctx, now);
    const read = () => withScope(server.ctx.db, platformScope, (tx) => Promise.all([
      rows<{ bucket: Date; samples: number; min: number; avg: number; max: number }>(tx, sql`SELECT bucket, samples, min, avg, max FROM noc_metrics_5m WHERE device_id = ${device}::uuid ORDER BY bucket`),
      rows<{ samples: number; min: number; avg: number; max: number }>(tx, sql`SELECT samples, min, avg, max FROM noc_metrics_1h WHERE device_id = ${device}::uuid ORDER BY bucket`),
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM noc_metrics_raw WHERE device_id = ${device}::uuid`),
    ]));
    const [fiveA, hourA, rawA] = await read();
    expect(first.rawDeleted).toBe(1);
    expect(rawA[0]!.n).toBe(10);
    // 11:50-11:54 holds 0..4, 11:55-11:59 holds 5..9; the 10-day-old sample got its own bucket before deletion.
    expect(fiveA.slice(-2).map((b) => [b.samples, b.min, b.avg, b.max])).toEqual([[5, 0, 2, 4], [5, 5, 7, 9]]);
    expect(hourA.at(-1)).toEqual({ samples: 10, min: 0, avg: 4.5, max: 9 });
    await rollupMetrics(server.ctx, now);
    await rollupMetrics(server.ctx, now);
    expect(await read()).toEqual([fiveA, hourA, rawA]);
    // The query picks the table by range.
    const m = await api.get(`${base}/${device}/metrics?metric=cpu_percent&from=2026-01-09T00:00:00Z&to=2026-01-10T12:00:00Z`, { token: isp.adminToken });
    expect(m.status, m.text).toBe(200);
    expect(m.json.source).not.toBe('raw');
  });

  it('chooses raw, 5-minute or hourly tables by range and age', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    const r = { rawDays: 7, fiveMinuteDays: 90 };
    const ago = (h: number) => new Date(now.getTime() - h * 3600_000);
    expect(chooseSource(ago(1), now, now, r)).toBe('raw');
    expect(chooseSource(ago(24), now, now, r)).toBe('5m');
    expect(chooseSource(ago(24 * 8), ago(24 * 8 - 1), now, r)).toBe('5m');
    expect(chooseSource(new Date(now.getTime() - 6 * 3600_000 - 2000), now, now, r)).toBe('raw');
    expect(chooseSource(ago(24 * 30), now, now, r)).toBe('1h');
  });

  it('health score follows its formula', () => {
    const dev = (status: string, loss: number | null, links = 0, hot = 0) => ({ site: 'A', status, loss_percent: loss, links, hot_links: hot });
    expect(healthOf([dev('unknown', null)]).score).toBeNull();
    expect(healthOf([dev('up', 0, 4, 0)]).score).toBe(100);
    // availability 1/2, reachability 1 - (0 + 100)/2/100 = 0.5, headroom 3/4 → 100 × (0.3 + 0.1 + 0.15) = 55.
    expect(healthOf([dev('up', 0, 4, 1), dev('down', 100)]).score).toBe(55);
  });
});
