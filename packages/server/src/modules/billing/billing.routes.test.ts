import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { rows, tenantScope, withScope } from '../../platform/db/scope.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;
let token: string;

const ecbXml = readFileSync(new URL('./testdata/eurofxref-daily.xml', import.meta.url), 'utf8');

async function ok(p: Promise<{ status: number; json: any; text: string }>, expected = 200) {
  const r = await p;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${r.text}`);
  return r.json;
}
async function newSubscriber(name: string, planId: string, extra: Record<string, unknown> = {}) {
  return ok(api.post(`${base}/subscribers`, { token, body: { first_name: name, last_name: 'Test', username: `${name.toLowerCase()}.${isp.slug}`, password: 'pppoe-pass', branch_id: isp.hq, plan_id: planId, ...extra } }), 201);
}
const put = (url: string, body: unknown) => server.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'billco');
  base = `/api/isp/${isp.id}`;
  token = isp.adminToken;
  // An Indian ISP in Karnataka with GST rules.
  await ok(api.patch(`${base}/billing/settings`, { token, body: { legal_name: 'Billco Networks Pvt Ltd', country: 'IN', region: 'KA', tax_id: '29ABCDE1234F1Z5', payment_terms_days: 10, overage_per_gb_minor: 1000 } }));
  for (const r of [
    { name: 'CGST', kind: 'gst', country: 'IN', scope: 'intra', rate: '9' },
    { name: 'SGST', kind: 'gst', country: 'IN', scope: 'intra', rate: '9' },
    { name: 'IGST', kind: 'gst', country: 'IN', scope: 'inter', rate: '18' },
  ]) await ok(api.post(`${base}/tax-rules`, { token, body: r }), 201);
});
afterAll(() => server.close());

describe('tax rules and rates', () => {
  it('validates and edits tax rules', async () => {
    const bad = await api.post(`${base}/tax-rules`, { token, body: { name: 'X', kind: 'vat', rate: '120' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const rule = await ok(api.post(`${base}/tax-rules`, { token, body: { name: 'Cess', kind: 'other', country: 'IN', rate: '1', active: false } }), 201);
    expect((await ok(api.patch(`${base}/tax-rules/${rule.id}`, { token, body: { rate: '2.5' } }))).rate).toBe('2.5');
    expect((await api.del(`${base}/tax-rules/${rule.id}`, { token })).status).toBe(204);
    expect((await ok(api.get(`${base}/tax-rules`, { token }))).map((r: { name: string }) => r.name)).toEqual(['CGST', 'IGST', 'SGST']);
    // The price list shows each plan with the GST a customer in the ISP's state pays.
    const prices = await ok(api.get(`${base}/billing/plan-prices`, { token }));
    expect(prices.find((p: { plan_id: string }) => p.plan_id === isp.planId)).toMatchObject({ net: 2500, tax: 450, gross: 2950 });
  });

  it('imports an ECB reference-rate file and enters a manual rate', async () => {
    const r = await ok(api.post(`${base}/exchange-rates/ecb-import`, { token, body: { xml: ecbXml } }));
    expect(r).toEqual({ dates: ['2026-11-24'], imported: 30 });
    const again = await ok(api.post(`${base}/exchange-rates/ecb-import`, { token, body: { xml: ecbXml } }));
    expect(again.imported).toBe(30);
    const page = await ok(api.get(`${base}/exchange-rates?quote=INR`, { token }));
    expect(page.items).toMatchObject([{ base: 'EUR', quote: 'INR', rate: '91.4335', rate_date: '2026-11-24', source: 'ecb' }]);
    expect(page.total).toBe(1);
    expect((await api.post(`${base}/exchange-rates/ecb-import`, { token, body: { xml: '<nope/>' } })).status).toBe(400);
    const manual = await ok(api.post(`${base}/exchange-rates`, { token, body: { base: 'USD', quote: 'BHD', rate: '0.376', rate_date: '2026-11-20' } }), 201);
    expect(manual.source).toBe('manual');
    expect((await api.post(`${base}/exchange-rates`, { token, body: { base: 'USD', quote: 'USD', rate: '1', rate_date: '2026-11-20' } })).status).toBe(400);
    expect((await api.post(`${base}/exchange-rates`, { token, body: { base: 'USD', quote: 'ZZZ', rate: '1', rate_date: '2026-11-20' } })).status).toBe(400);
  });
});

describe('postpaid billing run', () => {
  it('bills due subscribers once, with GST, proration, one-time fees and overage', async () => {
    const plan = await ok(api.post(`${base}/plans`, { token, body: { name: 'Home 100', download_kbps: 102400, upload_kbps: 20480, price_minor: 99900, currency: 'INR', fup_monthly_bytes: 100_000_000_000 } }), 201);
    const a = await newSubscriber('Asha', plan.id, { email: 'asha@billco.test', locale: 'hi' });
    const b = await newSubscriber('Bala', plan.id);
    await ok(put(`${base}/subscribers/${b.id}/billing-profile`, { country: 'IN', region: 'MH', tax_id: '27ABCDE1234F1Z5', is_business: true, currency: null }).then((r) => ({ status: r.statusCode, json: r.json(), text: r.body })));
    const subA = await ok(api.post(`${base}/subscribers/${a.id}/subscription`, { token, body: { kind: 'postpaid', anchor: 'calendar', billing_day: 1, start_date: '2026-09-15' } }), 201);
    expect(subA).toMatchObject({ next_period_start: '2026-09-15', next_period_end: '2026-10-01', currency: 'INR' });
    await ok(api.post(`${base}/subscribers/${b.id}/subscription`, { token, body: { kind: 'postpaid', anchor: 'anniversary', start_date: '2026-10-10' } }), 201);
    await ok(api.post(`${base}/subscribers/${a.id}/charges`, { token, body: { description: 'Installation', amount_minor: 50000 } }), 201);
    // 120 GB used in September by Asha (quota 100 GB): 20 GB overage.
    await withScope(server.ctx.db, tenantScope(isp.id), (tx) => tx.execute(sql`INSERT INTO usage_daily (isp_id, subscriber_id, day, input_octets, output_octets)
      VALUES (${isp.id}, ${a.id}, '2026-09-20', 60000000000, 0), (${isp.id}, ${a.id}, '2026-09-25', 0, 60000000000), (${isp.id}, ${a.id}, '2026-10-02', 5, 5)`));

    // No EUR→INR rate on or before the billing day: the run bills nobody at a guessed rate.
    const noRate = await ok(api.post(`${base}/billing-runs`, { token, body: { as_of: '2026-11-10' } }), 202);
    let st = noRate;
    for (let i = 0; i < 100 && st.status === 'running'; i++) st = await ok(api.get(`${base}/billing-runs/${noRate.id}`, { token }));
    expect(st).toMatchObject({ status: 'completed', invoiced: 0, failed: 2 });
    expect(st.error).toMatch(/No exchange rate from EUR to INR/);
    await ok(api.post(`${base}/exchange-rates`, { token, body: { base: 'EUR', quote: 'INR', rate: '90.5', rate_date: '2026-11-01' } }), 201);

    const run = await ok(api.post(`${base}/billing-runs`, { token, body: { as_of: '2026-11-10' } }), 202);
    expect(run.total).toBe(2);
    let status = run;
    for (let i = 0; i < 100 && status.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await ok(api.get(`${base}/billing-runs/${run.id}`, { token }));
    }
    expect(status).toMatchObject({ status: 'completed', invoiced: 3, failed: 0 });
    // Asha: Sep 15–30 (short), Oct; Bala: Oct 10 – Nov 9. Nov for Asha is not over on Nov 10.
    const list = await ok(api.get(`${base}/invoices?sort=number&limit=10`, { token }));
    expect(list.items.map((i: { number: string }) => i.number)).toEqual(['INV-000001', 'INV-000002', 'INV-000003']);

    const aInvoices = (await ok(api.get(`${base}/invoices?subscriber_id=${a.id}&sort=issue_date`, { token }))).items;
    const sept = await ok(api.get(`${base}/invoices/${aInvoices.find((i: { period_start: string }) => i.period_start === '2026-09-15').id}`, { token }));
    expect(sept.lines.map((l: { kind: string; net_amount: number }) => [l.kind, l.net_amount])).toEqual([
      ['proration', 53280], // 999.00 × 16/30
      ['one_time', 50000],
      ['overage', 1810000], // 20 GB × EUR 10.00 (ISP base currency) at 90.5 INR/EUR
    ]);
    expect(sept.lines[2]).toMatchObject({ quantity: '20', unit: 'GB', usage_bytes: 120_000_000_000, included_bytes: 100_000_000_000 });
    expect(sept.taxes.map((t: { name: string }) => t.name).sort()).toEqual(['CGST', 'CGST', 'CGST', 'SGST', 'SGST', 'SGST']);
    expect(sept.subtotal).toBe(1913280);
    expect(sept.lines[2].unit_price).toBe(90500);
    expect(sept.tax_total).toBe(sept.taxes.reduce((s: number, t: { amount: number }) => s + t.amount, 0));
    expect(sept.total).toBe(sept.subtotal + sept.tax_total);
    expect(sept).toMatchObject({ status: 'issued', currency: 'INR', issue_date: '2026-11-10', due_date: '2026-11-20', seller: { tax_id: '29ABCDE1234F1Z5' }, locale: 'hi' });

    const bInv = (await ok(api.get(`${base}/invoices?subscriber_id=${b.id}`, { token }))).items[0];
    const bFull = await ok(api.get(`${base}/invoices/${bInv.id}`, { token }));
    expect(bFull.taxes).toMatchObject([{ name: 'IGST', rate: '18', amount: 17982 }]);
    expect(bFull.buyer.tax_id).toBe('27ABCDE1234F1Z5');

    // Idempotent: the same period again creates nothing.
    const again = await ok(api.post(`${base}/billing-runs`, { token, body: { as_of: '2026-11-10' } }), 202);
    expect(again.total).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect((await ok(api.get(`${base}/billing-runs/${again.id}`, { token }))).invoiced).toBe(0);
    expect((await ok(api.get(`${base}/invoices`, { token }))).total).toBe(3);
    // A later run with nothing due still marks invoices past their due date overdue.
    const later = await ok(api.post(`${base}/billing-runs`, { token, body: { as_of: '2026-11-25' } }), 202);
    for (let i = 0; i < 100 && (await ok(api.get(`${base}/billing-runs/${later.id}`, { token }))).status === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await ok(api.get(`${base}/invoices?status=overdue`, { token }))).total).toBe(3);
    const [dup] = await withScope(server.ctx.db, tenantScope(isp.id), (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM invoices WHERE source = 'cycle'`));
    expect(dup!.n).toBe(3);

    // The pending installation fee was consumed by the first invoice.
    const subView = await ok(api.get(`${base}/subscribers/${a.id}/subscription`, { token }));
    expect(subView.charges[0].invoice_id).toBe(sept.id);
    expect(subView.subscriptions[0]).toMatchObject({ next_period_start: '2026-11-01', next_period_end: '2026-12-01' });

    // PDF in the subscriber's language and e-mail delivery with the PDF attached.
    const pdf = await server.app.inject({ method: 'GET', url: `${base}/invoices/${sept.id}/pdf`, headers: { authorization: `Bearer ${token}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await ok(api.post(`${base}/invoices/${sept.id}/email`, { token }))).toEqual({ sent_to: 'asha@billco.test' });
    const mail = server.mailer.sent.at(-1)!;
    expect(mail.subject).toBe(`आपका चालान ${sept.number}`);
    expect(mail.attachments?.[0]).toMatchObject({ filename: `${sept.number}.pdf`, contentType: 'application/pdf' });

    // Analytics from the real invoices.
    const analytics = await ok(api.get(`/api/payment/analytics/${isp.id}`, { token }));
    expect(analytics.open_invoices).toBe(3);
    // In the ISP's base currency (EUR), at the 90.5 INR/EUR each invoice recorded.
    expect(analytics.currency).toBe('EUR');
    expect(analytics.outstanding).toBe(Math.round(list.items.reduce((s: number, i: { total: number }) => s + i.total, 0) / 90.5));
    expect(analytics.overdue).toBe(analytics.outstanding);
  });
});

describe('invoices: manual, drafts, void and credit notes', () => {
  it('numbers drafts when issued, voids unpaid ones and credits issued ones', async () => {
    const draft = await ok(api.post(`${base}/invoices`, { token, body: { subscriber_id: isp.subscriberId, issue: false, lines: [{ description: 'Router', unit_price_minor: 250000, quantity: '2', category: 'equipment' }, { description: 'Setup', unit_price_minor: 10000 }] } }), 201);
    expect(draft).toMatchObject({ status: 'draft', number: null, subtotal: 510000 });
    const issued = await ok(api.post(`${base}/invoices/${draft.id}/issue`, { token }));
    expect(issued.number).toMatch(/^INV-\d{6}$/);
    expect((await api.post(`${base}/invoices/${draft.id}/issue`, { token })).status).toBe(409);

    const cn = await ok(api.post(`${base}/invoices/${issued.id}/credit-note`, { token, body: { reason: 'Router returned', line_ids: [issued.lines[0].id] } }), 201);
    expect(cn).toMatchObject({ kind: 'credit_note', series: 'CN', number: 'CN-000001', credit_note_of: issued.id, total: issued.lines[0].gross_amount });
    const after = await ok(api.get(`${base}/invoices/${issued.id}`, { token }));
    expect(after).toMatchObject({ amount_credited: cn.total, balance: issued.total - cn.total, lines: issued.lines });
    expect(after.credit_notes).toEqual([{ id: cn.id, number: 'CN-000001', total: cn.total }]);
    // Credited: cannot be voided; crediting beyond the total is refused.
    expect((await api.post(`${base}/invoices/${issued.id}/void`, { token, body: { reason: 'x' } })).status).toBe(409);
    expect((await api.post(`${base}/invoices/${issued.id}/credit-note`, { token, body: { reason: 'again' } })).status).toBe(409);
    const rest = await ok(api.post(`${base}/invoices/${issued.id}/credit-note`, { token, body: { reason: 'Setup waived', line_ids: [issued.lines[1].id] } }), 201);
    expect((await ok(api.get(`${base}/invoices/${issued.id}`, { token }))).status).toBe('paid');
    expect(rest.number).toBe('CN-000002');

    const other = await ok(api.post(`${base}/invoices`, { token, body: { subscriber_id: isp.subscriberId, lines: [{ description: 'Visit', unit_price_minor: 3000 }] } }), 201);
    const voided = await ok(api.post(`${base}/invoices/${other.id}/void`, { token, body: { reason: 'Issued by mistake' } }));
    expect(voided).toMatchObject({ status: 'void', void_reason: 'Issued by mistake', number: other.number });
  });

  it('bills in the subscriber currency at the recorded rate', async () => {
    await ok(put(`${base}/subscribers/${isp.northSubscriberId}/billing-profile`, { country: 'IN', region: 'KA', tax_id: null, is_business: false, currency: 'USD' }).then((r) => ({ status: r.statusCode, json: r.json(), text: r.body })));
    const inv = await ok(api.post(`${base}/invoices`, { token, body: { subscriber_id: isp.northSubscriberId, lines: [{ description: 'Static IP', unit_price_minor: 500 }] } }), 201);
    // The fixture ISP's base currency is EUR: EUR→USD from the ECB import.
    expect(inv).toMatchObject({ currency: 'USD', base_currency: 'EUR', exchange_rate: '1.0834', exchange_rate_date: '2026-11-24' });
  });
});

describe('prepaid and plan changes', () => {
  it('recharge extends the service and invoices the plan; plan change pro-rates', async () => {
    const plan = await ok(api.post(`${base}/plans`, { token, body: { name: 'Prepaid 30', download_kbps: 10240, upload_kbps: 2048, price_minor: 30000, currency: 'INR', billing_period: 'monthly', validity_days: 30 } }), 201);
    const big = await ok(api.post(`${base}/plans`, { token, body: { name: 'Prepaid 60', download_kbps: 20480, upload_kbps: 4096, price_minor: 60000, currency: 'INR', validity_days: 30 } }), 201);
    const s = await newSubscriber('Pia', plan.id);
    await ok(api.post(`${base}/subscribers/${s.id}/subscription`, { token, body: { kind: 'prepaid' } }), 201);
    const inv = await ok(api.post(`${base}/subscribers/${s.id}/recharge`, { token }), 201);
    expect(inv).toMatchObject({ source: 'recharge', status: 'issued', subtotal: 30000 });
    const sub1 = await ok(api.get(`${base}/subscribers/${s.id}`, { token }));
    const expires1 = Date.parse(sub1.expires_at);
    expect(Math.round((expires1 - Date.now()) / 86_400_000)).toBe(30);
    await ok(api.post(`${base}/subscribers/${s.id}/recharge`, { token }), 201);
    const expires2 = Date.parse((await ok(api.get(`${base}/subscribers/${s.id}`, { token }))).expires_at);
    expect(Math.round((expires2 - expires1) / 86_400_000)).toBe(30);

    const change = await ok(api.post(`${base}/subscribers/${s.id}/subscription/change-plan`, { token, body: { plan_id: big.id } }));
    expect(change.proration).toHaveLength(1);
    expect(change.proration[0].amount).toBeLessThan(0);
    expect((await ok(api.get(`${base}/subscribers/${s.id}`, { token }))).plan_id).toBe(big.id);
    const next = await ok(api.post(`${base}/subscribers/${s.id}/recharge`, { token }), 201);
    expect(next.lines.map((l: { kind: string }) => l.kind)).toEqual(['plan', 'proration']);
    expect(next.subtotal).toBe(60000 + change.proration[0].amount);
  });

  it('postpaid plan change charges the old plan and credits the new one for the used days', async () => {
    const plan = await ok(api.post(`${base}/plans`, { token, body: { name: 'Post A', download_kbps: 10240, upload_kbps: 2048, price_minor: 30000, currency: 'INR' } }), 201);
    const planB = await ok(api.post(`${base}/plans`, { token, body: { name: 'Post B', download_kbps: 20480, upload_kbps: 2048, price_minor: 60000, currency: 'INR' } }), 201);
    const s = await newSubscriber('Ravi', plan.id);
    await ok(api.post(`${base}/subscribers/${s.id}/subscription`, { token, body: { kind: 'postpaid', start_date: '2026-11-01' } }), 201);
    const r = await ok(api.post(`${base}/subscribers/${s.id}/subscription/change-plan`, { token, body: { plan_id: planB.id, effective_date: '2026-11-11' } }));
    expect(r.proration.map((p: { amount: number }) => p.amount)).toEqual([10000, -20000]); // 10/30 days
    const gen = await ok(api.post('/api/payment/invoice/generate', { token, body: { subscriber_id: s.id, as_of: '2026-12-01' } }), 201);
    expect(gen.invoices).toHaveLength(1);
    const inv = await ok(api.get(`${base}/invoices/${gen.invoices[0].id}`, { token }));
    expect(inv.subtotal).toBe(60000 + 10000 - 20000); // old × 10/30 + new × 20/30
    expect((await api.post('/api/payment/invoice/generate', { token, body: { subscriber_id: s.id, as_of: '2026-12-01' } })).status).toBe(409);
  });
});

describe('self-service', () => {
  it('a subscriber lists and downloads only their own invoices', async () => {
    const me = await api.login(`ann@${isp.slug}.test`, 'correct horse battery', { isp: isp.slug });
    const mine = await ok(api.get('/api/me/invoices', { token: me }));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i: { subscriber_id: string }) => i.subscriber_id === isp.subscriberId)).toBe(true);
    const pdf = await server.app.inject({ method: 'GET', url: `/api/me/invoices/${mine.items[0].id}/pdf`, headers: { authorization: `Bearer ${me}` } });
    expect(pdf.statusCode).toBe(200);
    const others = await ok(api.get(`${base}/invoices?subscriber_id=${isp.northSubscriberId}`, { token }));
    const theirs = await server.app.inject({ method: 'GET', url: `/api/me/invoices/${others.items[0].id}/pdf`, headers: { authorization: `Bearer ${me}` } });
    expect(theirs.statusCode).toBe(404);
    expect((await api.get(`${base}/invoices`, { token: me })).status).toBe(403);
  });
});
