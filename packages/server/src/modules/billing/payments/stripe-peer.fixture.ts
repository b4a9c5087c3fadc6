import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test-only: a local HTTP peer standing in for api.stripe.com, answering the few endpoints
 * the adapter calls with Stripe-shaped objects, and keeping every request it got.
 */
export type PeerRequest = { method: string; path: string; form: URLSearchParams; headers: IncomingMessage['headers'] };
export type StripePeer = { url: string; requests: PeerRequest[]; charges: Map<string, { fingerprint: string; country: string }>; close(): Promise<void> };

export async function startStripePeer(): Promise<StripePeer> {
  const requests: PeerRequest[] = [];
  const charges = new Map<string, { fingerprint: string; country: string }>();
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const form = new URLSearchParams(body);
      requests.push({ method: req.method ?? '', path, form, headers: req.headers });
      const send = (status: number, obj: unknown) => { res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++n}` }); res.end(JSON.stringify(obj)); };
      if (req.method === 'POST' && path === '/v1/checkout/sessions')
        return send(200, { id: `cs_test_${++n}`, object: 'checkout.session', url: `https://checkout.stripe.test/c/pay/cs_test_${n}`, amount_total: Number(form.get('line_items[0][price_data][unit_amount]')), currency: form.get('line_items[0][price_data][currency]'), metadata: {} });
      const charge = /^\/v1\/charges\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && charge) {
        const c = charges.get(charge[1]!);
        if (!c) return send(404, { error: { type: 'invalid_request_error', message: 'No such charge' } });
        return send(200, { id: charge[1], object: 'charge', payment_method_details: { type: 'card', card: { fingerprint: c.fingerprint, country: c.country } }, billing_details: { address: null } });
      }
      if (req.method === 'POST' && path === '/v1/refunds')
        return send(200, { id: `re_test_${++n}`, object: 'refund', amount: Number(form.get('amount')), payment_intent: form.get('payment_intent'), status: 'succeeded' });
      send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path})` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, charges, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
