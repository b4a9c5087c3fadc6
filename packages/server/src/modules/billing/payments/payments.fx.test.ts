import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { invoiceState, issuedInvoice } from '../../../test/payments.fixtures.ts';

// Payments in one currency paying invoices in another, across exponents: JPY (0), USD (2), BHD (3).
let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;
let token: string;
const receivedAt = '2026-03-10T12:00:00.000Z';

const rate = (b: string, q: string, r: string, day = '2026-03-09') => api.post(`${base}/exchange-rates`, { token, body: { base: b, quote: q, rate: r, rate_date: day } });
const pay = (body: Record<string, unknown>) => api.post(`${base}/payments`, { token, body: { subscriber_id: isp.subscriberId, method: 'cash', received_at: receivedAt, ...body } });
const wallet = async () => (await api.get(`${base}/subscribers/${isp.subscriberId}/wallet`, { token })).json.balances as { currency: string; balance: number }[];

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'fxpay');
  base = `/api/isp/${isp.id}`;
  token = isp.adminToken;
  expect((await rate('JPY', 'USD', '0.0062')).status).toBe(201);
  expect((await rate('USD', 'BHD', '0.376')).status).toBe(201);
  // A newer rate after the payment day must not be used.
  expect((await rate('JPY', 'USD', '0.0070', '2026-03-11')).status).toBe(201);
});
afterAll(() => server.close());

describe('a payment in one currency allocated to an invoice in another', () => {
  let jpyPayment: string;
  let usdInvoice: string;
  let bhdInvoice: string;

  it('settles a USD invoice with yen at the rate of the payment day, rounding once in each exponent', async () => {
    usdInvoice = await issuedInvoice(server, isp, { total: 1000, currency: 'USD', number: 'FX-USD-1' });
    const r = await pay({ amount: 5000, currency: 'JPY', invoice_ids: [usdInvoice] });
    expect(r.status, r.text).toBe(201);
    jpyPayment = r.json.id;
    // 10.00 USD / 0.0062 = 1612.9 yen → 1,613 yen; the rest stays in the wallet in yen.
    expect(r.json.allocations).toEqual([{
      invoice_id: usdInvoice, invoice_number: 'FX-USD-1', payment_id: jpyPayment, amount: 1613, currency: 'JPY', invoice_amount: 1000, invoice_currency: 'USD',
      exchange_rate: '0.0062', rate_date: '2026-03-09', rate_source: 'manual',
    }]);
    expect(r.json.wallet_credit).toBe(3387);
    expect(await invoiceState(server, isp, usdInvoice)).toEqual({ status: 'paid', amount_paid: 1000 });
    expect(await wallet()).toEqual([{ currency: 'JPY', balance: 3387 }]);
    // Nothing lost: what left the payment plus what is in the wallet is the payment.
    expect(r.json.allocations[0].amount + r.json.wallet_credit).toBe(5000);
  });

  it('pays part of a BHD invoice with dollars (2 → 3 decimals)', async () => {
    bhdInvoice = await issuedInvoice(server, isp, { total: 5000, currency: 'BHD', number: 'FX-BHD-1' });
    const r = await pay({ amount: 500, currency: 'USD', invoice_ids: [bhdInvoice] });
    expect(r.status, r.text).toBe(201);
    expect(r.json.allocations).toEqual([expect.objectContaining({ amount: 500, currency: 'USD', invoice_amount: 1880, invoice_currency: 'BHD', exchange_rate: '0.376' })]);
    expect(await invoiceState(server, isp, bhdInvoice)).toEqual({ status: 'partially_paid', amount_paid: 1880 });
  });

  it('refuses with a 422 naming the pair when no rate is stored, and records nothing', async () => {
    const before = (await api.get(`${base}/payments`, { token })).json.total;
    const r = await pay({ amount: 1000, currency: 'GBP', invoice_ids: [bhdInvoice] });
    expect(r.status).toBe(422);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json).toMatchObject({ status: 422, currency_pair: 'GBP/BHD', rate_date: '2026-03-10' });
    expect(r.json.detail).toMatch(/No exchange rate from GBP to BHD on or before 2026-03-10/);
    expect((await api.get(`${base}/payments`, { token })).json.total).toBe(before);
    // The allocation of the wallet part: yen to dinars has no rate yet (no direct, inverse or EUR cross).
    const again = await api.post(`${base}/payments/${jpyPayment}/allocate`, { token, body: { allocations: [{ invoice_id: bhdInvoice, amount: 3387 }] } });
    expect(again.status).toBe(422);
    expect(again.json.currency_pair).toBe('JPY/BHD');
  });

  it('allocates the yen left in the wallet to the dinar invoice once a rate exists (0 → 3 decimals)', async () => {
    expect((await rate('JPY', 'BHD', '0.0025')).status).toBe(201);
    const r = await api.post(`${base}/payments/${jpyPayment}/allocate`, { token, body: { allocations: [{ invoice_id: bhdInvoice, amount: 3387 }] } });
    expect(r.status, r.text).toBe(200);
    // 3.120 BHD still open; 3,387 yen × 0.0025 = 8.4675 BHD, so the invoice is settled: 3.120 / 0.0025 = 1,248 yen.
    const toBhd = r.json.allocations.find((a: { invoice_id: string }) => a.invoice_id === bhdInvoice);
    expect(toBhd).toMatchObject({ amount: 1248, currency: 'JPY', invoice_amount: 3120, invoice_currency: 'BHD', exchange_rate: '0.0025', rate_date: '2026-03-09' });
    expect(r.json.wallet_credit).toBe(3387 - 1248);
    expect(await invoiceState(server, isp, bhdInvoice)).toEqual({ status: 'paid', amount_paid: 5000 });
  });

  it('lists the conversions on the invoice', async () => {
    const r = await api.get(`${base}/invoices/${bhdInvoice}/payments`, { token });
    expect(r.status).toBe(200);
    expect(r.json.map((x: { currency: string; amount: number; invoice_amount: number; payment_number: string }) => [x.currency, x.amount, x.invoice_amount])).toEqual([['USD', 500, 1880], ['JPY', 1248, 3120]]);
    expect(r.json[0].payment_number).toMatch(/^RCPT-/);
  });

  it('a refund gives back exactly what each invoice received, at the rate it was booked at', async () => {
    const r = await api.post(`${base}/payments/${jpyPayment}/refund`, { token, body: {} });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ status: 'refunded', amount_refunded: 5000, wallet_credit: 0, allocations: [] });
    expect(await invoiceState(server, isp, usdInvoice)).toEqual({ status: 'issued', amount_paid: 0 });
    expect(await invoiceState(server, isp, bhdInvoice)).toEqual({ status: 'partially_paid', amount_paid: 1880 });
    expect(await wallet()).toEqual([{ currency: 'JPY', balance: 0 }]);
  });
});

