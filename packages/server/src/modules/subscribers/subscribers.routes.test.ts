import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'delta-net');
  base = `/api/isp/${isp.id}/subscribers`;
});
afterAll(() => server.close());

const newSub = (n: number, extra: Record<string, unknown> = {}) => ({
  first_name: `First${n}`, last_name: `Last${String(n).padStart(2, '0')}`, username: `user${n}`, password: 'pppoe-pass', email: `u${n}@delta.test`, ...extra,
});

describe('subscribers', () => {
  it('creates with a sequential account number and an encrypted network password', async () => {
    const r = await api.post(base, { token: isp.adminToken, body: newSub(1, { latitude: 12.97, longitude: 77.59, plan_id: isp.planId }) });
    expect(r.status).toBe(201);
    expect(r.json.account_number).toMatch(/^ACC-\d{6}$/);
    expect(r.json).not.toHaveProperty('password');
    expect(r.text).not.toContain('pppoe-pass');
    const [row] = await server.ctx.db.query<{ network_password_enc: string }>('SELECT network_password_enc FROM subscribers WHERE id = $1', [r.json.id]);
    expect(row!.network_password_enc).toMatch(/^v1:/);
    expect(server.ctx.secrets.open(row!.network_password_enc)).toBe('pppoe-pass');
  });

  it('pages, filters, searches and sorts with a total', async () => {
    for (let i = 2; i <= 12; i++) await api.post(base, { token: isp.adminToken, body: newSub(i, { branch_id: i % 2 ? isp.north : isp.south }) });
    const page1 = await api.get(`${base}?limit=5&offset=0&sort=last_name`, { token: isp.adminToken });
    expect(page1.json.total).toBe(14);
    expect(page1.json.items).toHaveLength(5);
    const names = page1.json.items.map((s: { last_name: string }) => s.last_name);
    expect(names).toEqual([...names].sort());
    const page3 = await api.get(`${base}?limit=5&offset=10&sort=last_name`, { token: isp.adminToken });
    expect(page3.json.items).toHaveLength(4);
    expect((await api.get(`${base}?branch_id=${isp.north}`, { token: isp.adminToken })).json.total).toBe(5 + 1);
    expect((await api.get(`${base}?q=user7`, { token: isp.adminToken })).json.items.map((s: { username: string }) => s.username)).toEqual(['user7']);
    expect((await api.get(`${base}?q=%25`, { token: isp.adminToken })).json.total).toBe(0);
  });

  it('follows the status life cycle and keeps terminated subscribers', async () => {
    const s = (await api.post(base, { token: isp.adminToken, body: newSub(20) })).json;
    const url = `${base}/${s.id}`;
    expect((await api.patch(url, { token: isp.adminToken, body: { status: 'suspended' } })).json.status).toBe('suspended');
    expect((await api.patch(url, { token: isp.adminToken, body: { status: 'active' } })).json.status).toBe('active');
    expect((await api.del(url, { token: isp.adminToken })).json.status).toBe('terminated');
    const again = await api.patch(url, { token: isp.adminToken, body: { status: 'active' } });
    expect(again.status).toBe(409);
    expect((await api.get(url, { token: isp.adminToken })).json.status).toBe('terminated');
  });

  it('refuses duplicates of a username within the ISP', async () => {
    const r = await api.post(base, { token: isp.adminToken, body: newSub(1) });
    expect(r.status).toBe(409);
  });

  it('applies bulk actions all or nothing', async () => {
    const list = (await api.get(`${base}?status=active&limit=3`, { token: isp.adminToken })).json.items.map((s: { id: string }) => s.id);
    const bad = await api.post(`${base}/bulk`, { token: isp.adminToken, body: { ids: [...list, '00000000-0000-4000-8000-000000000000'], action: 'suspend' } });
    expect(bad.status).toBe(404);
    expect((await api.get(`${base}?status=suspended`, { token: isp.adminToken })).json.total).toBe(0);
    const good = await api.post(`${base}/bulk`, { token: isp.adminToken, body: { ids: list, action: 'suspend' } });
    expect(good.json.updated).toBe(3);
    expect((await api.get(`${base}?status=suspended`, { token: isp.adminToken })).json.total).toBe(3);
  });

  it('support agents manage, NOC engineers only read', async () => {
    for (const role of ['support_agent', 'noc_engineer'] as const) {
      await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email: `${role}@delta.test`, name: role, role, password: 'long enough pw' } });
    }
    const support = await api.login('support_agent@delta.test', 'long enough pw');
    const noc = await api.login('noc_engineer@delta.test', 'long enough pw');
    expect((await api.post(base, { token: support, body: newSub(30) })).status).toBe(201);
    expect((await api.post(base, { token: noc, body: newSub(31) })).status).toBe(403);
    expect((await api.get(base, { token: noc })).status).toBe(200);
    expect((await api.post(`/api/isp/${isp.id}/plans`, { token: support, body: { name: 'x', download_kbps: 1, upload_kbps: 1, price_minor: 1 } })).status).toBe(403);
    expect((await api.get(base)).status).toBe(401);
  });
});

describe('bad input gets a precise 4xx and changes nothing', () => {
  const count = async () => (await api.get(base, { token: isp.adminToken })).json.total as number;

  it('malformed JSON, wrong types, unknown fields, oversized bodies, bad ids', async () => {
    const before = await count();
    const malformed = await api.post(base, { token: isp.adminToken, body: '{"first_name": "x",' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.text).not.toMatch(/at .*\.ts/);

    const wrongType = await api.post(base, { token: isp.adminToken, body: { ...newSub(40), latitude: 'north' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.errors.map((e: { pointer: string }) => e.pointer)).toContain('/body/latitude');

    const unknown = await api.post(base, { token: isp.adminToken, body: { ...newSub(41), is_admin: true } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.json.errors)).toContain('is_admin');

    const missing = await api.post(base, { token: isp.adminToken, body: { first_name: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/body/last_name', '/body/username', '/body/password']));

    const huge = await api.post(base, { token: isp.adminToken, body: { ...newSub(42), address: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);

    expect((await api.get(`${base}/not-a-uuid`, { token: isp.adminToken })).status).toBe(400);
    expect((await api.get(`${base}?limit=100000`, { token: isp.adminToken })).status).toBe(400);
    expect((await api.get(`${base}?sort=password`, { token: isp.adminToken })).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('SQL in strings is stored as text, never executed', async () => {
    const evil = "Robert'); DROP TABLE subscribers;--";
    const r = await api.post(base, { token: isp.adminToken, body: newSub(50, { last_name: evil }) });
    expect(r.status).toBe(201);
    expect((await api.get(`${base}/${r.json.id}`, { token: isp.adminToken })).json.last_name).toBe(evil);
    const search = await api.get(`${base}?q=${encodeURIComponent("' OR 1=1 --")}`, { token: isp.adminToken });
    expect(search.json.total).toBe(0);
    expect((await server.ctx.db.query('SELECT count(*) FROM subscribers')).length).toBe(1);
  });
});
