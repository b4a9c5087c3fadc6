import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { rows, tenantScope, withScope } from '../../platform/db/scope.ts';

/** The engine writes its line and charge descriptions in the subscriber's document language, once. */

let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;
let token: string;

async function ok(p: Promise<{ status: number; json: any; text: string }>, expected = 200) {
  const r = await p;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${r.text}`);
  return r.json;
}
let n = 0;
async function subscriber(planId: string, locale: string | null) {
  return (await ok(api.post(`${base}/subscribers`, { token, body: {
    first_name: `Lang${++n}`, last_name: 'Test', username: `lang${n}.${isp.slug}`, password: 'pppoe-pass', branch_id: isp.hq, plan_id: planId, locale,
  } }), 201)).id as string;
}
async function runBilling(asOf: string) {
  const run = await ok(api.post(`${base}/billing-runs`, { token, body: { as_of: asOf } }), 202);
  let st = run;
  for (let i = 0; i < 200 && st.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 25));
    st = await ok(api.get(`${base}/billing-runs/${run.id}`, { token }));
  }
  expect(st).toMatchObject({ status: 'completed', failed: 0 });
}
async function onlyInvoice(subscriberId: string) {
  const list = (await ok(api.get(`${base}/invoices?subscriber_id=${subscriberId}`, { token }))).items;
  expect(list).toHaveLength(1);
  return ok(api.get(`${base}/invoices/${list[0].id}`, { token }));
}

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'lingua');
  base = `/api/isp/${isp.id}`;
  token = isp.adminToken;
  await ok(api.patch(`${base}/billing/settings`, { token, body: { overage_per_gb_minor: 100 } }));
});
afterAll(() => server.close());

describe('billing run', () => {
  it('describes plan, add-on, overage and discount lines in each subscriber language', async () => {
    const plan = await ok(api.post(`${base}/plans`, { token, body: { name: 'Home 10', download_kbps: 10240, upload_kbps: 2048, price_minor: 3000, fup_monthly_bytes: 10_000_000_000 } }), 201);
    const staticIp = await ok(api.post(`${base}/billing/addons`, { token, body: { name: 'Static IP', kind: 'static_ip', billing: 'recurring', price_minor: 500, currency: 'EUR' } }), 201);
    await ok(api.post(`${base}/billing/coupons`, { token, body: { code: 'welcome10', kind: 'percent', percent: '10', cycles: 1 } }), 201);
    const subs = { fr: await subscriber(plan.id, 'fr'), ar: await subscriber(plan.id, 'ar'), en: await subscriber(plan.id, 'en') };
    for (const id of Object.values(subs)) {
      await ok(api.post(`${base}/subscribers/${id}/subscription`, { token, body: { kind: 'postpaid', anchor: 'calendar', billing_day: 1, start_date: '2026-09-16' } }), 201);
      await ok(api.post(`${base}/subscribers/${id}/addons`, { token, body: { addon_id: staticIp.id, start_date: '2026-09-16' } }), 201);
      await ok(api.post(`${base}/subscribers/${id}/coupons`, { token, body: { code: 'WELCOME10' } }), 201);
      // 12 GB against a 10 GB quota: an overage line.
      await withScope(server.ctx.db, tenantScope(isp.id), (tx) => tx.execute(sql`INSERT INTO usage_daily (isp_id, subscriber_id, day, input_octets, output_octets)
        VALUES (${isp.id}, ${id}, '2026-09-20', 12000000000, 0)`));
    }
    await runBilling('2026-10-05');

    const descriptions = async (id: string) => {
      const inv = await onlyInvoice(id);
      return { locale: inv.locale, lines: inv.lines.map((l: { kind: string; description: string }) => [l.kind, l.description]) };
    };
    expect(await descriptions(subs.fr)).toEqual({ locale: 'fr', lines: [
      ['proration', 'Home 10, du 2026-09-16 au 2026-09-30 (15/30 jours)'],
      ['addon', 'Static IP, du 2026-09-16 au 2026-09-30 (15/30 jours)'],
      ['overage', 'Données au-delà du quota du forfait, du 2026-09-16 au 2026-09-30'],
      ['discount', 'Remise WELCOME10 (10 %)'],
    ] });
    expect(await descriptions(subs.ar)).toEqual({ locale: 'ar', lines: [
      ['proration', 'Home 10، من 2026-09-16 إلى 2026-09-30 (15/30 يومًا)'],
      ['addon', 'Static IP، من 2026-09-16 إلى 2026-09-30 (15/30 يومًا)'],
      ['overage', 'بيانات تتجاوز حصة الباقة، من 2026-09-16 إلى 2026-09-30'],
      ['discount', 'خصم WELCOME10 (10%)'],
    ] });
    // The Arabic lines, mixed with Latin names, digits and dates, lay out in the PDF.
    const arInvoice = await onlyInvoice(subs.ar);
    const pdf = await server.app.inject({ method: 'GET', url: `${base}/invoices/${arInvoice.id}/pdf`, headers: { authorization: `Bearer ${token}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await descriptions(subs.en)).toEqual({ locale: 'en', lines: [
      ['proration', 'Home 10, 2026-09-16 – 2026-09-30 (15/30 days)'],
      ['addon', 'Static IP, 2026-09-16 – 2026-09-30 (15/30 days)'],
      ['overage', 'Data beyond the plan quota, 2026-09-16 – 2026-09-30'],
      ['discount', 'Discount WELCOME10 (10%)'],
    ] });
  });
});

