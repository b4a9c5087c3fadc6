import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../../test/fixtures.ts';
import { rows, tenantScope, withScope } from '../../../platform/db/scope.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let other: IspFixture;
let base: string;
let token: string;
let plan: { id: string };

async function ok(p: Promise<{ status: number; json: any; text: string }>, expected = 200) {
  const r = await p;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${r.text}`);
  return r.json;
}
let n = 0;
async function subscriberWith(kind: 'postpaid' | 'prepaid', start: string) {
  const s = await ok(api.post(`${base}/subscribers`, { token, body: { first_name: `Sub${++n}`, last_name: 'Addon', username: `sub${n}.${isp.slug}`, password: 'pppoe-pass', branch_id: isp.hq, plan_id: plan.id } }), 201);
  await ok(api.post(`${base}/subscribers/${s.id}/subscription`, { token, body: { kind, start_date: start } }), 201);
  return s.id as string;
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
async function invoiceOf(subscriberId: string, periodStart: string) {
  const list = (await ok(api.get(`${base}/invoices?subscriber_id=${subscriberId}&limit=20`, { token }))).items;
  const found = list.find((i: { period_start: string | null }) => i.period_start === periodStart);
  return ok(api.get(`${base}/invoices/${found.id}`, { token }));
}
const lineView = (inv: { lines: { kind: string; net_amount: number; tax_amount: number }[] }) => inv.lines.map((l) => [l.kind, l.net_amount, l.tax_amount]);

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  const founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'addon-net');
  other = await createIspFixture(api, founder, 'other-net');
  base = `/api/isp/${isp.id}`;
  token = isp.adminToken;
  // A German ISP: 19 % VAT on everything, EUR 1.00 per GB beyond the quota.
  await ok(api.patch(`${base}/billing/settings`, { token, body: { legal_name: 'Addon Net GmbH', country: 'DE', overage_per_gb_minor: 100 } }));
  await ok(api.post(`${base}/tax-rules`, { token, body: { name: 'MwSt', kind: 'vat', country: 'DE', rate: '19' } }), 201);
  plan = await ok(api.post(`${base}/plans`, { token, body: { name: 'Home 10', download_kbps: 10240, upload_kbps: 2048, price_minor: 3000, fup_monthly_bytes: 10_000_000_000 } }), 201);
});
afterAll(() => server.close());

describe('add-on catalogue', () => {
  it('creates, validates, edits and deletes add-ons', async () => {
    const bad = await api.post(`${base}/billing/addons`, { token, body: { name: 'Pack', kind: 'data_pack', billing: 'one_off', price_minor: 100, currency: 'EUR' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const a = await ok(api.post(`${base}/billing/addons`, { token, body: { name: 'Spare', kind: 'other', billing: 'one_off', price_minor: 100, currency: 'EUR' } }), 201);
    expect((await api.post(`${base}/billing/addons`, { token, body: { name: 'spare', kind: 'other', billing: 'one_off', price_minor: 100, currency: 'EUR' } })).status).toBe(409);
    expect(await ok(api.patch(`${base}/billing/addons/${a.id}`, { token, body: { price_minor: 150, taxable: false } }))).toMatchObject({ price_minor: 150, taxable: false });
    expect((await api.patch(`${base}/billing/addons/${a.id}`, { token, body: { kind: 'data_pack' } })).status).toBe(400);
    expect((await api.del(`${base}/billing/addons/${a.id}`, { token })).status).toBe(204);
    expect(await ok(api.get(`${base}/billing/addons`, { token }))).toEqual([]);
  });
});

describe('add-ons and coupons on cycle invoices', () => {
  it('bills recurring add-ons pro-rated, one-off ones once, data packs into the quota, and a coupon as a negative taxed line', async () => {
    const staticIp = await ok(api.post(`${base}/billing/addons`, { token, body: { name: 'Static IP', kind: 'static_ip', billing: 'recurring', price_minor: 500, currency: 'EUR' } }), 201);
    const setup = await ok(api.post(`${base}/billing/addons`, { token, body: { name: 'Router setup', kind: 'other', billing: 'one_off', price_minor: 1500, currency: 'EUR', taxable: false } }), 201);
    const pack = await ok(api.post(`${base}/billing/addons`, { token, body: { name: 'Data pack 5 GB', kind: 'data_pack', billing: 'one_off', price_minor: 200, currency: 'EUR', data_bytes: 5_000_000_000 } }), 201);
    await ok(api.post(`${base}/billing/coupons`, { token, body: { code: 'welcome10', kind: 'percent', percent: '10', cycles: 1 } }), 201);
    const s = await subscriberWith('postpaid', '2026-09-01');
    // Attached on the 16th: 15 of September's 30 days.
    expect((await api.post(`${base}/subscribers/${s}/addons`, { token, body: { addon_id: staticIp.id, start_date: '2026-08-20' } })).status).toBe(400);
    await ok(api.post(`${base}/subscribers/${s}/addons`, { token, body: { addon_id: staticIp.id, start_date: '2026-09-16' } }), 201);
    await ok(api.post(`${base}/subscribers/${s}/addons`, { token, body: { addon_id: setup.id } }), 201);
    await ok(api.post(`${base}/subscribers/${s}/addons`, { token, body: { addon_id: pack.id } }), 201);
    expect(await ok(api.post(`${base}/subscribers/${s}/coupons`, { token, body: { code: 'Welcome10' } }), 201)).toMatchObject({ code: 'WELCOME10', cycles_total: 1, cycles_used: 0 });
    // 16 GB used in September: 10 GB plan + 5 GB pack leaves 1 GB of overage.
    await withScope(server.ctx.db, tenantScope(isp.id), (tx) => tx.execute(sql`INSERT INTO usage_daily (isp_id, subscriber_id, day, input_octets, output_octets)
      VALUES (${isp.id}, ${s}, '2026-09-10', 16000000000, 0)`));

    await runBilling('2026-10-05');
    const sept = await invoiceOf(s, '2026-09-01');
    expect(lineView(sept)).toEqual([
      ['plan', 3000, 570],
      ['addon', 250, 48], // 500 × 15/30
      ['addon', 1500, 0], // not taxable
      ['addon', 200, 38],
      ['overage', 100, 19],
      ['discount', -325, -62], // 10 % of plan + static IP (3250), VAT falls with it
    ]);
    expect(sept.lines[1].description).toBe('Static IP, 2026-09-16 – 2026-09-30 (15/30 days)');
    expect(sept.lines[5].description).toBe('Discount WELCOME10 (10%)');
    expect(sept.lines[4]).toMatchObject({ quantity: '1', usage_bytes: 16_000_000_000, included_bytes: 15_000_000_000 });
    expect(sept.subtotal).toBe(4725);
    expect(sept.tax_total).toBe(570 + 48 + 38 + 19 - 62);
    expect(sept.total).toBe(sept.subtotal + sept.tax_total);
    expect(sept.tax_total).toBe(sept.taxes.reduce((a: number, t: { amount: number }) => a + t.amount, 0));

    await runBilling('2026-11-05');
    const oct = await invoiceOf(s, '2026-10-01');
    expect(lineView(oct)).toEqual([['plan', 3000, 570], ['addon', 500, 95]]);
    expect(oct.number).toBe(`INV-${String(Number(sept.number.slice(4)) + 1).padStart(6, '0')}`);
    const attached = await ok(api.get(`${base}/subscribers/${s}/addons`, { token }));
    expect(attached.map((a: { name: string; status: string }) => [a.name, a.status]).sort()).toEqual([['Data pack 5 GB', 'billed'], ['Router setup', 'billed'], ['Static IP', 'active']]);
    expect(await ok(api.get(`${base}/subscribers/${s}/coupons`, { token }))).toMatchObject([{ code: 'WELCOME10', cycles_used: 1, status: 'used_up', redeemed_at: expect.any(String) }]);
    // An invoiced one-off cannot be removed; a recurring one ends and stops being billed.
    const billedSetup = attached.find((a: { name: string }) => a.name === 'Router setup');
    expect((await api.post(`${base}/subscribers/${s}/addons/${billedSetup.id}/detach`, { token, body: {} })).status).toBe(409);
    const ip = attached.find((a: { name: string }) => a.name === 'Static IP');
    expect((await api.post(`${base}/subscribers/${s}/addons/${ip.id}/detach`, { token, body: { end_date: '2026-10-15' } })).status).toBe(400);
    expect(await ok(api.post(`${base}/subscribers/${s}/addons/${ip.id}/detach`, { token, body: { end_date: '2026-11-11' } }))).toMatchObject({ end_date: '2026-11-11' });
    await runBilling('2026-12-02');
    const nov = await invoiceOf(s, '2026-11-01');
    expect(lineView(nov)).toEqual([['plan', 3000, 570], ['addon', 167, 32]]); // 500 × 10/30
  });

  it('a fixed coupon is capped at what it discounts and bills prepaid recharges with add-ons', async () => {
    const boost = await ok(api.post(`${base}/billing/addons`, { token, body: { name: 'Speed booster', kind: 'speed_boost', billing: 'recurring', price_minor: 700, currency: 'EUR' } }), 201);
    await ok(api.post(`${base}/billing/coupons`, { token, body: { code: 'FIVEOFF', kind: 'fixed', amount_minor: 500, max_per_subscriber: 1 } }), 201);
    const s = await subscriberWith('prepaid', new Date().toISOString().slice(0, 10));
    await ok(api.post(`${base}/subscribers/${s}/addons`, { token, body: { addon_id: boost.id, quantity: 2 } }), 201);
    await ok(api.post(`${base}/subscribers/${s}/coupons`, { token, body: { code: 'fiveoff' } }), 201);
    expect((await api.post(`${base}/subscribers/${s}/coupons`, { token, body: { code: 'FIVEOFF' } })).status).toBe(422);
    const inv = await ok(api.post(`${base}/subscribers/${s}/recharge`, { token }), 201);
    expect(lineView(inv)).toEqual([['plan', 3000, 570], ['addon', 1400, 266], ['discount', -500, -95]]);
    expect(inv.lines[1]).toMatchObject({ quantity: '2', unit_price: 700 });
  });
});

describe('coupon limits', () => {
  it('two concurrent redemptions of a one-use coupon: exactly one wins', async () => {
    await ok(api.post(`${base}/billing/coupons`, { token, body: { code: 'ONLYONE', kind: 'percent', percent: '50', max_redemptions: 1 } }), 201);
    const [a, b] = [await subscriberWith('postpaid', '2026-11-01'), await subscriberWith('postpaid', '2026-11-01')];
    const results = await Promise.all([a, b].map((s) => api.post(`${base}/subscribers/${s}/coupons`, { token, body: { code: 'ONLYONE' } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)!.json.detail).toBe('This coupon has been fully redeemed');
    const [c] = await withScope(server.ctx.db, tenantScope(isp.id), (tx) => rows<{ redeemed_count: number; n: number }>(tx,
      sql`SELECT c.redeemed_count, (SELECT count(*)::int FROM coupon_redemptions r WHERE r.coupon_id = c.id) AS n FROM coupons c WHERE code = 'ONLYONE'`));
    expect(c).toEqual({ redeemed_count: 1, n: 1 });
  });

  it('refuses unknown, inactive and out-of-date codes', async () => {
    const s = await subscriberWith('postpaid', '2026-11-01');
    await ok(api.post(`${base}/billing/coupons`, { token, body: { code: 'OLD', kind: 'percent', percent: '5', valid_from: '2020-01-01', valid_to: '2020-12-31' } }), 201);
    const off = await ok(api.post(`${base}/billing/coupons`, { token, body: { code: 'PAUSED', kind: 'percent', percent: '5' } }), 201);
    await ok(api.patch(`${base}/billing/coupons/${off.id}`, { token, body: { active: false } }));
    for (const [code, detail] of [['NOPE', 'This coupon code is not valid'], ['OLD', 'This coupon is not valid today'], ['PAUSED', 'This coupon code is not valid']]) {
      const r = await api.post(`${base}/subscribers/${s}/coupons`, { token, body: { code } });
      expect([r.status, r.json.detail]).toEqual([422, detail]);
    }
    expect((await api.post(`${base}/billing/coupons`, { token, body: { code: 'x', kind: 'percent', percent: '5' } })).status).toBe(400);
    expect((await api.post(`${base}/billing/coupons`, { token, body: { code: 'BIG', kind: 'percent', percent: '150' } })).status).toBe(400);
    expect((await api.post(`${base}/billing/coupons`, { token, body: { code: 'OLD', kind: 'fixed', amount_minor: 5 } })).status).toBe(409);
  });

  it('a subscriber enters a coupon in the portal', async () => {
    await ok(api.post(`${base}/subscribers/${isp.subscriberId}/subscription`, { token, body: { kind: 'postpaid', start_date: '2026-11-01' } }), 201);
    await ok(api.post(`${base}/billing/coupons`, { token, body: { code: 'PORTAL', kind: 'percent', percent: '15', cycles: 3 } }), 201);
    const me = await api.login(`ann@${isp.slug}.test`, password, { isp: isp.slug });
    expect(await ok(api.post('/api/me/coupons', { token: me, body: { code: 'portal' } }), 201)).toMatchObject({ code: 'PORTAL', cycles_total: 3 });
    expect(await ok(api.get('/api/me/coupons', { token: me }))).toHaveLength(1);
    expect((await api.post('/api/me/coupons', { token: me, body: { code: 'PORTAL' } })).status).toBe(422);
    expect((await api.post('/api/me/coupons', { token, body: { code: 'PORTAL' } })).status).toBe(403);
  });
});

describe('deposits and plan-change preview', () => {
  it('holds a deposit outside revenue and returns it to the wallet once', async () => {
    const s = await subscriberWith('postpaid', '2026-11-01');
    const invoicesBefore = (await ok(api.get(`${base}/invoices`, { token }))).total;
    const d = await ok(api.post(`${base}/subscribers/${s}/deposits`, { token, body: { description: 'ONT router', amount_minor: 5000, method: 'cash', reference: 'R-17' } }), 201);
    expect(d).toMatchObject({ status: 'held', currency: 'EUR', amount_minor: 5000 });
    expect((await ok(api.get(`${base}/subscribers/${s}/deposits`, { token }))).held).toEqual([{ currency: 'EUR', amount_minor: 5000 }]);
    expect((await ok(api.get(`${base}/invoices`, { token }))).total).toBe(invoicesBefore);
    expect(await ok(api.post(`${base}/subscribers/${s}/deposits/${d.id}/release`, { token, body: { to: 'wallet', note: 'Router returned' } }))).toMatchObject({ status: 'returned_to_wallet' });
    expect((await api.post(`${base}/subscribers/${s}/deposits/${d.id}/release`, { token, body: { to: 'refund' } })).status).toBe(409);
    expect((await ok(api.get(`${base}/subscribers/${s}/wallet`, { token }))).balances).toEqual([{ currency: 'EUR', balance: 5000 }]);
    const d2 = await ok(api.post(`${base}/subscribers/${s}/deposits`, { token, body: { description: 'Security', amount_minor: 2000, method: 'bank_transfer' } }), 201);
    expect(await ok(api.post(`${base}/subscribers/${s}/deposits/${d2.id}/release`, { token, body: { to: 'refund' } }))).toMatchObject({ status: 'refunded' });
    expect((await ok(api.get(`${base}/subscribers/${s}/wallet`, { token }))).balances).toEqual([{ currency: 'EUR', balance: 5000 }]);
  });

  it('previews a plan change without writing anything', async () => {
    const bigger = await ok(api.post(`${base}/plans`, { token, body: { name: 'Home 50', download_kbps: 51200, upload_kbps: 10240, price_minor: 6000 } }), 201);
    const s = await subscriberWith('postpaid', '2026-11-01');
    const p = await ok(api.post(`${base}/subscribers/${s}/subscription/change-plan/preview`, { token, body: { plan_id: bigger.id, effective_date: '2026-11-11' } }));
    expect(p).toMatchObject({ effective_date: '2026-11-11', new_price_minor: 6000, new_currency: 'EUR' });
    expect(p.proration.map((x: { amount: number }) => x.amount)).toEqual([1000, -2000]);
    expect((await ok(api.get(`${base}/subscribers/${s}/subscription`, { token }))).charges).toEqual([]);
    expect((await ok(api.get(`${base}/subscribers/${s}/subscription`, { token }))).subscriptions[0].plan_id).toBe(plan.id);
  });
});

describe("another ISP's add-ons, coupons and deposits are out of reach", () => {
  it('answers 404 and changes nothing', async () => {
    const addon = (await ok(api.get(`${base}/billing/addons`, { token })))[0];
    const coupon = (await ok(api.get(`${base}/billing/coupons`, { token })))[0];
    const s = await subscriberWith('postpaid', '2026-11-01');
    const attached = await ok(api.post(`${base}/subscribers/${s}/addons`, { token, body: { addon_id: addon.id } }), 201);
    const dep = await ok(api.post(`${base}/subscribers/${s}/deposits`, { token, body: { description: 'Modem', amount_minor: 900, method: 'cash' } }), 201);
    await ok(api.post(`${base}/billing/coupons`, { token, body: { code: 'XTEN', kind: 'percent', percent: '5' } }), 201);
    const red = await ok(api.post(`${base}/subscribers/${s}/coupons`, { token, body: { code: 'XTEN' } }), 201);
    const t = other.adminToken;
    const ob = `/api/isp/${other.id}`;
    for (const url of [`${base}/billing/addons`, `${base}/billing/coupons`, `${base}/subscribers/${s}/addons`, `${base}/subscribers/${s}/coupons`, `${base}/subscribers/${s}/deposits`,
      `${ob}/subscribers/${s}/addons`, `${ob}/subscribers/${s}/coupons`, `${ob}/subscribers/${s}/deposits`]) {
      expect([url, (await api.get(url, { token: t })).status]).toEqual([url, 404]);
    }
    const writes: [string, unknown][] = [
      [`${ob}/subscribers/${s}/addons`, { addon_id: addon.id }],
      [`${ob}/subscribers/${s}/addons/${attached.id}/detach`, {}],
      [`${ob}/subscribers/${s}/coupons`, { code: 'XTEN' }],
      [`${ob}/subscribers/${s}/coupons/${red.id}/cancel`, undefined],
      [`${ob}/subscribers/${s}/deposits`, { description: 'x', amount_minor: 1, method: 'cash' }],
      [`${ob}/subscribers/${s}/deposits/${dep.id}/release`, { to: 'wallet' }],
      [`${base}/subscribers/${s}/deposits/${dep.id}/release`, { to: 'wallet' }],
    ];
    for (const [url, body] of writes) expect([url, (await api.post(url, { token: t, body })).status]).toEqual([url, 404]);
    expect((await api.patch(`${ob}/billing/addons/${addon.id}`, { token: t, body: { price_minor: 1 } })).status).toBe(404);
    expect((await api.del(`${ob}/billing/addons/${addon.id}`, { token: t })).status).toBe(404);
    expect((await api.patch(`${ob}/billing/coupons/${coupon.id}`, { token: t, body: { active: false } })).status).toBe(404);
    // The other ISP's own attach with this ISP's add-on id finds no such add-on either.
    await ok(api.post(`${ob}/subscribers/${other.subscriberId}/subscription`, { token: t, body: { kind: 'postpaid', start_date: '2026-11-01' } }), 201);
    expect((await api.post(`${ob}/subscribers/${other.subscriberId}/addons`, { token: t, body: { addon_id: addon.id } })).status).toBe(404);
    // A branch manager of North does not see an HQ subscriber's add-ons.
    expect((await api.get(`${base}/subscribers/${s}/addons`, { token: isp.managerToken })).status).toBe(404);

    expect((await ok(api.get(`${base}/billing/addons`, { token }))).find((a: { id: string }) => a.id === addon.id)).toEqual(addon);
    expect((await ok(api.get(`${base}/billing/coupons`, { token }))).find((c: { id: string }) => c.id === coupon.id).active).toBe(coupon.active);
    expect(await ok(api.get(`${base}/subscribers/${s}/addons`, { token }))).toEqual([attached]);
    expect((await ok(api.get(`${base}/subscribers/${s}/deposits`, { token }))).items).toEqual([dep]);
    expect((await ok(api.get(`${base}/subscribers/${s}/coupons`, { token })))[0].status).toBe('active');
  });
});
