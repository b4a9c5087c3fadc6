import Stripe from 'stripe';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { invoiceState, issuedInvoice } from '../../../test/payments.fixtures.ts';
import { startStripePeer, type StripePeer } from './stripe-peer.fixture.ts';

const webhookSecret = 'whsec_test_0123456789abcdef';
let server: TestServer;
let api: Client;
let isp: IspFixture;
let peer: StripePeer;
let base: string;
const stripe = new Stripe('sk_test_signing_only');
let seq = 0;

beforeAll(async () => {
  peer = await startStripePeer();
  process.env.STRIPE_API_BASE = peer.url;
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'stripey');
  base = `/api/isp/${isp.id}`;
  // The ISP bills from Germany: a card from elsewhere is a risk signal.
  await withScope(server.ctx.db, tenantScope(isp.id), (tx) => tx.execute(sql`INSERT INTO billing_settings (isp_id, country) VALUES (${isp.id}, 'DE')`));
});
afterAll(async () => {
  await server.close();
  await peer.close();
  delete process.env.STRIPE_API_BASE;
});

function intentEvent(o: { pi: string; amount: number; invoiceId?: string; charge?: string; type?: string; subscriberId?: string }) {
  return {
    id: `evt_${++seq}`, object: 'event', type: o.type ?? 'payment_intent.succeeded', api_version: '2024-06-20', created: Math.floor(Date.now() / 1000),
    data: { object: { id: o.pi, object: 'payment_intent', amount: o.amount, amount_received: o.type ? 0 : o.amount, currency: 'eur', latest_charge: o.charge ?? null,
      last_payment_error: o.type ? { message: 'Your card was declined.' } : null,
      metadata: { isp_id: isp.id, subscriber_id: o.subscriberId ?? isp.subscriberId, ...(o.invoiceId && { invoice_id: o.invoiceId }) } } },
  };
}

