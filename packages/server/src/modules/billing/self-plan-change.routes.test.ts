import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';

// A subscriber moves plan from the self-service portal; the fixture's Ann is on "Fiber 50" (EUR 25.00).
let server: TestServer;
let api: Client;
let isp: IspFixture;
let other: IspFixture;
let ann: string;
let upgrade: string;
let archived: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  const founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'selfplan');
  other = await createIspFixture(api, founder, 'selfplan-other');
  const base = `/api/isp/${isp.id}`;
  upgrade = (await api.post(`${base}/plans`, { token: isp.adminToken, body: { name: 'Fiber 200', download_kbps: 204_800, upload_kbps: 51_200, price_minor: 4500 } })).json.id;
  archived = (await api.post(`${base}/plans`, { token: isp.adminToken, body: { name: 'Legacy 8M', download_kbps: 8192, upload_kbps: 1024, price_minor: 900 } })).json.id;
  await api.patch(`${base}/plans/${archived}`, { token: isp.adminToken, body: { status: 'archived' } });
  const sub = await api.post(`${base}/subscribers/${isp.subscriberId}/subscription`, { token: isp.adminToken, body: { kind: 'postpaid', start_date: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10) } });
  expect(sub.status, sub.text).toBe(201);
  ann = await api.login('ann@selfplan.test', password);
});
afterAll(async () => server.close());

describe('self-service plan change', () => {
  it('lists the active plans with the own one marked, never archived ones', async () => {
    const r = await api.get('/api/me/plans', { token: ann });
    expect(r.status, r.text).toBe(200);
    expect(r.json.map((p: { name: string; current: boolean }) => [p.name, p.current])).toEqual([['Fiber 50', true], ['Fiber 200', false]]);
  });

  it('previews the pro-rated charge and credit, then moves the plan and leaves them for the next invoice', async () => {
    const preview = await api.post('/api/me/plan-change/preview', { token: ann, body: { plan_id: upgrade } });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json).toMatchObject({ new_price_minor: 4500, new_currency: 'EUR' });
    const done = await api.post('/api/me/plan-change', { token: ann, body: { plan_id: upgrade } });
    expect(done.status, done.text).toBe(200);
    expect(done.json.subscription.plan_id).toBe(upgrade);
    expect(done.json.proration).toEqual(preview.json.proration);
    const staffView = await api.get(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken });
    expect(staffView.json.plan_id).toBe(upgrade);
    const pending = await api.get(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}/subscription`, { token: isp.adminToken });
    expect(pending.json.charges.filter((c: { kind: string }) => c.kind === 'proration')).toHaveLength(done.json.proration.length);
    expect((await api.post('/api/me/plan-change', { token: ann, body: { plan_id: upgrade } })).status).toBe(409);
  });

  it('refuses archived plans, other ISPs\' plans and staff callers, changing nothing', async () => {
    const foreignPlan = other.planId;
    for (const plan_id of [archived, foreignPlan]) {
      const r = await api.post('/api/me/plan-change', { token: ann, body: { plan_id } });
      expect(r.status, plan_id).toBe(400);
      expect(r.json.errors?.[0]?.pointer ?? JSON.stringify(r.json)).toMatch(/plan_id/);
    }
    expect((await api.post('/api/me/plan-change', { token: isp.adminToken, body: { plan_id: upgrade } })).status).toBe(403);
    expect((await api.get('/api/me/plans', { token: other.adminToken })).status).toBe(403);
    const still = await api.get(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken });
    expect(still.json.plan_id).toBe(upgrade);
  });
});
