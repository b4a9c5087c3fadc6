import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let a: IspFixture;
let b: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  const founder = await founderToken(server, api);
  a = await createIspFixture(api, founder, 'alpha-net');
  b = await createIspFixture(api, founder, 'beta-net');
});
afterAll(() => server.close());

describe("an ISP admin cannot reach another ISP's data", () => {
  const readRoutes = (x: IspFixture) => [
    `/api/isp/${x.id}`,
    `/api/isp/${x.id}/dashboard`,
    `/api/isp/${x.id}/subscribers`,
    `/api/isp/${x.id}/subscribers/${x.subscriberId}`,
    `/api/isp/${x.id}/branches`,
    `/api/isp/${x.id}/plans`,
    `/api/isp/${x.id}/plans/${x.planId}`,
    `/api/isp/${x.id}/users`,
    `/api/isp/${x.id}/users/${x.staffId}`,
    `/api/isp/${x.id}/api-keys`,
    `/api/isp/${x.id}/audit`,
    `/api/branch/${x.hq}`,
    `/api/branch/${x.hq}/dashboard`,
    `/api/branch/${x.hq}/users`,
    `/api/user/${x.subscriberId}/dashboard`,
    `/api/isp/${x.id}/nas`,
    `/api/isp/${x.id}/nas/${x.nasId}`,
    `/api/isp/${x.id}/sessions`,
    `/api/isp/${x.id}/postauth`,
    `/api/isp/${x.id}/subscribers/${x.subscriberId}/usage`,
  ];

  it('reads: every route answers 404 (or 403 where no ISP is named) and leaks nothing', async () => {
    for (const url of readRoutes(b)) {
      const r = await api.get(url, { token: a.adminToken });
      expect([403, 404], `${url} → ${r.status}`).toContain(r.status);
      expect(r.text).not.toContain(b.slug);
      expect(r.text).not.toContain('Ned');
    }
  });

  it('ids of the other ISP are invisible even through the own ISP path', async () => {
    const own = `/api/isp/${a.id}`;
    for (const url of [`${own}/subscribers/${b.subscriberId}`, `${own}/plans/${b.planId}`, `${own}/users/${b.staffId}`, `${own}/nas/${b.nasId}`,
      `${own}/subscribers/${b.subscriberId}/usage`]) {
      expect((await api.get(url, { token: a.adminToken })).status, url).toBe(404);
    }
    const list = await api.get(`${own}/subscribers?limit=200`, { token: a.adminToken });
    expect(list.json.items.map((s: { isp_id: string }) => s.isp_id)).toEqual(list.json.items.map(() => a.id));
    expect(list.json.total).toBe(2);
    expect((await api.get(`${own}/subscribers?branch_id=${b.hq}`, { token: a.adminToken })).json.total).toBe(0);
    // The indexed search runs as the owner, but only inside the caller's ISP.
    expect((await api.get(`${own}/subscribers?q=beta-net`, { token: a.adminToken })).json.total).toBe(0);
    expect((await api.get(`/api/isp/${b.id}/subscribers?q=beta-net`, { token: b.adminToken })).json.total).toBe(2);
    // And the branch manager's search stays inside the subtree.
    expect((await api.get(`${own}/subscribers?q=alpha-net`, { token: a.managerToken })).json.items.map((s: { id: string }) => s.id)).toEqual([a.northSubscriberId]);
  });

  it('changes and deletes: 404, and the rows are untouched', async () => {
    const attempts = [
      api.patch(`/api/isp/${b.id}`, { token: a.adminToken, body: { display_name: 'pwned' } }),
      api.patch(`/api/isp/${b.id}/subscribers/${b.subscriberId}`, { token: a.adminToken, body: { first_name: 'pwned' } }),
      api.patch(`/api/isp/${a.id}/subscribers/${b.subscriberId}`, { token: a.adminToken, body: { first_name: 'pwned' } }),
      api.del(`/api/isp/${b.id}/subscribers/${b.subscriberId}`, { token: a.adminToken }),
      api.del(`/api/isp/${a.id}/subscribers/${b.subscriberId}`, { token: a.adminToken }),
      api.post(`/api/isp/${a.id}/subscribers/bulk`, { token: a.adminToken, body: { ids: [b.subscriberId], action: 'suspend' } }),
      api.patch(`/api/isp/${a.id}/plans/${b.planId}`, { token: a.adminToken, body: { price_minor: 1 } }),
      api.del(`/api/isp/${a.id}/plans/${b.planId}`, { token: a.adminToken }),
      api.patch(`/api/branch/${b.south}`, { token: a.adminToken, body: { name: 'pwned' } }),
      api.del(`/api/branch/${b.south}`, { token: a.adminToken }),
      api.patch(`/api/isp/${a.id}/users/${b.staffId}`, { token: a.adminToken, body: { name: 'pwned' } }),
      api.del(`/api/isp/${a.id}/users/${b.staffId}`, { token: a.adminToken }),
      api.post(`/api/isp/${b.id}/subscribers`, { token: a.adminToken, body: { first_name: 'X', last_name: 'Y', username: 'x', password: 'secret1' } }),
      api.post(`/api/branch/${b.id}/create`, { token: a.adminToken, body: { name: 'Evil', code: 'EVIL' } }),
      api.patch(`/api/isp/${a.id}/nas/${b.nasId}`, { token: a.adminToken, body: { secret: 'stolen-secret' } }),
      api.del(`/api/isp/${a.id}/nas/${b.nasId}`, { token: a.adminToken }),
      api.patch(`/api/isp/${b.id}/nas/${b.nasId}`, { token: a.adminToken, body: { name: 'pwned' } }),
      api.post(`/api/isp/${b.id}/nas`, { token: a.adminToken, body: { name: 'Evil', address: '127.99.0.1', secret: 'evil-secret' } }),
      // Own ISP, but pointing at the other ISP's branch or plan:
      api.post(`/api/isp/${a.id}/subscribers`, { token: a.adminToken, body: { first_name: 'X', last_name: 'Y', username: 'xy', password: 'secret1', branch_id: b.hq } }),
      api.post(`/api/isp/${a.id}/subscribers`, { token: a.adminToken, body: { first_name: 'X', last_name: 'Y', username: 'xz', password: 'secret1', plan_id: b.planId } }),
    ];
    for (const r of await Promise.all(attempts)) expect(r.status, r.text).toBe(404);
    const sub = await api.get(`/api/isp/${b.id}/subscribers/${b.subscriberId}`, { token: b.adminToken });
    expect(sub.json.first_name).toBe('Ann');
    expect(sub.json.status).toBe('active');
    expect((await api.get(`/api/isp/${b.id}`, { token: b.adminToken })).json.display_name).toBe('BETA-NET');
    expect((await api.get(`/api/isp/${b.id}/plans/${b.planId}`, { token: b.adminToken })).json.price_minor).toBe(2500);
    expect((await api.get(`/api/isp/${b.id}/branches`, { token: b.adminToken })).json).toHaveLength(3);
    expect((await api.get(`/api/isp/${b.id}/subscribers`, { token: b.adminToken })).json.total).toBe(2);
    expect((await api.get(`/api/isp/${b.id}/nas/${b.nasId}`, { token: b.adminToken })).json.name).toBe('NAS beta-net');
    const nasList = await api.get(`/api/isp/${b.id}/nas`, { token: b.adminToken });
    expect(nasList.json.map((n: { id: string; sessions_online: number }) => [n.id, n.sessions_online])).toEqual([[b.nasId, 0]]);
    const plans = await api.get(`/api/isp/${b.id}/plans`, { token: b.adminToken });
    expect(plans.json.map((p: { id: string; subscribers: number }) => [p.id, p.subscribers])).toEqual([[b.planId, 2]]);
  });

  it('IP pools: the other ISP\'s pools cannot be listed, created in, deleted or attached to a plan', async () => {
    const pool = await api.post(`/api/isp/${b.id}/ip-pools`, { token: b.adminToken, body: { name: 'beta pool', first_ip: '100.64.9.1', last_ip: '100.64.9.50' } });
    expect(pool.status).toBe(201);
    expect((await api.get(`/api/isp/${b.id}/ip-pools`, { token: a.adminToken })).status).toBe(404);
    expect((await api.post(`/api/isp/${b.id}/ip-pools`, { token: a.adminToken, body: { name: 'evil', first_ip: '100.64.10.1', last_ip: '100.64.10.2' } })).status).toBe(404);
    expect((await api.del(`/api/isp/${b.id}/ip-pools/${pool.json.id}`, { token: a.adminToken })).status).toBe(404);
    expect((await api.del(`/api/isp/${a.id}/ip-pools/${pool.json.id}`, { token: a.adminToken })).status).toBe(404);
    expect((await api.patch(`/api/isp/${a.id}/plans/${a.planId}`, { token: a.adminToken, body: { ip_pool_id: pool.json.id } })).status).toBe(404);
    expect((await api.get(`/api/isp/${a.id}/ip-pools`, { token: a.adminToken })).json).toEqual([]);
    expect((await api.get(`/api/isp/${b.id}/ip-pools`, { token: b.adminToken })).json.map((p: { id: string }) => p.id)).toEqual([pool.json.id]);
    expect((await api.del(`/api/isp/${b.id}/ip-pools/${pool.json.id}`, { token: b.adminToken })).status).toBe(204);
  });

  it('a NAS address taken by another ISP cannot be registered again, and says nothing about whose it is', async () => {
    const nas = (await api.get(`/api/isp/${b.id}/nas/${b.nasId}`, { token: b.adminToken })).json;
    const r = await api.post(`/api/isp/${a.id}/nas`, { token: a.adminToken, body: { name: 'Clash', address: nas.address.replace('/32', ''), secret: 'whatever1' } });
    expect(r.status).toBe(409);
    expect(r.text).not.toContain(b.slug);
  });

  it('founder-only routes refuse ISP admins', async () => {
    for (const url of ['/api/founder/dashboard', '/api/founder/isp/list', `/api/founder/isp/${b.id}`, '/api/founder/founders', '/api/founder/system/metrics']) {
      expect((await api.get(url, { token: a.adminToken })).status, url).toBe(403);
    }
    expect((await api.post(`/api/founder/isp/${b.id}/suspend`, { token: a.adminToken })).status).toBe(403);
    expect((await api.post(`/api/founder/isp/${b.id}/terminate`, { token: a.adminToken })).status).toBe(403);
    expect((await api.patch(`/api/founder/isp/${b.id}`, { token: a.adminToken, body: { custom_domain: 'stolen.example' } })).status).toBe(403);
    expect((await api.get(`/api/isp/${b.id}`, { token: b.adminToken })).json).toMatchObject({ status: 'active', custom_domain: null });
  });
});