function deliver(event: unknown, opts: { tamper?: boolean; secret?: string } = {}) {
  const payload = JSON.stringify(event);
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? webhookSecret });
  const body = opts.tamper ? payload.replace(/"amount_received":(\d+)/, '"amount_received":1$1') : payload;
  return api.post(`/api/webhooks/payments/stripe/${isp.slug}`, { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
}

async function paymentCount(): Promise<number> {
  return withScope(server.ctx.db, tenantScope(isp.id), async (tx) => (await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM payments`))[0]!.n);
}

describe('Stripe gateway', () => {
  it('keeps keys write-only and encrypted, and offers the gateway once configured', async () => {
    expect((await api.get('/api/payment/methods', { token: isp.adminToken })).json.online).toEqual([]);
    const missing = await api.patch(`${base}/payment-gateways/stripe`, { token: isp.adminToken, body: { secrets: { secret_key: 'sk_test_123' } } });
    expect(missing.status).toBe(400);
    const r = await api.patch(`${base}/payment-gateways/stripe`, { token: isp.adminToken, body: { config: { publishable_key: 'pk_test_1' }, secrets: { secret_key: 'sk_test_123', webhook_secret: webhookSecret } } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ provider: 'stripe', enabled: true, configured: true, secrets_set: ['secret_key', 'webhook_secret'], webhook_path: `/api/webhooks/payments/stripe/${isp.slug}` });
    expect(r.text).not.toContain('sk_test_123');
    const [stored] = await withScope(server.ctx.db, tenantScope(isp.id), (tx) => rows<{ secrets_enc: string }>(tx, sql`SELECT secrets_enc FROM payment_gateways`));
    expect(stored!.secrets_enc.startsWith('v1:')).toBe(true);
    expect(stored!.secrets_enc).not.toContain('sk_test_123');
    expect((await api.get('/api/payment/methods', { token: isp.adminToken })).json.online).toEqual([{ provider: 'stripe', display_name: 'Stripe' }]);
    expect((await api.patch(`${base}/payment-gateways/stripe`, { token: isp.managerToken, body: { secrets: { secret_key: 'sk_branch' } } })).status).toBe(403);
    expect((await api.del(`${base}/payment-gateways/stripe`, { token: isp.managerToken })).status).toBe(403);
  });

  it('creates a Checkout Session for the open amount of an invoice', async () => {
    const inv = await issuedInvoice(server, isp, { total: 4200 });
    const r = await api.post(`${base}/invoices/${inv}/checkout`, { token: isp.adminToken, body: {} });
    expect(r.status, r.text).toBe(200);
    expect(r.json.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const req = peer.requests.find((q) => q.path === '/v1/checkout/sessions')!;
    expect(req.headers.authorization).toBe('Bearer sk_test_123');
    expect(req.headers['idempotency-key']).toBe(`checkout-${inv}-4200`);
    expect(req.form.get('line_items[0][price_data][unit_amount]')).toBe('4200');
    expect(req.form.get('line_items[0][price_data][currency]')).toBe('eur');
    expect(req.form.get('payment_intent_data[metadata][invoice_id]')).toBe(inv);
    // The subscriber's own "Pay now", via the original-design route, and not for another's invoice.
    const ann = await api.login(`ann@${isp.slug}.test`, 'correct horse battery', { isp: isp.slug });
    expect((await api.post('/api/payment/process', { token: ann, body: { invoice_id: inv } })).status).toBe(200);
    const payable = await api.get(`/api/user/${isp.subscriberId}/payable-invoices`, { token: ann });
    expect(payable.json.online_payment).toBe(true);
    expect(payable.json.invoices.find((i: { id: string }) => i.id === inv)).toMatchObject({ open: 4200, currency: 'EUR' });
    expect((await api.get(`/api/user/${isp.northSubscriberId}/payable-invoices`, { token: ann })).status).toBe(403);
    const nedInv = await issuedInvoice(server, isp, { total: 100, subscriberId: isp.northSubscriberId, branchId: isp.north });
    expect((await api.post('/api/payment/process', { token: ann, body: { invoice_id: nedInv } })).status).toBe(404);
    expect((await api.post(`/api/user/${isp.subscriberId}/invoices/${nedInv}/checkout`, { token: ann, body: {} })).status).toBe(404);
  });

  it('records a verified payment once: a replayed webhook records nothing more', async () => {
    const inv = await issuedInvoice(server, isp, { total: 2500 });
    peer.charges.set('ch_1', { fingerprint: 'fp_card_1', country: 'DE' });
    const event = intentEvent({ pi: 'pi_1', amount: 2500, invoiceId: inv, charge: 'ch_1' });
    const before = await paymentCount();
    const first = await deliver(event);
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ duplicate: false, outcome: 'succeeded' });
    expect(await invoiceState(server, isp, inv)).toEqual({ status: 'paid', amount_paid: 2500 });
    const again = await deliver(event);
    expect(again.json).toMatchObject({ duplicate: true });
    // Stripe may also deliver a second event about the same PaymentIntent: still one payment.
    const other = await deliver({ ...event, id: `evt_${++seq}` });
    expect(other.json).toMatchObject({ duplicate: false, outcome: 'already_recorded' });
    expect(await paymentCount()).toBe(before + 1);
    const p = await api.get(`${base}/payments/${first.json.payment_id}`, { token: isp.adminToken });
    expect(p.json).toMatchObject({ method: 'gateway', provider: 'stripe', gateway_reference: 'pi_1', amount: 2500, status: 'succeeded' });
  });

  it('records one payment when the same event arrives several times at once', async () => {
    peer.charges.set('ch_par', { fingerprint: 'fp_card_par', country: 'DE' });
    const before = await paymentCount();
    const event = intentEvent({ pi: 'pi_parallel', amount: 700, charge: 'ch_par', subscriberId: isp.northSubscriberId });
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(event)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => !a.json.duplicate)).toHaveLength(1);
    expect(await paymentCount()).toBe(before + 1);
  });

  it('answers 400 to a tampered body or a wrong secret and records nothing', async () => {
    const before = await paymentCount();
    const event = intentEvent({ pi: 'pi_tampered', amount: 100 });
    const tampered = await deliver(event, { tamper: true });
    expect(tampered.status).toBe(400);
    expect(tampered.headers['content-type']).toContain('application/problem+json');
    expect((await deliver(event, { secret: 'whsec_someone_else' })).status).toBe(400);
    const unsigned = await api.post(`/api/webhooks/payments/stripe/${isp.slug}`, { body: JSON.stringify(event), headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(400);
    expect(await paymentCount()).toBe(before);
    const [events] = await withScope(server.ctx.db, tenantScope(isp.id), (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM gateway_events WHERE event_id = ${event.id}`));
    expect(events!.n).toBe(0);
    expect((await api.post('/api/webhooks/payments/stripe/no-such-isp', { body: '{}', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } })).status).toBe(404);
  });

  it('records failed payments, and refunds partly through Stripe', async () => {
    const failed = await deliver(intentEvent({ pi: 'pi_fail', amount: 900, type: 'payment_intent.payment_failed' }));
    expect(failed.json.outcome).toBe('failed');
    const inv = await issuedInvoice(server, isp, { total: 3000 });
    peer.charges.set('ch_2', { fingerprint: 'fp_card_2', country: 'DE' });
    const paid = await deliver(intentEvent({ pi: 'pi_2', amount: 3000, invoiceId: inv, charge: 'ch_2' }));
    const r = await api.post(`${base}/payments/${paid.json.payment_id}/refund`, { token: isp.adminToken, body: { amount: 1000, reason: 'goodwill' } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ status: 'partially_refunded', amount_refunded: 1000 });
    expect(r.json.refunds[0].gateway_reference).toMatch(/^re_test_/);
    const call = peer.requests.filter((q) => q.path === '/v1/refunds').at(-1)!;
    expect([call.form.get('payment_intent'), call.form.get('amount')]).toEqual(['pi_2', '1000']);
    expect(call.headers['idempotency-key']).toBe(r.json.refunds[0].id);
    expect(await invoiceState(server, isp, inv)).toEqual({ status: 'partially_paid', amount_paid: 2000 });
  });

  it('a double click on refund refunds once at the gateway', async () => {
    peer.charges.set('ch_dbl', { fingerprint: 'fp_card_dbl', country: 'DE' });
    const paid = await deliver(intentEvent({ pi: 'pi_dbl', amount: 800, charge: 'ch_dbl', subscriberId: isp.northSubscriberId }));
    const calls = () => peer.requests.filter((q) => q.path === '/v1/refunds' && q.form.get('payment_intent') === 'pi_dbl').length;
    const both = await Promise.all([1, 2].map(() => api.post(`${base}/payments/${paid.json.payment_id}/refund`, { token: isp.adminToken, body: {} })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(calls()).toBe(1);
    const p = await api.get(`${base}/payments/${paid.json.payment_id}`, { token: isp.adminToken });
    expect(p.json).toMatchObject({ status: 'refunded', amount_refunded: 800 });
    expect(p.json.refunds).toHaveLength(1);
  });

  it('holds a high-risk payment (card velocity, foreign card) with its reasons until reviewed', async () => {
    for (const [i, country] of [[3, 'DE'], [4, 'US']] as const) {
      peer.charges.set(`ch_${i}`, { fingerprint: 'fp_card_9', country });
    }
    peer.charges.set('ch_5', { fingerprint: 'fp_card_9', country: 'US' });
    const inv = await issuedInvoice(server, isp, { total: 500 });
    const a = await deliver(intentEvent({ pi: 'pi_3', amount: 100, charge: 'ch_3', subscriberId: isp.northSubscriberId }));
    expect(a.json.outcome).toBe('succeeded');
    const b = await deliver(intentEvent({ pi: 'pi_4', amount: 100, charge: 'ch_4', subscriberId: isp.northSubscriberId }));
    expect(b.json.outcome).toBe('succeeded');
    const c = await deliver(intentEvent({ pi: 'pi_5', amount: 500, charge: 'ch_5', invoiceId: inv }));
    expect(c.json.outcome).toBe('held');
    const held = (await api.get(`${base}/payments?status=held`, { token: isp.adminToken })).json.items;
    expect(held.map((p: { id: string }) => p.id)).toEqual([c.json.payment_id]);
    expect(held[0].risk_level).toBe('high');
    expect(held[0].risk_reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['velocity', 'country_mismatch']));
    expect(await invoiceState(server, isp, inv)).toEqual({ status: 'issued', amount_paid: 0 });
    const approve = await api.post(`${base}/payments/${c.json.payment_id}/review`, { token: isp.adminToken, body: { decision: 'approve', note: 'called the subscriber' } });
    expect(approve.status, approve.text).toBe(200);
    expect(approve.json).toMatchObject({ status: 'succeeded', review_note: 'called the subscriber' });
    expect(await invoiceState(server, isp, inv)).toEqual({ status: 'paid', amount_paid: 500 });
    expect((await api.post(`${base}/payments/${c.json.payment_id}/review`, { token: isp.adminToken, body: { decision: 'reject' } })).status).toBe(409);

    peer.charges.set('ch_6', { fingerprint: 'fp_card_9', country: 'US' });
    const d = await deliver(intentEvent({ pi: 'pi_6', amount: 700, charge: 'ch_6' }));
    expect(d.json.outcome).toBe('held');
    const reject = await api.post(`${base}/payments/${d.json.payment_id}/review`, { token: isp.adminToken, body: { decision: 'reject' } });
    expect(reject.json).toMatchObject({ status: 'refunded', amount_refunded: 700 });
    expect(peer.requests.filter((q) => q.path === '/v1/refunds').at(-1)!.form.get('payment_intent')).toBe('pi_6');
  });
});
