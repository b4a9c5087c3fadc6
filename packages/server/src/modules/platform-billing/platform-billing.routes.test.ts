import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { rows, tenantScope, withScope } from '../../platform/db/scope.ts';
import { addMonths } from '../billing/index.ts';

let server: TestServer;
let api: Client;
let founder: string;
let a: IspFixture;
let b: IspFixture;
let c: IspFixture;
const thisMonth = new Date().toISOString().slice(0, 7);
const m0 = thisMonth;
const m1 = addMonths(`${thisMonth}-01`, -1).slice(0, 7);
const m2 = addMonths(`${thisMonth}-01`, -2).slice(0, 7);

async function ok(p: Promise<{ status: number; json: any; text: string }>, expected = 200) {
  const r = await p;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${r.text}`);
  return r.json;
}
const put = (url: string, token: string, body: unknown) => server.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const run = (period: string, issue = true) => ok(api.post('/api/founder/platform-billing/runs', { token: founder, body: { period, issue } }), 201);
const invoicesOf = async (ispId: string) => (await ok(api.get(`/api/founder/platform-invoices?isp_id=${ispId}&limit=200`, { token: founder }))).items as any[];

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  founder = await founderToken(server, api);
  a = await createIspFixture(api, founder, 'saas-a');
  b = await createIspFixture(api, founder, 'saas-b');
  c = await createIspFixture(api, founder, 'saas-c');
});
afterAll(() => server.close());

describe('platform billing', () => {
  let perSub: any;
  let flat: any;

  it('keeps SaaS plans and their assignment to the founder', async () => {
    await ok(api.patch('/api/founder/platform-billing/settings', { token: founder, body: {
      legal_name: 'AstraNetix GmbH', country: 'DE', currency: 'EUR', tax_name: 'VAT', tax_rate: '19', tax_reverse_charge_b2b: true, payment_terms_days: 14,
    } }));
    perSub = await ok(api.post('/api/founder/saas-plans', { token: founder, body: { name: 'Growth', kind: 'per_subscriber', price_minor: 300, minimum_minor: 500 } }), 201);
    flat = await ok(api.post('/api/founder/saas-plans', { token: founder, body: { name: 'Enterprise', kind: 'flat', price_minor: 9900 } }), 201);
    expect(perSub).toMatchObject({ currency: 'EUR', minimum_minor: 500, isps: 0 });
    expect((await api.post('/api/founder/saas-plans', { token: founder, body: { name: 'growth', kind: 'flat', price_minor: 1 } })).status).toBe(409);
    // A plan's currency is the platform's; it cannot move under existing plans.
    expect((await api.patch('/api/founder/platform-billing/settings', { token: founder, body: { currency: 'USD' } })).status).toBe(409);
    const small = await ok(api.post('/api/founder/saas-plans', { token: founder, body: { name: 'Starter', kind: 'flat', price_minor: 1000 } }), 201);
    const since = `${m2}-01`;
    for (const [isp, plan] of [[a, perSub], [b, flat], [c, small]] as const) {
      const r = await put(`/api/founder/isp/${isp.id}/saas-assignment`, founder, { plan_id: plan.id, start_date: since });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await ok(api.get('/api/founder/saas-assignments', { token: founder }))).map((x: any) => x.plan_name)).toEqual(['Growth', 'Enterprise', 'Starter']);
  });

  it('bills a month once, with gapless numbers, even when two runs race', async () => {
    const [r1, r2] = await Promise.all([run(m2), run(m2)]);
    expect(r1.invoiced + r2.invoiced).toBe(3);
    expect(r1.skipped + r2.skipped).toBe(3);
    const again = await run(m2);
    expect(again).toMatchObject({ invoiced: 0, skipped: 3 });
    await run(m1);
    const all = (await ok(api.get('/api/founder/platform-invoices?limit=200', { token: founder }))).items as any[];
    expect(all).toHaveLength(6);
    expect(all.map((i) => i.number).sort()).toEqual(['SAAS-000001', 'SAAS-000002', 'SAAS-000003', 'SAAS-000004', 'SAAS-000005', 'SAAS-000006']);
    // The fixture's subscribers were created this month: none was active at the end of m2, so the minimum applies.
    const aM2 = (await invoicesOf(a.id)).find((i) => i.period_start === `${m2}-01`);
    const full = await ok(api.get(`/api/founder/platform-invoices/${aM2.id}`, { token: founder }));
    expect(full).toMatchObject({ active_subscribers: 0, subtotal: 500, tax_total: 95, total: 595, status: 'issued', currency: 'EUR' });
    expect(full.lines.map((l: any) => [l.kind, l.quantity, l.net_amount])).toEqual([['plan', '0', 0], ['adjustment', '1', 500]]);
    expect(full.taxes.map((t: any) => [t.name, t.rate, t.taxable_amount, t.amount, t.reverse_charge])).toEqual([['VAT', '19', 0, 0, false], ['VAT', '19', 500, 95, false]]);
    expect(full.seller.name).toBe('AstraNetix GmbH');
  });

  it('counts active subscribers at the period end, drafts and issues, and reverse-charges a foreign business', async () => {
    // ISP A becomes an Indian business with a GST number: EU VAT is reverse-charged.
    await ok(api.patch(`/api/isp/${a.id}/billing/settings`, { token: a.adminToken, body: { legal_name: 'Saas A Pvt Ltd', country: 'IN', region: 'KA', tax_id: '29ABCDE1234F1Z5' } }));
    await ok(api.post(`/api/founder/isp/${c.id}/terminate`, { token: founder }));
    const r = await run(m0, false);
    expect(r.invoiced).toBe(2);
    const draft = (await invoicesOf(a.id)).find((i) => i.period_start === `${m0}-01`);
    expect(draft).toMatchObject({ status: 'draft', number: null, active_subscribers: 2, subtotal: 600, tax_total: 0, total: 600 });
    const issued = await ok(api.post(`/api/founder/platform-invoices/${draft.id}/issue`, { token: founder }));
    expect(issued.number).toBe('SAAS-000007');
    expect(issued.taxes[0]).toMatchObject({ reverse_charge: true, amount: 0 });
    expect(issued.buyer).toMatchObject({ name: 'Saas A Pvt Ltd', country: 'IN', tax_id: '29ABCDE1234F1Z5' });
    expect((await api.post(`/api/founder/platform-invoices/${draft.id}/issue`, { token: founder })).status).toBe(409);
    const bDraft = (await invoicesOf(b.id)).find((i) => i.period_start === `${m0}-01`);
    expect((await ok(api.post(`/api/founder/platform-invoices/${bDraft.id}/issue`, { token: founder }))).number).toBe('SAAS-000008');
  });

  it("records an ISP's payments, refuses overpayment and voiding what was paid", async () => {
    const inv = (await invoicesOf(b.id)).find((i) => i.period_start === `${m1}-01`);
    expect(inv.total).toBe(11781);
    const part = await ok(api.post(`/api/founder/platform-invoices/${inv.id}/payments`, { token: founder, body: { amount_minor: 5000, method: 'bank_transfer', reference: 'TRX-1' } }), 201);
    expect(part).toMatchObject({ status: 'issued', amount_paid: 5000, balance: 6781 });
    expect((await api.post(`/api/founder/platform-invoices/${inv.id}/payments`, { token: founder, body: { amount_minor: 6782, method: 'card' } })).status).toBe(409);
    const paid = await ok(api.post(`/api/founder/platform-invoices/${inv.id}/payments`, { token: founder, body: { amount_minor: 6781, method: 'card' } }), 201);
    expect(paid).toMatchObject({ status: 'paid', balance: 0 });
    expect(paid.payments).toHaveLength(2);
    expect((await api.post(`/api/founder/platform-invoices/${inv.id}/void`, { token: founder, body: { reason: 'x' } })).status).toBe(409);
    expect((await api.post(`/api/founder/platform-invoices/${inv.id}/payments`, { token: founder, body: { amount_minor: 1, method: 'card' } })).status).toBe(409);
  });

  it('voiding frees the period: the next run bills it again under a new number', async () => {
    const inv = (await invoicesOf(a.id)).find((i) => i.period_start === `${m1}-01`);
    const voided = await ok(api.post(`/api/founder/platform-invoices/${inv.id}/void`, { token: founder, body: { reason: 'Wrong plan' } }));
    expect(voided).toMatchObject({ status: 'void', number: inv.number, void_reason: 'Wrong plan' });
    expect((await run(m1)).invoiced).toBe(1);
    const again = (await invoicesOf(a.id)).filter((i) => i.period_start === `${m1}-01`);
    expect(again.map((i) => [i.status, i.number]).sort()).toEqual([['issued', 'SAAS-000009'], ['void', inv.number]]);
  });

  it('renders the PDF with the billing engine', async () => {
    const inv = (await invoicesOf(b.id))[0];
    const r = await server.app.inject({ method: 'GET', url: `/api/founder/platform-invoices/${inv.id}/pdf`, headers: { authorization: `Bearer ${founder}` } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('computes MRR, ARR, churn and revenue per ISP from the invoices', async () => {
    const m = await ok(api.get('/api/founder/platform-billing/metrics', { token: founder }));
    expect(m.currency).toBe('EUR');
    expect(m.monthly).toHaveLength(12);
    const [x2, x1, x0] = m.monthly.slice(-3);
    expect(x2).toMatchObject({ month: m2, mrr: 500 + 9900 + 1000, isps: 3, isps_lost: 0 });
    expect(x1).toMatchObject({ month: m1, mrr: 500 + 9900 + 1000, isps: 3 });
    // ISP C was terminated before this month's run: lost, with last month's net.
    expect(x0).toMatchObject({ month: m0, mrr: 600 + 9900, isps: 2, isps_lost: 1, revenue_lost: 1000, collected: 11781 });
    expect(m).toMatchObject({ mrr: 10500, arr: 126000, paying_isps: 2, churn_rate: 0.3333 });
    const byName = Object.fromEntries(m.per_isp.map((p: any) => [p.isp_name, p]));
    expect(byName['SAAS-B']).toMatchObject({ plan_name: 'Enterprise', mrr: 9900, paid_12m: 11781 });
    expect(byName['SAAS-C']).toMatchObject({ mrr: 0, billed_12m: 2380 });
  });
});

describe("the founder's ISP list", () => {
  it("shows each ISP's collected revenue this month and its network health", async () => {
    await ok(api.post(`/api/isp/${b.id}/payments`, { token: b.adminToken, body: { subscriber_id: b.subscriberId, method: 'cash', amount: 2500 } }), 201);
    await ok(api.post(`/api/isp/${b.id}/payments`, { token: b.adminToken, body: { subscriber_id: b.subscriberId, method: 'cash', amount: 1200 } }), 201);
    await server.ctx.db.orm.execute(sql`INSERT INTO noc_devices (isp_id, name, mgmt_ip, status, loss_percent) VALUES (${b.id}, 'core', '10.9.0.1', 'up', 0), (${b.id}, 'edge', '10.9.0.2', 'down', 100)`);
    const list = (await ok(api.get('/api/founder/isp/list?q=saas-', { token: founder }))).items as any[];
    const byId = Object.fromEntries(list.map((i) => [i.id, i]));
    expect(byId[b.id]).toMatchObject({ revenue_this_month: 3700, subscribers_active: 2 });
    // One device up, one down with total loss: 100 × (0.6 × 0.5 + 0.2 × 0.5 + 0.2 × 1) = 60.
    expect(byId[b.id].health_score).toBe(60);
    expect(byId[a.id]).toMatchObject({ revenue_this_month: 0, health_score: null });
  });
});

describe('platform billing across tenants', () => {
  it("shows an ISP admin its own issued platform invoices, never another ISP's", async () => {
    const mine = await ok(api.get(`/api/isp/${a.id}/platform-subscription`, { token: a.adminToken }));
    expect(mine.plan).toMatchObject({ name: 'Growth', kind: 'per_subscriber', price_minor: 300 });
    expect(mine.invoices.length).toBeGreaterThan(0);
    expect(mine.invoices.every((i: any) => i.isp_id === a.id)).toBe(true);
    expect((await api.get(`/api/isp/${b.id}/platform-subscription`, { token: a.adminToken })).status).toBe(404);
    const bInv = (await invoicesOf(b.id))[0];
    expect((await api.get(`/api/isp/${a.id}/platform-invoices/${bInv.id}/pdf`, { token: a.adminToken })).status).toBe(404);
    expect((await api.get(`/api/isp/${b.id}/platform-invoices/${bInv.id}/pdf`, { token: a.adminToken })).status).toBe(404);
    const own = await server.app.inject({ method: 'GET', url: `/api/isp/${a.id}/platform-invoices/${mine.invoices[0].id}/pdf`, headers: { authorization: `Bearer ${a.adminToken}` } });
    expect(own.statusCode).toBe(200);
    // Branch managers do not see what the ISP pays the platform.
    expect((await api.get(`/api/isp/${a.id}/platform-subscription`, { token: a.managerToken })).status).toBe(403);
  });

  it('refuses every founder route to ISP staff and leaves the rows untouched', async () => {
    const bInv = (await invoicesOf(b.id)).find((i) => i.status === 'issued');
    const before = await ok(api.get(`/api/founder/platform-invoices/${bInv.id}`, { token: founder }));
    for (const [method, url, body] of [
      ['get', '/api/founder/platform-invoices', undefined], ['get', `/api/founder/platform-invoices/${bInv.id}`, undefined],
      ['get', `/api/founder/platform-invoices/${bInv.id}/pdf`, undefined], ['get', '/api/founder/platform-billing/metrics', undefined],
      ['get', '/api/founder/saas-plans', undefined], ['post', '/api/founder/saas-plans', { name: 'Mine', kind: 'flat', price_minor: 0 }],
      ['post', '/api/founder/platform-billing/runs', { period: m0 }], ['post', `/api/founder/platform-invoices/${bInv.id}/void`, { reason: 'x' }],
      ['post', `/api/founder/platform-invoices/${bInv.id}/payments`, { amount_minor: 1, method: 'cash' }],
      ['patch', '/api/founder/platform-billing/settings', { legal_name: 'Mine' }],
    ] as const) {
      const r = await api[method](url, { token: a.adminToken, ...(body ? { body } : {}) });
      expect(r.status, `${method} ${url}`).toBe(403);
    }
    expect((await put(`/api/founder/isp/${a.id}/saas-assignment`, a.adminToken, { plan_id: '00000000-0000-0000-0000-000000000000' })).statusCode).toBe(403);
    expect(await ok(api.get(`/api/founder/platform-invoices/${bInv.id}`, { token: founder }))).toEqual(before);
  });

  it('RLS: a tenant scope reads only its own non-draft rows and cannot write any', async () => {
    const seen = await withScope(server.ctx.db, tenantScope(a.id), (tx) => rows<{ isp_id: string; status: string }>(tx, sql`SELECT isp_id, status FROM platform_invoices`));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.isp_id === a.id && r.status !== 'draft')).toBe(true);
    const plans = await withScope(server.ctx.db, tenantScope(a.id), (tx) => rows<{ name: string }>(tx, sql`SELECT name FROM platform_plans`));
    expect(plans.map((p) => p.name)).toEqual(['Growth']);
    const changed = await withScope(server.ctx.db, tenantScope(a.id), (tx) => rows<{ id: string }>(tx, sql`UPDATE platform_invoices SET amount_paid = total RETURNING id`));
    expect(changed).toEqual([]);
    await expect(withScope(server.ctx.db, tenantScope(a.id), (tx) => tx.execute(sql`INSERT INTO platform_plans (name, kind, price_minor, currency) VALUES ('Free', 'flat', 0, 'EUR')`))).rejects.toThrow();
    await expect(withScope(server.ctx.db, tenantScope(a.id), (tx) => rows(tx, sql`SELECT * FROM platform_billing_settings`))).resolves.toEqual([]);
  });
});
