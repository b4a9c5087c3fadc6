import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';
import { clockAt } from '../../test/clocks.ts';

// A subscriber moves plan from the self-service portal; the fixture's Ann is on "Fiber 50" (EUR 25.00).
// The clock stands on 5 March 2027: Ann's first period (20 to 28 February) has ended and no
// billing run has closed it yet, the case that refused every change in the first days of a month.
let server: TestServer;
let api: Client;
let isp: IspFixture;
let other: IspFixture;
let ann: string;
let upgrade: string;
let archived: string;

beforeAll(async () => {
  server = await startTestServer({}, { clock: clockAt('2027-03-05T09:30:00Z') });
  api = client(server.app);
  const founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'selfplan');
  other = await createIspFixture(api, founder, 'selfplan-other');
  const base = `/api/isp/${isp.id}`;
  upgrade = (await api.post(`${base}/plans`, { token: isp.adminToken, body: { name: 'Fiber 200', download_kbps: 204_800, upload_kbps: 51_200, price_minor: 4500 } })).json.id;
  archived = (await api.post(`${base}/plans`, { token: isp.adminToken, body: { name: 'Legacy 8M', download_kbps: 8192, upload_kbps: 1024, price_minor: 900 } })).json.id;
  await api.patch(`${base}/plans/${archived}`, { token: isp.adminToken, body: { status: 'archived' } });
  const sub = await api.post(`${base}/subscribers/${isp.subscriberId}/subscription`, { token: isp.adminToken, body: { kind: 'postpaid', start_date: '2027-02-20' } });
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
    expect(preview.json).toMatchObject({ effective_date: '2027-03-05', new_price_minor: 4500, new_currency: 'EUR' });
    // The ended period's 9 days of 28 and March's first 4 days of 31 re-priced from the new plan to the old one.
    expect(preview.json.proration.map((p: { amount: number }) => p.amount)).toEqual([804, -1446, 323, -581]);
    expect(preview.json.proration[0].description).toMatch(/2027-02-20|20/);
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

  it('refuses an effective date inside an invoiced period or after the open one, naming the field', async () => {
    const base = `/api/isp/${isp.id}/subscribers/${isp.subscriberId}/subscription/change-plan/preview`;
    for (const effective_date of ['2027-02-19', '2027-03-06']) {
      const r = await api.post(base, { token: isp.adminToken, body: { plan_id: archived, effective_date } });
      expect(r.status, r.text).toBe(400);
      expect(r.json.errors[0].pointer).toBe('/body/effective_date');
    }
  });

  it('bills the ended period with the re-pricing, so February costs the old plan', async () => {
    const base = `/api/isp/${isp.id}`;
    const run = await api.post(`${base}/billing-runs`, { token: isp.adminToken, body: { as_of: '2027-03-05' } });
    expect(run.status, run.text).toBe(202);
    let status = run.json;
    for (let i = 0; i < 100 && status.status === 'running'; i++) status = (await api.get(`${base}/billing-runs/${run.json.id}`, { token: isp.adminToken })).json;
    expect(status).toMatchObject({ status: 'completed', invoiced: 1 });
    const list = await api.get(`${base}/invoices?subscriber_id=${isp.subscriberId}`, { token: isp.adminToken });
    const invoice = (await api.get(`${base}/invoices/${list.json.items[0].id}`, { token: isp.adminToken })).json;
    expect(invoice).toMatchObject({ period_start: '2027-02-20', period_end: '2027-02-28' });
    const net = invoice.lines.reduce((a: number, l: { net_amount: number }) => a + l.net_amount, 0);
    expect(invoice.subtotal).toBe(net);
    // 9/28 of Fiber 200 on the plan line, turned into 9/28 of Fiber 50, and March's first days moved the same way.
    expect(net).toBe(1446 + 804 - 1446 + 323 - 581);
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
