import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { startHttpPeer, type HttpPeer } from '../../../test/http-peer.fixture.ts';
import { invoiceState, issuedInvoice } from '../../../test/payments.fixtures.ts';

const webhookSecret = 'btcpay-hook-secret';
let server: TestServer;
let api: Client;
let isp: IspFixture;
let peer: HttpPeer;
let base: string;
const invoices = new Map<string, { amount: string; currency: string; status: string; metadata: Record<string, string> }>();

beforeAll(async () => {
  peer = await startHttpPeer((c) => {
    if (c.method === 'POST' && c.path === '/api/v1/stores/STORE1/invoices') {
      const b = JSON.parse(c.body);
      const id = `BTC${invoices.size + 1}`;
      invoices.set(id, { amount: b.amount, currency: b.currency, status: 'New', metadata: b.metadata });
      return { status: 200, json: { id, checkoutLink: `https://btcpay.example.test/i/${id}`, amount: b.amount, currency: b.currency, status: 'New' } };
    }
    const get = /^\/api\/v1\/stores\/STORE1\/invoices\/([^/]+)$/.exec(c.path);
    if (c.method === 'GET' && get && invoices.has(get[1]!)) return { status: 200, json: { id: get[1], ...invoices.get(get[1]!) } };
    const refund = /^\/api\/v1\/stores\/STORE1\/invoices\/([^/]+)\/refund$/.exec(c.path);
    if (c.method === 'POST' && refund) return { status: 200, json: { id: `pp_${refund[1]}`, ...JSON.parse(c.body) } };
    return null;
  });
  // The BTCPay peer listens on loopback: outbound calls reach it only because the test allows it.
  server = await startTestServer({ outboundAllowCidrs: ['127.0.0.1/32'] });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'btc-net');
  base = `/api/isp/${isp.id}`;
  const r = await api.patch(`${base}/payment-gateways/btcpay`, { token: isp.adminToken, body: { config: { server_url: peer.url, store_id: 'STORE1' }, secrets: { api_key: 'btcpay-api-key', webhook_secret: webhookSecret } } });
  expect(r.status, r.text).toBe(200);
});
afterAll(async () => {
  await server.close();
  await peer.close();
});

function deliver(event: object, opts: { tamper?: boolean } = {}) {
  const body = JSON.stringify(event);
  const sig = `sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`;
  return api.post(`/api/webhooks/payments/btcpay/${isp.slug}`, { body: opts.tamper ? body.replace('STORE1', 'STORE2') : body, headers: { 'content-type': 'application/json', 'btcpay-sig': sig } });
}

describe('BTCPay Server (crypto) gateway', () => {
  it('charges an invoice in its fiat currency and records the settled payment once', async () => {
    const inv = await issuedInvoice(server, isp, { total: 2599 });
    const checkout = await api.post(`${base}/invoices/${inv}/checkout`, { token: isp.adminToken, body: {} });
    expect(checkout.json).toMatchObject({ provider: 'btcpay', url: 'https://btcpay.example.test/i/BTC1', reference: 'BTC1' });
    const create = peer.calls.find((c) => c.method === 'POST')!;
    expect(create.headers.authorization).toBe('token btcpay-api-key');
    expect(JSON.parse(create.body)).toMatchObject({ amount: '25.99', currency: 'EUR', metadata: { invoice_id: inv } });

    invoices.get('BTC1')!.status = 'Settled';
    const event = { deliveryId: 'D1', webhookId: 'W1', isRedelivery: false, type: 'InvoiceSettled', timestamp: 1, storeId: 'STORE1', invoiceId: 'BTC1' };
    const first = await deliver(event);
    expect(first.status, first.text).toBe(200);
    expect(first.json.outcome).toBe('succeeded');
    expect(await invoiceState(server, isp, inv)).toEqual({ status: 'paid', amount_paid: 2599 });
    // A redelivery from the BTCPay UI has a new delivery id but names the original one.
    expect((await deliver({ ...event, deliveryId: 'D2', isRedelivery: true, originalDeliveryId: 'D1' })).json.duplicate).toBe(true);
    expect((await deliver(event, { tamper: true })).status).toBe(400);
    const list = await api.get(`${base}/payments?method=gateway`, { token: isp.adminToken });
    expect(list.json.total).toBe(1);

    const refund = await api.post(`${base}/payments/${first.json.payment_id}/refund`, { token: isp.adminToken, body: { amount: 599 } });
    expect(refund.status, refund.text).toBe(200);
    expect(refund.json.refunds[0]).toMatchObject({ status: 'pending', gateway_reference: 'pp_BTC1', amount: 599 });
    expect(JSON.parse(peer.calls.at(-1)!.body)).toMatchObject({ refundVariant: 'Custom', customAmount: '5.99', customCurrency: 'EUR' });
  });
});
