import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromMinor, toMinor } from '../money/money.ts';
import { GatewayConfigError, WebhookSignatureError, header, type GatewayAccount, type GatewayAdapter, type GatewayOutcome } from './gateway.ts';
import { jsonRequest } from './json-request.ts';

/**
 * Crypto payments through the ISP's own BTCPay Server (Greenfield API v1; BTCPay has no
 * official Node SDK, so this speaks its documented REST API with fetch). The server is the ISP's
 * to name, so every request goes through the outbound address policy. Invoices are priced
 * in the invoice's fiat currency; BTCPay converts to BTC/Lightning at checkout. Webhooks carry
 * BTCPay-Sig: sha256=HMAC-SHA256(secret, raw body); the amount is read back from the invoice.
 */
type BtcpayInvoice = { id: string; checkoutLink: string; amount: string; currency: string; status: string; metadata?: Record<string, unknown> };
type BtcpayEvent = { deliveryId: string; originalDeliveryId?: string; webhookId: string; type: string; storeId: string; invoiceId?: string; metadata?: Record<string, unknown> };

function endpoint(account: GatewayAccount, path: string): string {
  const server = account.config.server_url;
  const store = account.config.store_id;
  if (!server || !store) throw new GatewayConfigError('BTCPay server_url and store_id are required');
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new GatewayConfigError('BTCPay server_url is not a URL');
  }
  // Keys and payer data travel to this server: only over TLS in production.
  if (process.env.NODE_ENV === 'production' && url.protocol !== 'https:') throw new GatewayConfigError('BTCPay server_url must be https');
  return `${url.origin}${url.pathname.replace(/\/$/, '')}/api/v1/stores/${encodeURIComponent(store)}${path}`;
}

function call<T>(account: GatewayAccount, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  return jsonRequest<T>(account.fetch, 'BTCPay Server', `${method} ${path}`, endpoint(account, path), {
    method, signal: AbortSignal.timeout(20_000),
    headers: { authorization: `token ${account.secrets.api_key ?? ''}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

const meta = (m: Record<string, unknown> | undefined, k: string) => (typeof m?.[k] === 'string' ? (m[k] as string) : null);

export const btcpayGateway: GatewayAdapter = {
  provider: 'btcpay',
  displayName: 'BTCPay Server (crypto)',
  fields: { public: ['server_url', 'store_id'], secret: ['api_key', 'webhook_secret'] },
  urlFields: ['server_url'],

  async createCheckout(account, req) {
    const inv = await call<BtcpayInvoice>(account, 'POST', '/invoices', {
      amount: fromMinor(req.amount, req.currency), currency: req.currency,
      metadata: { orderId: req.invoiceNumber, isp_id: req.ispId, subscriber_id: req.subscriberId, invoice_id: req.invoiceId, ...(req.customerEmail && { buyerEmail: req.customerEmail }) },
      checkout: { redirectURL: req.successUrl },
    });
    return { url: inv.checkoutLink, reference: inv.id };
  },

  async parseWebhook(account, rawBody, headers) {
    const secret = account.secrets.webhook_secret;
    const sig = header(headers, 'btcpay-sig');
    if (!secret || !sig?.startsWith('sha256=')) throw new WebhookSignatureError('missing BTCPay-Sig or webhook secret');
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    const got = Buffer.from(sig.slice(7), 'hex');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw new WebhookSignatureError('signature mismatch');
    const e = JSON.parse(rawBody.toString('utf8')) as BtcpayEvent;
    let outcome: GatewayOutcome = { kind: 'ignored' };
    if (e.invoiceId && (e.type === 'InvoiceSettled' || e.type === 'InvoiceInvalid' || e.type === 'InvoiceExpired')) {
      const inv = await call<BtcpayInvoice>(account, 'GET', `/invoices/${encodeURIComponent(e.invoiceId)}`);
      const settled = e.type === 'InvoiceSettled' && inv.status === 'Settled';
      if (settled || e.type !== 'InvoiceSettled')
        outcome = {
          kind: settled ? 'payment_succeeded' : 'payment_failed', reference: inv.id, amount: toMinor(inv.amount, inv.currency), currency: inv.currency,
          subscriberId: meta(inv.metadata, 'subscriber_id'), invoiceId: meta(inv.metadata, 'invoice_id'), payerFingerprint: null, payerCountry: null,
          failureReason: settled ? null : `BTCPay invoice ${e.type === 'InvoiceExpired' ? 'expired' : 'invalid'}`,
        };
    }
    // A redelivery keeps its original delivery id: that is the event's identity.
    return { id: e.originalDeliveryId ?? e.deliveryId, type: e.type, payload: e, outcome };
  },

  async refund(account, req) {
    // BTCPay refunds by creating a pull payment the payer claims with their own address.
    const pp = await call<{ id: string }>(account, 'POST', `/invoices/${encodeURIComponent(req.reference)}/refund`, {
      name: `Refund ${req.idempotencyKey}`, refundVariant: 'Custom', customAmount: fromMinor(req.amount, req.currency), customCurrency: req.currency,
    });
    return { reference: pp.id, status: 'pending' };
  },
};
