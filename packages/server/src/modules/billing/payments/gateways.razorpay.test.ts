import { createHmac } from 'node:crypto';
import Razorpay from 'razorpay';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { startHttpPeer, type HttpPeer } from '../../../test/http-peer.fixture.ts';
import { invoiceState, issuedInvoice } from '../../../test/payments.fixtures.ts';

const webhookSecret = 'rzp-webhook-secret-1';
let server: TestServer;
let api: Client;
let isp: IspFixture;
let peer: HttpPeer;
let base: string;
let seq = 0;

beforeAll(async () => {
  peer = await startHttpPeer((c) => {
    if (c.method === 'POST' && c.path === '/v1/payment_links') return { status: 200, json: { id: 'plink_T1', short_url: 'https://rzp.io/i/T1', ...JSON.parse(c.body) } };
    const refund = /^\/v1\/payments\/([^/]+)\/refund$/.exec(c.path);
    if (c.method === 'POST' && refund) return { status: 200, json: { id: `rfnd_${refund[1]}`, entity: 'refund', amount: JSON.parse(c.body).amount, payment_id: refund[1], status: 'processed' } };
    return null;
  });
  process.env.RAZORPAY_API_BASE = peer.url;
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'rzp-net');
  base = `/api/isp/${isp.id}`;
  const r = await api.patch(`${base}/payment-gateways/razorpay`, { token: isp.adminToken, body: { secrets: { key_id: 'rzp_test_key', key_secret: 'rzp_test_secret', webhook_secret: webhookSecret } } });
  expect(r.status, r.text).toBe(200);
});
afterAll(async () => {
  await server.close();
  await peer.close();
  delete process.env.RAZORPAY_API_BASE;
});

function paidEvent(o: { pay: string; amount: number; invoiceId?: string }) {
  return {
    entity: 'event', account_id: 'acc_T', event: 'payment_link.paid', contains: ['payment_link', 'order', 'payment'], created_at: Math.floor(Date.now() / 1000),
    payload: {
      payment_link: { entity: { id: 'plink_T1', status: 'paid', notes: { isp_id: isp.id, subscriber_id: isp.subscriberId, ...(o.invoiceId && { invoice_id: o.invoiceId }) } } },
      payment: { entity: { id: o.pay, entity: 'payment', amount: o.amount, currency: 'EUR', status: 'captured', method: 'card', email: 'ann@example.test', contact: '+919900000001', notes: {} } },
    },
  };
}

function deliver(event: unknown, opts: { tamper?: boolean; eventId?: string } = {}) {
  const body = JSON.stringify(event);
  const signature = createHmac('sha256', webhookSecret).update(body).digest('hex');
  // The signature the test makes is the one the SDK's own check accepts.
  expect(Razorpay.validateWebhookSignature(body, signature, webhookSecret)).toBe(true);
  return api.post(`/api/webhooks/payments/razorpay/${isp.id}`, {
    body: opts.tamper ? body.replace('"amount":', '"amount":9') : body,
    headers: { 'content-type': 'application/json', 'x-razorpay-signature': signature, 'x-razorpay-event-id': opts.eventId ?? `evt_R${++seq}` },
  });
}

const count = () => withScope(server.ctx.db, tenantScope(isp.id), async (tx) => (await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM payments`))[0]!.n);

describe('Razorpay gateway', () => {
  it('creates a payment link for an invoice with our ids in its notes', async () => {
    const inv = await issuedInvoice(server, isp, { total: 49900 });
    const r = await api.post(`${base}/invoices/${inv}/checkout`, { token: isp.adminToken, body: { provider: 'razorpay' } });
    expect(r.json).toEqual({ provider: 'razorpay', url: 'https://rzp.io/i/T1', reference: 'plink_T1' });
    const call = peer.calls.find((c) => c.path === '/v1/payment_links')!;
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from('rzp_test_key:rzp_test_secret').toString('base64')}`);
    expect(JSON.parse(call.body)).toMatchObject({ amount: 49900, currency: 'EUR', notes: { invoice_id: inv, subscriber_id: isp.subscriberId } });
  });

  it('records one payment for a replayed webhook and rejects a tampered one', async () => {
    const inv = await issuedInvoice(server, isp, { total: 1500 });
    const before = await count();
    const first = await deliver(paidEvent({ pay: 'pay_R1', amount: 1500, invoiceId: inv }), { eventId: 'evt_same' });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ duplicate: false, outcome: 'succeeded' });
    expect((await deliver(paidEvent({ pay: 'pay_R1', amount: 1500, invoiceId: inv }), { eventId: 'evt_same' })).json.duplicate).toBe(true);
    // payment.captured about the same payment arrives too: still one payment.
    expect((await deliver({ ...paidEvent({ pay: 'pay_R1', amount: 1500 }), event: 'payment.captured' })).json.outcome).toBe('already_recorded');
    expect(await count()).toBe(before + 1);
    expect(await invoiceState(server, isp, inv)).toEqual({ status: 'paid', amount_paid: 1500 });
    const tampered = await deliver(paidEvent({ pay: 'pay_R2', amount: 100 }), { tamper: true });
    expect(tampered.status).toBe(400);
    expect(tampered.json.title).toBe('Bad Request');
    expect(await count()).toBe(before + 1);
  });

  it('refunds part of a payment through Razorpay', async () => {
    const paid = await deliver(paidEvent({ pay: 'pay_R3', amount: 2000 }));
    const r = await api.post(`${base}/payments/${paid.json.payment_id}/refund`, { token: isp.adminToken, body: { amount: 500 } });
    expect(r.status, r.text).toBe(200);
    // It paid the oldest open invoice (the one of the payment link test); the refund reopens part of it.
    expect(r.json).toMatchObject({ status: 'partially_refunded', amount_refunded: 500, wallet_credit: 0 });
    expect(r.json.allocations.map((a: { amount: number }) => a.amount)).toEqual([1500]);
    expect(r.json.refunds[0].gateway_reference).toBe('rfnd_pay_R3');
    expect(JSON.parse(peer.calls.at(-1)!.body).amount).toBe(500);
  });
});
