import Razorpay from 'razorpay';
import { networkFailure } from '../../../platform/net/network-failure.ts';
import { GatewayAnswerError, GatewayUnreachableError, WebhookSignatureError, header, type GatewayAccount, type GatewayAdapter, type GatewayOutcome } from './gateway.ts';

/**
 * Razorpay: a Payment Link (hosted page) per invoice, webhooks verified with the SDK's
 * Razorpay.validateWebhookSignature (HMAC-SHA256 of the raw body), refunds on the payment.
 * Amounts are minor units (paise), as Razorpay expects.
 *
 * RAZORPAY_API_BASE points the SDK's HTTP client at a local peer; unset, it is Razorpay's.
 */
type Axios = { defaults: { baseURL: string }; interceptors: { response: { use(ok: undefined, fail: (err: { response?: unknown }) => Promise<never>): void } } };

/**
 * Runs SDK calls on a fresh client, their failures sorted into the gateway errors. The SDK
 * answers a request that got no response with a TypeError of its own (it reads the missing
 * response's status), so the transport's error is caught on the way, before the SDK sees it.
 */
async function atRazorpay<T>(account: GatewayAccount, call: (rzp: Razorpay) => Promise<T>): Promise<T> {
  const rzp = new Razorpay({ key_id: account.secrets.key_id ?? '', key_secret: account.secrets.key_secret ?? '' });
  const rq = (rzp.api as unknown as { rq: Axios }).rq;
  if (process.env.RAZORPAY_API_BASE) rq.defaults.baseURL = process.env.RAZORPAY_API_BASE;
  let transport: unknown = null;
  rq.interceptors.response.use(undefined, (err) => {
    if (!err.response) transport = err;
    return Promise.reject(err as Error);
  });
  try {
    return await call(rzp);
  } catch (err) {
    if (transport) throw new GatewayUnreachableError(`Razorpay could not be reached: ${networkFailure(transport) ?? (transport as Error).message}`, { cause: transport });
    const answer = err as { statusCode?: unknown; error?: { description?: string } } | null;
    if (typeof answer?.statusCode === 'number') throw new GatewayAnswerError(`Razorpay answered ${answer.statusCode}: ${answer.error?.description ?? ''}`, answer.statusCode);
    throw err;
  }
}

type Notes = Record<string, string | number> | undefined | null;
type RzpPayment = { id: string; amount: number; currency: string; status: string; notes?: Notes; email?: string | null; contact?: string | null; error_description?: string | null };
type RzpEvent = { event: string; payload: { payment?: { entity: RzpPayment }; payment_link?: { entity: { id: string; notes?: Notes } } } };

const str = (v: string | number | undefined) => (v === undefined ? null : String(v));

function outcomeOf(e: RzpEvent): GatewayOutcome {
  const p = e.payload.payment?.entity;
  if (!p) return { kind: 'ignored' };
  // Notes travel on the payment link (hosted page) or on the order / payment (Standard Checkout).
  const notes = { ...(p.notes ?? {}), ...(e.payload.payment_link?.entity.notes ?? {}) };
  const common = {
    reference: p.id, amount: p.amount, currency: p.currency.toUpperCase(), subscriberId: str(notes.subscriber_id), invoiceId: str(notes.invoice_id),
    // The payer's account at Razorpay (phone or e-mail) is the instrument signal for velocity.
    payerFingerprint: p.contact ? `contact:${p.contact}` : p.email ? `email:${p.email.toLowerCase()}` : null, payerCountry: null,
  };
  if (e.event === 'payment_link.paid' || e.event === 'payment.captured') return { kind: 'payment_succeeded', ...common, failureReason: null };
  if (e.event === 'payment.failed') return { kind: 'payment_failed', ...common, failureReason: p.error_description ?? 'payment failed' };
  return { kind: 'ignored' };
}

export const razorpayGateway: GatewayAdapter = {
  provider: 'razorpay',
  displayName: 'Razorpay',
  fields: { public: [], secret: ['key_id', 'key_secret', 'webhook_secret'] },

  async createCheckout(account, req) {
    const link = await atRazorpay(account, (rzp) => rzp.paymentLink.create({
      amount: req.amount, currency: req.currency, description: `Invoice ${req.invoiceNumber}`,
      customer: req.customerEmail ? { email: req.customerEmail } : {},
      notify: { email: false, sms: false }, reminder_enable: false,
      notes: { isp_id: req.ispId, subscriber_id: req.subscriberId, invoice_id: req.invoiceId },
      callback_url: req.successUrl, callback_method: 'get',
    }));
    return { url: link.short_url, reference: link.id };
  },

  async parseWebhook(account, rawBody, headers) {
    const secret = account.secrets.webhook_secret;
    const signature = header(headers, 'x-razorpay-signature');
    if (!secret || !signature) throw new WebhookSignatureError('missing X-Razorpay-Signature or webhook secret');
    if (!Razorpay.validateWebhookSignature(rawBody.toString('utf8'), signature, secret)) throw new WebhookSignatureError('signature mismatch');
    const event = JSON.parse(rawBody.toString('utf8')) as RzpEvent;
    const outcome = outcomeOf(event);
    // Razorpay names each event in X-Razorpay-Event-Id; retries carry the same id.
    const id = header(headers, 'x-razorpay-event-id') ?? `${event.event}:${outcome.kind === 'ignored' ? rawBody.length : outcome.reference}`;
    return { id, type: event.event, payload: event, outcome };
  },

  async refund(account, req) {
    const r = await atRazorpay(account, (rzp) => rzp.payments.refund(req.reference, { amount: req.amount, receipt: req.idempotencyKey.slice(0, 40) }));
    return { reference: r.id, status: r.status === 'processed' ? 'succeeded' : r.status === 'failed' ? 'failed' : 'pending' };
  },
};
