import Stripe from 'stripe';
import { GatewayAnswerError, GatewayConfigError, GatewayUnreachableError, WebhookSignatureError, header, type GatewayAccount, type GatewayAdapter, type GatewayOutcome } from './gateway.ts';

/**
 * Stripe: Checkout Sessions (hosted page) for an invoice, PaymentIntent webhooks verified
 * with stripe.webhooks.constructEvent, refunds on the PaymentIntent. Amounts are the
 * currency's minor units, which is what Stripe expects for all but a few currencies.
 *
 * STRIPE_API_BASE (e.g. http://127.0.0.1:12111) points the SDK at a stripe-mock or a local
 * test peer; unset, the SDK talks to Stripe.
 */
function client(account: GatewayAccount): Stripe {
  const key = account.secrets.secret_key;
  if (!key) throw new GatewayConfigError('Stripe secret_key is not configured');
  const base = process.env.STRIPE_API_BASE;
  const endpoint = base ? new URL(base) : null;
  return new Stripe(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(endpoint && { host: endpoint.hostname, port: endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80), protocol: endpoint.protocol === 'https:' ? 'https' : 'http' }),
  });
}

/** Runs one SDK call, its failure sorted into the gateway errors (the SDK has already retried). */
async function atStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeConnectionError) throw new GatewayUnreachableError(`Stripe could not be reached: ${err.message}`, { cause: err });
    if (err instanceof Stripe.errors.StripeError) throw new GatewayAnswerError(`Stripe answered ${err.statusCode ?? ''} ${err.type}: ${err.message}`, err.statusCode ?? null);
    throw err;
  }
}

const metaOf = (m: Stripe.Metadata | null | undefined) => ({ subscriberId: m?.subscriber_id ?? null, invoiceId: m?.invoice_id ?? null });

async function outcomeOf(stripe: Stripe, event: Stripe.Event): Promise<GatewayOutcome> {
  if (event.type === 'payment_intent.succeeded') {
    const pi = event.data.object;
    // The card's fingerprint and issuing country feed the risk score.
    let fingerprint: string | null = null;
    let country: string | null = null;
    const chargeId = typeof pi.latest_charge === 'string' ? pi.latest_charge : pi.latest_charge?.id;
    if (chargeId) {
      const charge = await atStripe(() => stripe.charges.retrieve(chargeId));
      fingerprint = charge.payment_method_details?.card?.fingerprint ?? null;
      country = charge.payment_method_details?.card?.country ?? charge.billing_details?.address?.country ?? null;
    }
    return { kind: 'payment_succeeded', reference: pi.id, amount: pi.amount_received, currency: pi.currency.toUpperCase(), ...metaOf(pi.metadata), payerFingerprint: fingerprint, payerCountry: country, failureReason: null };
  }
  if (event.type === 'payment_intent.payment_failed') {
    const pi = event.data.object;
    return { kind: 'payment_failed', reference: pi.id, amount: pi.amount, currency: pi.currency.toUpperCase(), ...metaOf(pi.metadata), payerFingerprint: null, payerCountry: null, failureReason: pi.last_payment_error?.message ?? 'payment failed' };
  }
  return { kind: 'ignored' };
}

export const stripeGateway: GatewayAdapter = {
  provider: 'stripe',
  displayName: 'Stripe',
  fields: { public: ['publishable_key'], secret: ['secret_key', 'webhook_secret'] },

  async createCheckout(account, req) {
    const metadata = { isp_id: req.ispId, subscriber_id: req.subscriberId, invoice_id: req.invoiceId };
    const stripe = client(account);
    const session = await atStripe(() => stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: req.currency.toLowerCase(), unit_amount: req.amount, product_data: { name: `Invoice ${req.invoiceNumber}` } } }],
      ...(req.customerEmail && { customer_email: req.customerEmail }),
      client_reference_id: req.invoiceId,
      success_url: req.successUrl,
      cancel_url: req.cancelUrl,
      metadata,
      payment_intent_data: { metadata },
    }, { idempotencyKey: req.idempotencyKey }));
    if (!session.url) throw new GatewayAnswerError('Stripe returned a Checkout Session without a URL');
    return { url: session.url, reference: session.id };
  },

  async parseWebhook(account, rawBody, headers) {
    const secret = account.secrets.webhook_secret;
    const signature = header(headers, 'stripe-signature');
    if (!secret || !signature) throw new WebhookSignatureError('missing Stripe-Signature or webhook secret');
    const stripe = client(account);
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch (err) {
      throw new WebhookSignatureError((err as Error).message);
    }
    return { id: event.id, type: event.type, payload: event, outcome: await outcomeOf(stripe, event) };
  },

  async refund(account, req) {
    const stripe = client(account);
    const r = await atStripe(() => stripe.refunds.create({ payment_intent: req.reference, amount: req.amount }, { idempotencyKey: req.idempotencyKey }));
    return { reference: r.id, status: r.status === 'succeeded' ? 'succeeded' : r.status === 'failed' || r.status === 'canceled' ? 'failed' : 'pending' };
  },
};