describe("a subscriber's self-service reaches only their own account", () => {
  it('/api/me/*: own row only; other accounts cannot be named; staff are refused', async () => {
    const annA = await api.login(`ann@${a.slug}.test`, 'correct horse battery', { isp: a.slug });
    const prof = await api.get('/api/me/profile', { token: annA });
    expect(prof.json.id).toBe(a.subscriberId);
    expect(prof.text).not.toContain(b.slug);
    // No id in the path, and ids in the body are refused: nobody else's row can be addressed.
    expect((await api.patch('/api/me/profile', { token: annA, body: { id: b.subscriberId, first_name: 'pwned' } })).status).toBe(400);
    expect((await api.patch('/api/me/profile', { token: annA, body: { first_name: 'Ann' } })).status).toBe(200);
    const usage = await api.get('/api/me/usage', { token: annA });
    expect(usage.status).toBe(200);
    for (const url of ['/api/me/profile', '/api/me/usage']) expect((await api.get(url, { token: a.adminToken })).status, url).toBe(403);
    expect((await api.patch('/api/me/profile', { token: a.adminToken, body: { first_name: 'pwned' } })).status).toBe(403);
    expect((await api.get(`/api/isp/${b.id}/subscribers/${b.subscriberId}`, { token: b.adminToken })).json.first_name).toBe('Ann');
  });
});

