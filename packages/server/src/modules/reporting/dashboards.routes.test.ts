import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let founder: string;
let isp: IspFixture;
let other: IspFixture;

type Count = { key: string; label: string | null; count: number };
const byKey = (list: Count[]) => Object.fromEntries(list.map((c) => [c.key, c.count]));
const sum = (days: { count: number }[]) => days.reduce((a, d) => a + d.count, 0);

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'dash-net');
  other = await createIspFixture(api, founder, 'dash-rival');
  // Through the services, as people would: a second plan, two more subscribers (one in South,
  // one suspended), a ticket, and a subscriber of the other ISP that must not be counted here.
  const base = `/api/isp/${isp.id}`;
  const ok = async (p: Promise<{ status: number; json: any; text: string }>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${r.status} ${r.text}`);
    return r.json;
  };
  const fast = await ok(api.post(`${base}/plans`, { token: isp.adminToken, body: { name: 'Fiber 500', download_kbps: 512_000, upload_kbps: 102_400, price_minor: 6000 } }));
  await ok(api.post(`${base}/subscribers`, { token: isp.adminToken, body: { first_name: 'Sam', last_name: 'South', username: 'sam.dash', password: 'pppoe-pass', branch_id: isp.south, plan_id: fast.id } }));
  const sus = await ok(api.post(`${base}/subscribers`, { token: isp.adminToken, body: { first_name: 'Sue', last_name: 'Pended', username: 'sue.dash', password: 'pppoe-pass', branch_id: isp.north, plan_id: fast.id } }));
  await ok(api.patch(`${base}/subscribers/${sus.id}`, { token: isp.adminToken, body: { status: 'suspended' } }));
  await ok(api.post(`${base}/tickets`, { token: isp.adminToken, body: { subscriber_id: isp.subscriberId, subject: 'Slow at night', body: 'Speeds drop after 8 pm.', category: 'connectivity', priority: 'normal' } }));
  await ok(api.post(`/api/isp/${other.id}/subscribers`, { token: other.adminToken, body: { first_name: 'Ola', last_name: 'Other', username: 'ola.rival', password: 'pppoe-pass', branch_id: other.hq, plan_id: other.planId } }));
});
afterAll(() => server.close());

describe('the ISP dashboard', () => {
  it('counts the subscribers, plans, branches, staff and tickets the services wrote, and only this ISP’s', async () => {
    const r = await api.get(`/api/isp/${isp.id}/dashboard`, { token: isp.adminToken });
    expect(r.status, r.text).toBe(200);
    const d = r.json;
    // Ann (HQ) and Ned (North) from the fixture, Sam (South), Sue (North, suspended).
    expect(d.subscribers).toEqual({ total: 4, active: 3, suspended: 1, expired: 0, terminated: 0 });
    expect(d.plans).toBe(2);
    expect(d.branches).toBe(3);
    expect(d.staff).toBe(2);
    const plans = (await api.get(`/api/isp/${isp.id}/plans`, { token: isp.adminToken })).json as { id: string; name: string }[];
    const fast = plans.find((p) => p.name === 'Fiber 500')!.id;
    expect(byKey(d.subscribers_by_plan)).toEqual({ [isp.planId]: 2, [fast]: 2 });
    expect(byKey(d.subscribers_by_branch)).toEqual({ [isp.hq]: 1, [isp.north]: 2, [isp.south]: 1 });
    expect(d.new_subscribers_per_day).toHaveLength(30);
    expect(sum(d.new_subscribers_per_day)).toBe(4);
    expect(d.tickets).toMatchObject({ open: 1, unassigned: 1, overdue: 0 });
    expect(sum(d.tickets.opened_per_day)).toBe(1);
  });

  it('a terminated subscriber leaves the per-plan and per-branch figures but stays in the total', async () => {
    const t = await api.patch(`/api/isp/${other.id}/subscribers/${other.northSubscriberId}`, { token: other.adminToken, body: { status: 'terminated' } });
    expect(t.status, t.text).toBe(200);
    const d = (await api.get(`/api/isp/${other.id}/dashboard`, { token: other.adminToken })).json;
    expect(d.subscribers).toMatchObject({ total: 3, active: 2, terminated: 1 });
    expect(byKey(d.subscribers_by_branch)).toEqual({ [other.hq]: 2 });
  });

  it('a branch manager sees the figures of their branch subtree only', async () => {
    const d = (await api.get(`/api/isp/${isp.id}/dashboard`, { token: isp.managerToken })).json;
    expect(d.subscribers).toMatchObject({ total: 2, active: 1, suspended: 1 });
    expect(byKey(d.subscribers_by_branch)).toEqual({ [isp.north]: 2 });
  });

  it("another ISP's admin gets 404 for this ISP's dashboard and branch dashboards", async () => {
    expect((await api.get(`/api/isp/${isp.id}/dashboard`, { token: other.adminToken })).status).toBe(404);
    expect((await api.get(`/api/branch/${isp.north}/dashboard`, { token: other.adminToken })).status).toBe(404);
  });
});

describe('the branch dashboard', () => {
  it('narrows to the branch and the branches below it', async () => {
    const hq = (await api.get(`/api/branch/${isp.hq}/dashboard`, { token: isp.adminToken })).json;
    expect(hq.branch.id).toBe(isp.hq);
    expect(hq.subscribers.total).toBe(4);
    const south = (await api.get(`/api/branch/${isp.south}/dashboard`, { token: isp.adminToken })).json;
    expect(south.subscribers).toMatchObject({ total: 1, active: 1 });
    expect(byKey(south.subscribers_by_branch)).toEqual({ [isp.south]: 1 });
  });
});

describe('the founder dashboard and ISP list', () => {
  it('adds up every ISP, audits the cross-tenant read, and is the founder’s only', async () => {
    const r = await api.get('/api/founder/dashboard', { token: founder });
    expect(r.status, r.text).toBe(200);
    expect(r.json.isps).toMatchObject({ total: 2, active: 2 });
    // dash-net 4 (1 suspended), dash-rival 3 (1 terminated).
    expect(r.json.subscribers).toEqual({ total: 7, active: 5 });
    expect(r.json.staff).toBe(4);
    expect(Object.fromEntries(r.json.top_isps.map((i: { slug: string; subscribers: number }) => [i.slug, i.subscribers]))).toEqual({ 'dash-net': 4, 'dash-rival': 2 });
    const [audit] = await server.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'platform.dashboard_viewed'`);
    expect(audit!.n).toBe(1);
    expect((await api.get('/api/founder/dashboard', { token: isp.adminToken })).status).toBe(403);
  });

  it('lists the ISPs with their counts, sorted and filtered', async () => {
    const r = await api.get('/api/founder/isp/list?sort=-subscribers_total', { token: founder });
    expect(r.status, r.text).toBe(200);
    expect(r.json.total).toBe(2);
    expect(r.json.items.map((i: { slug: string }) => i.slug)).toEqual(['dash-net', 'dash-rival']);
    expect(r.json.items[0]).toMatchObject({ subscribers_total: 4, subscribers_active: 3, branches: 3, staff: 2, revenue_this_month: 0, health_score: null });
    const found = await api.get('/api/founder/isp/list?q=rival', { token: founder });
    expect(found.json.items.map((i: { slug: string }) => i.slug)).toEqual(['dash-rival']);
    expect((await api.get('/api/founder/isp/list', { token: other.adminToken })).status).toBe(403);
  });
});

describe('a subscriber', () => {
  it('gets no ISP dashboard', async () => {
    const token = await api.login(`ann@${isp.slug}.test`, password, { isp: isp.slug });
    expect((await api.get(`/api/isp/${isp.id}/dashboard`, { token })).status).toBe(403);
  });
});
