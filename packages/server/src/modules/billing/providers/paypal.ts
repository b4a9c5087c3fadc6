import { fromMinor, toMinor } from '../money/money.ts';
import { GatewayAnswerError, WebhookSignatureError, header, type GatewayAccount, type GatewayAdapter, type GatewayOutcome } from './gateway.ts';
import { jsonRequest } from './json-request.ts';

/**
 * PayPal Checkout through the Orders v2 REST API: an order per invoice (payer approves on
 * PayPal), captured when PayPal reports the approval; webhooks verified by PayPal's
 * verify-webhook-signature endpoint; refunds on the capture. Plain REST, not PayPal's
 * generated server SDK: that SDK (v2.5) has no webhook-signature verification and only two
 * fixed base URLs (sandbox, live), so it could not be tested against a local peer.
 *
 * PAYPAL_API_BASE points at a local peer; unset, `mode` picks sandbox or live.
 */
type Money = { currency_code: string; value: string };
type Capture = { id: string; status: string; amount: Money; custom_id?: string };
type Order = { id: string; status: string; links?: { rel: string; href: string }[]; payer?: { payer_id?: string; address?: { country_code?: string } };
  purchase_units?: { custom_id?: string; payments?: { captures?: Capture[] } }[] };
type PaypalEvent = { id: string; event_type: string; resource: Order & Capture };

const tokens = new Map<string, { token: string; until: number }>();

function base(account: GatewayAccount): string {
  return process.env.PAYPAL_API_BASE ?? (account.config.mode === 'live' ? 'https://api-m.paypal.com' : 'https://api-m.sandbox.paypal.com');
}