describe('a branch manager sees only their branch subtree', () => {
  it('lists only North subscribers and staff', async () => {
    const subs = await api.get(`/api/isp/${a.id}/subscribers`, { token: a.managerToken });
    expect(subs.status).toBe(200);
    expect(subs.json.items.map((s: { id: string }) => s.id)).toEqual([a.northSubscriberId]);
    const branches = await api.get(`/api/isp/${a.id}/branches`, { token: a.managerToken });
    expect(branches.json.map((x: { id: string }) => x.id)).toEqual([a.north]);
    const dash = await api.get(`/api/isp/${a.id}/dashboard`, { token: a.managerToken });
    expect(dash.json.subscribers.total).toBe(1);
  });

  it('cannot read or change a sibling branch or its subscribers', async () => {
    expect((await api.get(`/api/branch/${a.south}`, { token: a.managerToken })).status).toBe(404);
    expect((await api.get(`/api/branch/${a.south}/dashboard`, { token: a.managerToken })).status).toBe(404);
    expect((await api.patch(`/api/branch/${a.south}`, { token: a.managerToken, body: { name: 'mine' } })).status).toBe(404);
    expect((await api.get(`/api/isp/${a.id}/subscribers/${a.subscriberId}`, { token: a.managerToken })).status).toBe(404);
    expect((await api.patch(`/api/isp/${a.id}/subscribers/${a.subscriberId}`, { token: a.managerToken, body: { status: 'suspended' } })).status).toBe(404);
    // Moving an own subscriber into a sibling branch is refused too.
    const move = await api.patch(`/api/isp/${a.id}/subscribers/${a.northSubscriberId}`, { token: a.managerToken, body: { branch_id: a.south } });
    expect(move.status).toBe(404);
    const still = await api.get(`/api/isp/${a.id}/subscribers/${a.northSubscriberId}`, { token: a.adminToken });
    expect(still.json.branch_id).toBe(a.north);
  });

  it('can create a sub-branch beneath their own, and a subscriber there', async () => {
    const sub = await api.post(`/api/isp/${a.id}/branches`, { token: a.managerToken, body: { name: 'North East', code: 'NE', parent_branch_id: a.north } });
    expect(sub.status).toBe(201);
    const outside = await api.post(`/api/isp/${a.id}/branches`, { token: a.managerToken, body: { name: 'Rogue', code: 'RG', parent_branch_id: a.south } });
    expect(outside.status).toBe(404);
    const s = await api.post(`/api/isp/${a.id}/subscribers`, { token: a.managerToken, body: { first_name: 'Nia', last_name: 'East', username: 'nia.east', password: 'pppoe-pass', branch_id: sub.json.id } });
    expect(s.status).toBe(201);
    const noBranch = await api.post(`/api/isp/${a.id}/subscribers`, { token: a.managerToken, body: { first_name: 'No', last_name: 'Branch', username: 'no.branch', password: 'pppoe-pass' } });
    expect(noBranch.status).toBe(400);
  });

  it('cannot grant roles above their own', async () => {
    const r = await api.post(`/api/isp/${a.id}/users`, { token: a.managerToken, body: { email: 'boss@alpha.test', name: 'Boss', role: 'isp_admin', password: 'long enough pw' } });
    expect(r.status).toBe(403);
  });
});