describe('paying an invoice from the wallet in another currency', () => {
  it('spends the wallet balance converted at the stored rate and keeps balances per currency', async () => {
    const inv = await issuedInvoice(server, isp, { total: 700, currency: 'USD', number: 'FX-USD-2' });
    // 20,000 yen to the wallet (no invoice chosen), then 7.00 USD paid from it.
    const p = await pay({ amount: 20000, currency: 'JPY', invoice_ids: [] });
    expect(p.json.wallet_credit).toBe(20000);
    const r = await api.post(`${base}/subscribers/${isp.subscriberId}/wallet/pay`, { token, body: { invoice_id: inv, currency: 'JPY' } });
    expect(r.status, r.text).toBe(200);
    // 7.00 / 0.0062 = 1129.03 → 1,129 yen, at the rate of the payment's day (not the newer 0.0070).
    expect(r.json).toMatchObject({ spent: 1129, currency: 'JPY', allocations: [expect.objectContaining({ payment_id: p.json.id, amount: 1129, invoice_amount: 700, exchange_rate: '0.0062' })] });
    expect(await invoiceState(server, isp, inv)).toEqual({ status: 'paid', amount_paid: 700 });
    expect(await wallet()).toEqual([{ currency: 'JPY', balance: 20000 - 1129 }]);
    const missing = await api.post(`${base}/subscribers/${isp.subscriberId}/wallet/pay`, {
      token, body: { invoice_id: await issuedInvoice(server, isp, { total: 100, currency: 'GBP' }), currency: 'JPY' },
    });
    expect(missing.status).toBe(422);
    expect(missing.json.currency_pair).toBe('JPY/GBP');
    const none = await api.post(`${base}/subscribers/${isp.subscriberId}/wallet/pay`, { token, body: { invoice_id: inv, currency: 'JPY' } });
    expect(none.status).toBe(400);
    expect(none.json.errors[0].pointer).toBe('/body/invoice_id');
  });

  it('previews a conversion, and answers 422 for an unknown pair', async () => {
    const ok = await api.get(`${base}/exchange-rates/convert?from=JPY&to=USD&amount=1000&date=2026-03-10`, { token });
    expect(ok.json).toEqual({ from: 'JPY', to: 'USD', amount: 1000, converted: 620, rate: '0.0062', rate_date: '2026-03-09', source: 'manual', date: '2026-03-10' });
    const inverse = await api.get(`${base}/exchange-rates/convert?from=BHD&to=USD&amount=1000&date=2026-03-10`, { token });
    expect(inverse.json).toMatchObject({ converted: 266, source: 'manual/inverse' });
    const bad = await api.get(`${base}/exchange-rates/convert?from=KWD&to=USD&amount=1000`, { token });
    expect(bad.status).toBe(422);
    expect(bad.json.currency_pair).toBe('KWD/USD');
  });
});
