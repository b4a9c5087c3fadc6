import { createHmac } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { issuedInvoice } from '../../../test/payments.fixtures.ts';
import { MAX_RESPONSE_BYTES } from '../../../platform/net/outbound-http.ts';

/** A loopback port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;
let dead: string;
const envKeys = ['STRIPE_API_BASE', 'RAZORPAY_API_BASE', 'PAYPAL_API_BASE'] as const;

beforeAll(async () => {
  dead = `http://127.0.0.1:${await closedPort()}`;
  for (const k of envKeys) process.env[k] = dead;
  // BTCPay's server is the ISP's to name: a loopback one is reached only with the allowance.
  server = await startTestServer({ outboundAllowCidrs: ['127.0.0.1/32'] });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'down-net');
  base = `/api/isp/${isp.id}`;
  const settings: Record<string, object> = {
    stripe: { secrets: { secret_key: 'sk_test_down', webhook_secret: 'whsec_down' } },
    razorpay: { secrets: { key_id: 'rzp_test_down', key_secret: 'down-secret', webhook_secret: 'down-hook' } },
    paypal: { config: { mode: 'sandbox', webhook_id: 'WH-DOWN' }, secrets: { client_id: 'down-client', client_secret: 'down-secret' } },
    btcpay: { config: { server_url: dead, store_id: 'STORE1' }, secrets: { api_key: 'btcpay-down', webhook_secret: 'btcpay-down-hook' } },
  };
  for (const [provider, body] of Object.entries(settings)) {
    const r = await api.patch(`${base}/payment-gateways/${provider}`, { token: isp.adminToken, body });
    expect(r.status, r.text).toBe(200);
  }
});
afterAll(async () => {
  await server?.close();
  for (const k of envKeys) delete process.env[k];
});

const checkout = async (provider: string) =>
  api.post(`${base}/invoices/${await issuedInvoice(server, isp, { total: 1500 })}/checkout`, { token: isp.adminToken, body: { provider } });

describe('a payment gateway that cannot be reached', () => {
  it('Stripe: 503 saying so, logged once for the outage rather than per request', async () => {
    const warn = vi.spyOn(server.ctx.log, 'warn');
    for (let i = 0; i < 3; i++) {
      const r = await checkout('stripe');
      expect(r.status, r.text).toBe(503);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json).toMatchObject({ title: 'Service Unavailable', status: 503, gateway: 'stripe' });
      expect(r.json.detail).toMatch(/^Stripe could not be reached/);
    }
    const outage = warn.mock.calls.filter((c) => c[1] === 'Stripe could not be reached');
    expect(outage).toHaveLength(1);
    expect(outage[0]![0]).toMatchObject({ gateway: 'stripe', isp_id: isp.id });
    warn.mockRestore();
  }, 30_000);

  it.each([['razorpay', 'Razorpay'], ['paypal', 'PayPal'], ['btcpay', 'BTCPay Server']])('%s: 503 naming the gateway', async (provider, name) => {
    const r = await checkout(provider);
    expect(r.status, r.text).toBe(503);
    expect(r.json).toMatchObject({ title: 'Service Unavailable', gateway: provider });
    expect(r.json.detail).toContain(`${name} could not be reached`);
  });

  it('a BTCPay webhook that cannot be checked at the server answers 503, records nothing, and is taken when redelivered', async () => {
    const body = JSON.stringify({ deliveryId: 'D-down', webhookId: 'W1', type: 'InvoiceSettled', storeId: 'STORE1', invoiceId: 'BTC-X' });
    const sig = `sha256=${createHmac('sha256', 'btcpay-down-hook').update(body).digest('hex')}`;
    const deliver = () => api.post(`/api/webhooks/payments/btcpay/${isp.slug}`, { body, headers: { 'content-type': 'application/json', 'btcpay-sig': sig } });
    const first = await deliver();
    expect(first.status, first.text).toBe(503);
    expect(first.json.detail).toMatch(/^BTCPay Server could not be reached/);
    // Not recorded as seen: the retry is not a "duplicate", it fails the same way.
    expect((await deliver()).status).toBe(503);
  });

  it('a gateway whose settings are incomplete is a 409 naming what is missing, not a 500', async () => {
    const r = await api.patch(`${base}/payment-gateways/btcpay`, { token: isp.adminToken, body: { config: { store_id: '' } } });
    expect(r.status, r.text).toBe(200);
    const c = await checkout('btcpay');
    expect(c.status, c.text).toBe(409);
    expect(c.json.detail).toMatch(/BTCPay .*store_id/);
  });
});

describe('a gateway server on an internal address', () => {
  it('is refused when saved, naming the field, unless inside the allowance', async () => {
    for (const url of ['http://10.0.0.5:23001', 'http://127.0.0.2:8080', 'http://2130706434/', 'http://[::ffff:127.0.0.2]/', 'http://169.254.169.254/', 'file:///etc/passwd']) {
      const r = await api.patch(`${base}/payment-gateways/btcpay`, { token: isp.adminToken, body: { config: { server_url: url, store_id: 'STORE1' } } });
      expect(r.status, url).toBe(400);
      expect(r.json.errors[0].pointer, url).toBe('/body/config/server_url');
    }
    const ok = await api.patch(`${base}/payment-gateways/btcpay`, { token: isp.adminToken, body: { config: { server_url: 'http://127.0.0.1:23001', store_id: 'STORE1' } } });
    expect(ok.status, ok.text).toBe(200);
  });
});

describe('a gateway that answers with an error', () => {
  it('is a 502 naming the gateway, without repeating what it said', async () => {
    let answer: 'refused' | 'garbage' | 'huge' = 'refused';
    const peer = createHttpServer((_req, res) => {
      if (answer === 'refused') return res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Invalid API key btcpay-secret-hint"}');
      if (answer === 'garbage') return res.end('<html>proxy error</html>');
      res.end(Buffer.alloc(MAX_RESPONSE_BYTES + 1, 0x20));
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(peer.address() as { port: number }).port}`;
    expect((await api.patch(`${base}/payment-gateways/btcpay`, { token: isp.adminToken, body: { config: { server_url: url, store_id: 'STORE1' } } })).status).toBe(200);
    const refused = await checkout('btcpay');
    expect(refused.status, refused.text).toBe(502);
    expect(refused.json).toMatchObject({ title: 'Bad Gateway', detail: 'BTCPay Server (crypto) answered with an error (HTTP 401)', gateway: 'btcpay' });
    expect(refused.text).not.toContain('secret-hint');
    answer = 'garbage';
    expect((await checkout('btcpay')).json).toMatchObject({ status: 502, detail: 'BTCPay Server (crypto) answered with an error (HTTP 200)' });
    answer = 'huge';
    expect((await checkout('btcpay')).json).toMatchObject({ status: 502, detail: 'BTCPay Server (crypto) answered with an error' });
    await new Promise<void>((resolve) => peer.close(() => resolve()));
  });
});
