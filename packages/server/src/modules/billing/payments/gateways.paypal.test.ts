import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { startHttpPeer, type HttpPeer } from '../../../test/http-peer.fixture.ts';
import { invoiceState, issuedInvoice } from '../../../test/payments.fixtures.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let peer: HttpPeer;
let base: string;
/** What the PayPal peer "sent": a transmission verifies only for exactly this event body and our webhook id. */
const transmissions = new Map<string, string>();
const orders = new Map<string, { value: string; currency: string; custom: string }>();

beforeAll(async () => {
  peer = await startHttpPeer((c) => {
    if (c.path === '/v1/oauth2/token') return { status: 200, json: { access_token: 'A21-test-token', token_type: 'Bearer', expires_in: 32400 } };
    if (c.path === '/v2/checkout/orders') {
      const b = JSON.parse(c.body);
      const id = `ORDER${orders.size + 1}`;
      orders.set(id, { value: b.purchase_units[0].amount.value, currency: b.purchase_units[0].amount.currency_code, custom: b.purchase_units[0].custom_id });
      return { status: 201, json: { id, status: 'PAYER_ACTION_REQUIRED', links: [{ rel: 'payer-action', href: `https://www.sandbox.paypal.test/checkoutnow?token=${id}` }] } };
    }
    if (c.path === '/v1/notifications/verify-webhook-signature') {
      const b = JSON.parse(c.body);
      const ok = transmissions.get(b.transmission_id) === JSON.stringify(b.webhook_event) && b.webhook_id === 'WH-ISP-1';
      return { status: 200, json: { verification_status: ok ? 'SUCCESS' : 'FAILURE' } };
    }
    const capture = /^\/v2\/checkout\/orders\/([^/]+)\/capture$/.exec(c.path);
    if (capture && orders.has(capture[1]!)) {
      const o = orders.get(capture[1]!)!;
      return { status: 201, json: { id: capture[1], status: 'COMPLETED', payer: { payer_id: 'PAYER42', address: { country_code: 'DE' } },
        purchase_units: [{ payments: { captures: [{ id: `CAP-${capture[1]}`, status: 'COMPLETED', amount: { currency_code: o.currency, value: o.value }, custom_id: o.custom }] } }] } };
    }
    const refund = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(c.path);
    if (refund) return { status: 201, json: { id: `REF-${refund[1]}`, status: 'COMPLETED' } };
    return null;
  });
  process.env.PAYPAL_API_BASE = peer.url;
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'paypal-net');
  base = `/api/isp/${isp.id}`;
  const r = await api.patch(`${base}/payment-gateways/paypal`, { token: isp.adminToken, body: { config: { mode: 'sandbox', webhook_id: 'WH-ISP-1' }, secrets: { client_id: 'client-1', client_secret: 'secret-1' } } });
  expect(r.status, r.text).toBe(200);
});
afterAll(async () => {
  await server.close();
  await peer.close();
  delete process.env.PAYPAL_API_BASE;
});

let seq = 0;
function deliver(event: { id: string }, opts: { tamper?: boolean } = {}) {
  const body = JSON.stringify(event);
  const tid = `T-${++seq}`;
  transmissions.set(tid, body);
  return api.post(`/api/webhooks/payments/paypal/${isp.slug}`, {
    body: opts.tamper ? body.replace('ORDER', 'ORDEX') : body,
    headers: { 'content-type': 'application/json', 'paypal-transmission-id': tid, 'paypal-transmission-time': new Date().toISOString(), 'paypal-transmission-sig': 'c2lnbmF0dXJl',
      'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1', 'paypal-auth-algo': 'SHA256withRSA' },
  });
}

describe('PayPal gateway', () => {
  it('creates an order, captures it on approval, records one payment, refuses a tampered event, and refunds', async () => {
    const inv = await issuedInvoice(server, isp, { total: 3450 });
    const checkout = await api.post(`${base}/invoices/${inv}/checkout`, { token: isp.adminToken, body: {} });
    expect(checkout.json).toEqual({ provider: 'paypal', url: 'https://www.sandbox.paypal.test/checkoutnow?token=ORDER1', reference: 'ORDER1' });
    const create = peer.calls.find((c) => c.path === '/v2/checkout/orders')!;
    expect(create.headers.authorization).toBe('Bearer A21-test-token');
    expect(create.headers['paypal-request-id']).toBe(`checkout-${inv}-3450`);
    expect(JSON.parse(create.body).purchase_units[0]).toMatchObject({ amount: { currency_code: 'EUR', value: '34.50' }, custom_id: `${isp.subscriberId}:${inv}` });

    const approved = { id: 'WH-EVT-1', event_type: 'CHECKOUT.ORDER.APPROVED', resource: { id: 'ORDER1', status: 'APPROVED', purchase_units: [{ custom_id: `${isp.subscriberId}:${inv}` }] } };
    expect((await deliver(approved, { tamper: true })).status).toBe(400);
    expect(peer.calls.some((c) => c.path.endsWith('/capture'))).toBe(false);
    const first = await deliver(approved);
    expect(first.status, first.text).toBe(200);
    expect(first.json.outcome).toBe('succeeded');
    expect(await invoiceState(server, isp, inv)).toEqual({ status: 'paid', amount_paid: 3450 });
    expect((await deliver(approved)).json.duplicate).toBe(true);
    const completed = { id: 'WH-EVT-2', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: { id: 'CAP-ORDER1', status: 'COMPLETED', amount: { currency_code: 'EUR', value: '34.50' }, custom_id: `${isp.subscriberId}:${inv}` } };
    expect((await deliver(completed)).json.outcome).toBe('already_recorded');
    const list = await api.get(`${base}/payments?method=gateway`, { token: isp.adminToken });
    expect(list.json.total).toBe(1);
    expect(list.json.items[0]).toMatchObject({ provider: 'paypal', gateway_reference: 'CAP-ORDER1', amount: 3450 });

    const refund = await api.post(`${base}/payments/${first.json.payment_id}/refund`, { token: isp.adminToken, body: { amount: 450 } });
    expect(refund.status, refund.text).toBe(200);
    expect(refund.json.refunds[0]).toMatchObject({ gateway_reference: 'REF-CAP-ORDER1', status: 'succeeded' });
    expect(JSON.parse(peer.calls.at(-1)!.body)).toEqual({ amount: { currency_code: 'EUR', value: '4.50' } });
  });
});
