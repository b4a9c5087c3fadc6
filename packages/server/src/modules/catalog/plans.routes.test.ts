import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let other: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  const founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'plan-net');
  other = await createIspFixture(api, founder, 'plan-rival');
});
afterAll(() => server.close());

const plans = (i: IspFixture) => `/api/isp/${i.id}/plans`;
const count = async (q: string, params: unknown[]) => (await server.ctx.db.query<{ n: number }>(q, params))[0]!.n;

describe('plans: create, read, change, delete', () => {
  it('creates a plan in the ISP currency, lists it by price, and records the change and its event', async () => {
    const r = await api.post(plans(isp), { token: isp.adminToken, body: { name: 'Fiber 10', download_kbps: 10240, upload_kbps: 2048, price_minor: 900, fup_monthly_bytes: 100_000_000_000 } });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ name: 'Fiber 10', currency: 'EUR', billing_period: 'monthly', status: 'active', price_minor: 900, fup_monthly_bytes: 100_000_000_000 });
    const list = await api.get(plans(isp), { token: isp.adminToken });
    expect(list.json.map((p: { name: string }) => p.name)).toEqual(['Fiber 10', 'Fiber 50']);
    expect(list.json.find((p: { name: string }) => p.name === 'Fiber 50').subscribers).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'plan.created' AND entity_id = $1`, [r.json.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM domain_events WHERE type = 'plan.created' AND aggregate_id = $1`, [r.json.id])).toBe(1);
  });

  it('changes speeds and price, archives, and lists by status', async () => {
    const created = (await api.post(plans(isp), { token: isp.adminToken, body: { name: 'Old DSL', download_kbps: 4096, upload_kbps: 512, price_minor: 500 } })).json;
    const r = await api.patch(`${plans(isp)}/${created.id}`, { token: isp.adminToken, body: { download_kbps: 8192, price_minor: 700, status: 'archived' } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ download_kbps: 8192, upload_kbps: 512, price_minor: 700, status: 'archived' });
    expect((await api.get(`${plans(isp)}/${created.id}`, { token: isp.adminToken })).json.price_minor).toBe(700);
    const active = (await api.get(`${plans(isp)}?status=active`, { token: isp.adminToken })).json.map((p: { id: string }) => p.id);
    const archived = (await api.get(`${plans(isp)}?status=archived`, { token: isp.adminToken })).json.map((p: { id: string }) => p.id);
    expect(active).not.toContain(created.id);
    expect(archived).toEqual([created.id]);
  });

  it('deletes an unused plan, and refuses to delete one that subscribers are on', async () => {
    const inUse = await api.del(`${plans(isp)}/${isp.planId}`, { token: isp.adminToken });
    expect(inUse.status).toBe(409);
    expect(inUse.json.detail).toContain('2 subscribers are on this plan');
    const spare = (await api.post(plans(isp), { token: isp.adminToken, body: { name: 'Spare', download_kbps: 1024, upload_kbps: 1024, price_minor: 0 } })).json;
    expect((await api.del(`${plans(isp)}/${spare.id}`, { token: isp.adminToken })).status).toBe(204);
    expect((await api.get(`${plans(isp)}/${spare.id}`, { token: isp.adminToken })).status).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'plan.deleted' AND entity_id = $1`, [spare.id])).toBe(1);
  });
});

describe('plans: validation', () => {
  it('names the bad field of a plan that cannot be created, and creates nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM subscription_plans WHERE isp_id = $1`, [isp.id]);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'No speed', upload_kbps: 1024, price_minor: 100 }, '/body/download_kbps'],
      [{ name: 'Zero', download_kbps: 0, upload_kbps: 1024, price_minor: 100 }, '/body/download_kbps'],
      [{ name: 'Negative', download_kbps: 1024, upload_kbps: 1024, price_minor: -1 }, '/body/price_minor'],
      [{ name: '', download_kbps: 1024, upload_kbps: 1024, price_minor: 100 }, '/body/name'],
      [{ name: 'Night', download_kbps: 1024, upload_kbps: 1024, price_minor: 100, night_start: '25:00' }, '/body/night_start'],
      [{ name: 'Hours', download_kbps: 1024, upload_kbps: 1024, price_minor: 100, login_time: 'Xy0800-1800' }, '/body/login_time'],
    ];
    for (const [body, pointer] of cases) {
      const r = await api.post(plans(isp), { token: isp.adminToken, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json.errors.map((e: { pointer: string }) => e.pointer), JSON.stringify(body)).toContain(pointer);
    }
    // A field the API does not know is refused, not ignored.
    const typo = await api.post(plans(isp), { token: isp.adminToken, body: { name: 'Typo', download_kbps: 1024, upload_kbps: 1024, price_minor: 100, speed: 5 } });
    expect(typo.status).toBe(400);
    expect(typo.json.errors[0].detail).toContain('"speed"');
    expect(await count(`SELECT count(*)::int AS n FROM subscription_plans WHERE isp_id = $1`, [isp.id])).toBe(before);
  });

  it('refuses an IP pool of another ISP as if it did not exist', async () => {
    const pool = await api.post(`/api/isp/${other.id}/ip-pools`, { token: other.adminToken, body: { name: 'Rival pool', first_ip: '100.70.0.1', last_ip: '100.70.0.9' } });
    expect(pool.status, pool.text).toBe(201);
    const r = await api.post(plans(isp), { token: isp.adminToken, body: { name: 'Borrowed pool', download_kbps: 1024, upload_kbps: 1024, price_minor: 100, ip_pool_id: pool.json.id } });
    expect(r.status).toBe(404);
  });
});

describe('plans: tenant isolation and permissions', () => {
  it("another ISP's admin can neither see nor change nor delete this ISP's plans", async () => {
    const url = `${plans(isp)}/${isp.planId}`;
    expect((await api.get(plans(isp), { token: other.adminToken })).status).toBe(404);
    expect((await api.get(url, { token: other.adminToken })).status).toBe(404);
    expect((await api.get(`${plans(other)}/${isp.planId}`, { token: other.adminToken })).status).toBe(404);
    expect((await api.patch(`${plans(other)}/${isp.planId}`, { token: other.adminToken, body: { price_minor: 1 } })).status).toBe(404);
    expect((await api.del(`${plans(other)}/${isp.planId}`, { token: other.adminToken })).status).toBe(404);
    expect((await api.post(plans(isp), { token: other.adminToken, body: { name: 'Planted', download_kbps: 1024, upload_kbps: 1024, price_minor: 1 } })).status).toBe(404);
    const mine = (await api.get(url, { token: isp.adminToken })).json;
    expect(mine.price_minor).toBe(2500);
    const rivalList = (await api.get(plans(other), { token: other.adminToken })).json.map((p: { id: string }) => p.id);
    expect(rivalList).not.toContain(isp.planId);
    expect(await count(`SELECT count(*)::int AS n FROM subscription_plans WHERE name = 'Planted'`, [])).toBe(0);
  });

  it('a branch manager reads the plans but does not change them; no token, no plans', async () => {
    expect((await api.get(plans(isp), { token: isp.managerToken })).status).toBe(200);
    const r = await api.patch(`${plans(isp)}/${isp.planId}`, { token: isp.managerToken, body: { price_minor: 1 } });
    expect(r.status).toBe(403);
    expect((await api.get(plans(isp))).status).toBe(401);
  });
});