async function accessToken(account: GatewayAccount): Promise<string> {
  const key = `${base(account)}|${account.secrets.client_id}`;
  const cached = tokens.get(key);
  if (cached && cached.until > Date.now()) return cached.token;
  // PayPal's own host (or PAYPAL_API_BASE, set by the operator): not a URL an ISP gives.
  const body = await jsonRequest<{ access_token: string; expires_in: number }>(fetch, 'PayPal', 'token request', `${base(account)}/v1/oauth2/token`, {
    method: 'POST', signal: AbortSignal.timeout(20_000), body: 'grant_type=client_credentials',
    headers: { authorization: `Basic ${Buffer.from(`${account.secrets.client_id ?? ''}:${account.secrets.client_secret ?? ''}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
  }).catch((err: unknown) => {
    // The body of a refused token request is not worth repeating (it names the client).
    throw err instanceof GatewayAnswerError ? new GatewayAnswerError(`PayPal token request answered ${err.status}`, err.status) : err;
  });
  tokens.set(key, { token: body.access_token, until: Date.now() + Math.max(0, body.expires_in - 60) * 1000 });
  return body.access_token;
}

async function call<T>(account: GatewayAccount, path: string, body: unknown, requestId?: string): Promise<T> {
  return jsonRequest<T>(fetch, 'PayPal', path, `${base(account)}${path}`, {
    method: 'POST', signal: AbortSignal.timeout(20_000), body: JSON.stringify(body),
    headers: { authorization: `Bearer ${await accessToken(account)}`, 'content-type': 'application/json', ...(requestId && { 'paypal-request-id': requestId }) },
  });
}

/** custom_id carries "subscriber:invoice" through PayPal. */
function ours(customId: string | undefined): { subscriberId: string | null; invoiceId: string | null } {
  const [subscriberId, invoiceId] = (customId ?? '').split(':');
  return { subscriberId: subscriberId || null, invoiceId: invoiceId || null };
}

function captureOutcome(c: Capture, payer: Order['payer'] | undefined, customId?: string): GatewayOutcome {
  const ok = c.status === 'COMPLETED';
  if (!ok && c.status !== 'DECLINED' && c.status !== 'FAILED') return { kind: 'ignored' };
  return {
    kind: ok ? 'payment_succeeded' : 'payment_failed', reference: c.id, amount: toMinor(c.amount.value, c.amount.currency_code), currency: c.amount.currency_code,
    ...ours(c.custom_id ?? customId), payerFingerprint: payer?.payer_id ? `paypal:${payer.payer_id}` : null, payerCountry: payer?.address?.country_code ?? null,
    failureReason: ok ? null : `PayPal capture ${c.status.toLowerCase()}`,
  };
}

export const paypalGateway: GatewayAdapter = {
  provider: 'paypal',
  displayName: 'PayPal',
  fields: { public: ['mode', 'webhook_id'], secret: ['client_id', 'client_secret'] },

  async createCheckout(account, req) {
    const order = await call<Order>(account, '/v2/checkout/orders', {
      intent: 'CAPTURE',
      purchase_units: [{ reference_id: req.invoiceId, custom_id: `${req.subscriberId}:${req.invoiceId}`, description: `Invoice ${req.invoiceNumber}`,
        amount: { currency_code: req.currency, value: fromMinor(req.amount, req.currency) } }],
      payment_source: { paypal: { experience_context: { return_url: req.successUrl, cancel_url: req.cancelUrl, user_action: 'PAY_NOW' } } },
    }, req.idempotencyKey);
    const link = order.links?.find((l) => l.rel === 'payer-action' || l.rel === 'approve');
    if (!link) throw new GatewayAnswerError('PayPal returned an order without an approval link');
    return { url: link.href, reference: order.id };
  },

  async parseWebhook(account, rawBody, headers) {
    const h = (n: string) => header(headers, n);
    const webhookId = account.config.webhook_id;
    if (!webhookId || !h('paypal-transmission-id') || !h('paypal-transmission-sig') || !h('paypal-cert-url')) throw new WebhookSignatureError('missing PayPal transmission headers or webhook_id');
    let event: PaypalEvent;
    try {
      event = JSON.parse(rawBody.toString('utf8')) as PaypalEvent;
    } catch {
      throw new WebhookSignatureError('body is not JSON');
    }
    const check = await call<{ verification_status: string }>(account, '/v1/notifications/verify-webhook-signature', {
      auth_algo: h('paypal-auth-algo'), cert_url: h('paypal-cert-url'), transmission_id: h('paypal-transmission-id'), transmission_sig: h('paypal-transmission-sig'),
      transmission_time: h('paypal-transmission-time'), webhook_id: webhookId, webhook_event: event,
    });
    if (check.verification_status !== 'SUCCESS') throw new WebhookSignatureError(`PayPal says ${check.verification_status}`);
    let outcome: GatewayOutcome = { kind: 'ignored' };
    const r = event.resource;
    if (event.event_type === 'CHECKOUT.ORDER.APPROVED') {
      // The payer approved: capture now (idempotent per order), and record what the capture says.
      const captured = await call<Order>(account, `/v2/checkout/orders/${encodeURIComponent(r.id)}/capture`, {}, `capture-${r.id}`);
      const c = captured.purchase_units?.[0]?.payments?.captures?.[0];
      if (c) outcome = captureOutcome(c, captured.payer ?? r.payer, r.purchase_units?.[0]?.custom_id);
    } else if (event.event_type === 'PAYMENT.CAPTURE.COMPLETED' || event.event_type === 'PAYMENT.CAPTURE.DECLINED') {
      outcome = captureOutcome(r, undefined);
    }
    return { id: event.id, type: event.event_type, payload: event, outcome };
  },

  async refund(account, req) {
    const r = await call<{ id: string; status: string }>(account, `/v2/payments/captures/${encodeURIComponent(req.reference)}/refund`,
      { amount: { currency_code: req.currency, value: fromMinor(req.amount, req.currency) } }, req.idempotencyKey);
    return { reference: r.id, status: r.status === 'COMPLETED' ? 'succeeded' : r.status === 'FAILED' || r.status === 'CANCELLED' ? 'failed' : 'pending' };
  },
};