describe('plan changes and recharges', () => {
  it('stores the proration of a Spanish subscriber in Spanish, and the invoice carries it as written', async () => {
    const planA = await ok(api.post(`${base}/plans`, { token, body: { name: 'Post A', download_kbps: 10240, upload_kbps: 2048, price_minor: 3000 } }), 201);
    const planB = await ok(api.post(`${base}/plans`, { token, body: { name: 'Post B', download_kbps: 20480, upload_kbps: 2048, price_minor: 6000 } }), 201);
    const s = await subscriber(planA.id, 'es');
    await ok(api.post(`${base}/subscribers/${s}/subscription`, { token, body: { kind: 'postpaid', anchor: 'calendar', billing_day: 1, start_date: '2026-11-01' } }), 201);
    const preview = await ok(api.post(`${base}/subscribers/${s}/subscription/change-plan/preview`, { token, body: { plan_id: planB.id, effective_date: '2026-11-11' } }));
    const r = await ok(api.post(`${base}/subscribers/${s}/subscription/change-plan`, { token, body: { plan_id: planB.id, effective_date: '2026-11-11' } }));
    const expected = ['Post A: del 2026-11-01 al 2026-11-10 (10/30 días)', 'Post B: abono del 2026-11-01 al 2026-11-10 (10/30 días)'];
    expect(r.proration.map((p: { description: string }) => p.description)).toEqual(expected);
    expect(preview.proration).toEqual(r.proration);
    const stored = await withScope(server.ctx.db, tenantScope(isp.id), (tx) => rows<{ description: string }>(tx,
      sql`SELECT description FROM billing_charges WHERE subscriber_id = ${s} AND kind = 'proration' ORDER BY amount DESC`));
    expect(stored.map((c) => c.description)).toEqual(expected);
    // Changing the subscriber's language later does not rewrite what was stored.
    await ok(api.patch(`${base}/subscribers/${s}`, { token, body: { locale: 'en' } }));
    await runBilling('2026-12-01');
    const inv = await onlyInvoice(s);
    expect(inv.lines.filter((l: { kind: string }) => l.kind === 'proration').map((l: { description: string }) => l.description)).toEqual(expected);
    expect(inv.lines[0].description).toBe('Post B, 2026-11-01 – 2026-11-30');
  });

  it('a prepaid recharge and the unused-days credit follow the subscriber language too', async () => {
    const p30 = await ok(api.post(`${base}/plans`, { token, body: { name: 'Prepago 30', download_kbps: 10240, upload_kbps: 2048, price_minor: 3000, validity_days: 30 } }), 201);
    const p60 = await ok(api.post(`${base}/plans`, { token, body: { name: 'Prepago 60', download_kbps: 20480, upload_kbps: 2048, price_minor: 6000, validity_days: 30 } }), 201);
    const s = await subscriber(p30.id, 'es');
    await ok(api.post(`${base}/subscribers/${s}/subscription`, { token, body: { kind: 'prepaid' } }), 201);
    const inv = await ok(api.post(`${base}/subscribers/${s}/recharge`, { token }), 201);
    expect(inv.lines[0].description).toMatch(/^Prepago 30, 30 días hasta el \d{4}-\d{2}-\d{2}$/);
    const change = await ok(api.post(`${base}/subscribers/${s}/subscription/change-plan`, { token, body: { plan_id: p60.id } }));
    expect(change.proration.map((p: { description: string }) => p.description)).toEqual([expect.stringMatching(/^Prepago 30: \d+\/30 días sin usar$/)]);
  });
});
