import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { invoiceState, issuedInvoice } from '../../../test/payments.fixtures.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'payco');
  base = `/api/isp/${isp.id}`;
});
afterAll(() => server.close());

describe('counter payments', () => {
  it('pays the oldest open invoices first, puts the rest in the wallet and issues a receipt', async () => {
    const older = await issuedInvoice(server, isp, { total: 1500, dueInDays: -5 });
    const newer = await issuedInvoice(server, isp, { total: 2000, dueInDays: 20 });
    const r = await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: isp.subscriberId, method: 'cash', amount: 4000 } });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ status: 'succeeded', currency: 'EUR', amount: 4000, wallet_credit: 500 });
    expect(r.json.number).toMatch(/^RCPT-\d{6}$/);
    expect(r.json.allocations.map((a: { invoice_id: string; amount: number }) => [a.invoice_id, a.amount])).toEqual([[older, 1500], [newer, 2000]]);
    expect(await invoiceState(server, isp, older)).toEqual({ status: 'paid', amount_paid: 1500 });
    expect(await invoiceState(server, isp, newer)).toEqual({ status: 'paid', amount_paid: 2000 });
    const wallet = await api.get(`${base}/subscribers/${isp.subscriberId}/wallet`, { token: isp.adminToken });
    expect(wallet.json.balances).toEqual([{ currency: 'EUR', balance: 500 }]);
    expect(wallet.json.entries[0]).toMatchObject({ kind: 'overpayment', amount: 500, payment_id: r.json.id });

    const pdf = await api.get(`${base}/payments/${r.json.id}/receipt.pdf`, { token: isp.adminToken });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
  });

  it('pays the invoices chosen, in the order chosen; the unallocated part can be allocated later', async () => {
    const a = await issuedInvoice(server, isp, { total: 1000, dueInDays: -10 });
    const b = await issuedInvoice(server, isp, { total: 1000, dueInDays: 5 });
    const r = await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: isp.subscriberId, method: 'cheque', reference: 'CHQ-991', amount: 600, invoice_ids: [b] } });
    expect(r.json.allocations).toEqual([expect.objectContaining({ invoice_id: b, amount: 600 })]);
    expect(await invoiceState(server, isp, b)).toEqual({ status: 'partially_paid', amount_paid: 600 });
    expect(await invoiceState(server, isp, a)).toEqual({ status: 'issued', amount_paid: 0 });

    const over = await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: isp.subscriberId, method: 'bank_transfer', amount: 300, invoice_ids: [] } });
    expect(over.json.wallet_credit).toBe(300);
    const alloc = await api.post(`${base}/payments/${over.json.id}/allocate`, { token: isp.adminToken, body: { allocations: [{ invoice_id: a, amount: 300 }] } });
    expect(alloc.status, alloc.text).toBe(200);
    expect(alloc.json.wallet_credit).toBe(0);
    expect(await invoiceState(server, isp, a)).toEqual({ status: 'partially_paid', amount_paid: 300 });
    const again = await api.post(`${base}/payments/${over.json.id}/allocate`, { token: isp.adminToken, body: { allocations: [{ invoice_id: a, amount: 1 }] } });
    expect(again.status).toBe(409);
  });

  it('refunds partly from the wallet first, then from the invoices, which reopen', async () => {
    const inv = await issuedInvoice(server, isp, { total: 1000 });
    const subscriberId = isp.northSubscriberId;
    const invN = await issuedInvoice(server, isp, { total: 1000, subscriberId, branchId: isp.north });
    void inv;
    const p = (await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: subscriberId, method: 'cash', amount: 1200 } })).json;
    expect(p.wallet_credit).toBe(200);
    const part = await api.post(`${base}/payments/${p.id}/refund`, { token: isp.adminToken, body: { amount: 500, reason: 'double payment' } });
    expect(part.status, part.text).toBe(200);
    expect(part.json).toMatchObject({ status: 'partially_refunded', amount_refunded: 500, wallet_credit: 0 });
    expect(await invoiceState(server, isp, invN)).toEqual({ status: 'partially_paid', amount_paid: 700 });
    expect((await api.post(`${base}/payments/${p.id}/refund`, { token: isp.adminToken, body: { amount: 701 } })).status).toBe(409);
    const rest = await api.post(`${base}/payments/${p.id}/refund`, { token: isp.adminToken, body: {} });
    expect(rest.json).toMatchObject({ status: 'refunded', amount_refunded: 1200 });
    expect(rest.json.refunds.map((r: { amount: number }) => r.amount)).toEqual([500, 700]);
    expect(await invoiceState(server, isp, invN)).toEqual({ status: 'issued', amount_paid: 0 });
    const wallet = await api.get(`${base}/subscribers/${subscriberId}/wallet`, { token: isp.adminToken });
    expect(wallet.json.balances).toEqual([{ currency: 'EUR', balance: 0 }]);
  });

  it('validates input, and branch staff and support agents are limited', async () => {
    expect((await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: isp.subscriberId, method: 'cash', amount: 10.5 } })).status).toBe(400);
    expect((await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: isp.subscriberId, method: 'barter', amount: 10 } })).status).toBe(400);
    expect((await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: isp.subscriberId, method: 'cash', amount: 10, currency: 'XYZ' } })).status).toBe(400);
    // The North manager cannot record a payment for an HQ subscriber (RLS hides them) nor see HQ payments.
    expect((await api.post(`${base}/payments`, { token: isp.managerToken, body: { subscriber_id: isp.subscriberId, method: 'cash', amount: 10 } })).status).toBe(404);
    const list = await api.get(`${base}/payments`, { token: isp.managerToken });
    expect(list.json.items.every((p: { subscriber_id: string }) => p.subscriber_id === isp.northSubscriberId)).toBe(true);
    expect(list.json.total).toBeGreaterThan(0);
  });

  it("lists a subscriber's payments on the original-design route, for themself and staff", async () => {
    const self = await api.login(`ann@${isp.slug}.test`, 'correct horse battery', { isp: isp.slug });
    const mine = await api.get(`/api/user/${isp.subscriberId}/payments`, { token: self });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json.items.length).toBeGreaterThan(0);
    expect(mine.json.items.every((p: { subscriber_id: string }) => p.subscriber_id === isp.subscriberId)).toBe(true);
    expect((await api.get(`/api/user/${isp.northSubscriberId}/payments`, { token: self })).status).toBe(403);
    expect((await api.get(`/api/user/${isp.subscriberId}/payments`, { token: isp.adminToken })).json.total).toBe(mine.json.total);
    const methods = await api.get('/api/payment/methods', { token: self });
    expect(methods.json).toEqual({ manual: ['cash', 'bank_transfer', 'cheque', 'card'], online: [] });
    // No gateway configured: the portal hides "Pay now".
    expect((await api.get(`/api/user/${isp.subscriberId}/payable-invoices`, { token: self })).json.online_payment).toBe(false);
  });
});
