import type { OutboundFetch } from '../../../platform/net/outbound-http.ts';

/**
 * The one interface every payment gateway implements. An adapter is a small, self-contained
 * file in this folder that speaks its gateway's real API (preferably through the official
 * SDK); the payments module knows nothing else about the gateway. See docs/payment-gateways.md.
 */

/** An ISP's account at a gateway: the public settings and the decrypted secrets. */
export type GatewayAccount = {
  ispId: string;
  config: Record<string, string>;
  secrets: Record<string, string>;
  /** fetch() for a URL the ISP gave (its own BTCPay server): through the outbound address policy. */
  fetch: OutboundFetch;
};

export type CheckoutRequest = {
  /** Our ids, echoed back by the gateway in its webhook so that we can match the payment. */
  ispId: string;
  subscriberId: string;
  invoiceId: string;
  invoiceNumber: string;
  amount: number;
  currency: string;
  customerEmail: string | null;
  successUrl: string;
  cancelUrl: string;
  /** Makes a retried checkout request create one session at the gateway, not two. */
  idempotencyKey: string;
};

/** Where to send the payer (a hosted page), and the gateway's id for what was created. */
export type CheckoutSession = { url: string; reference: string };

/** What a verified webhook means for us; anything else is recorded and ignored. */
export type GatewayOutcome =
  | {
      kind: 'payment_succeeded' | 'payment_failed';
      /** The gateway's id of the payment: the idempotency key of our payment row. */
      reference: string;
      amount: number;
      currency: string;
      subscriberId: string | null;
      invoiceId: string | null;
      payerFingerprint: string | null;
      payerCountry: string | null;
      failureReason: string | null;
    }
  | { kind: 'ignored' };

export type GatewayEvent = { id: string; type: string; payload: unknown; outcome: GatewayOutcome };

export type RefundRequest = { reference: string; amount: number; currency: string; idempotencyKey: string };
export type RefundResult = { reference: string; status: 'succeeded' | 'pending' | 'failed' };

/** Thrown when a webhook's signature does not verify: the route answers 400 and records nothing. */
export class WebhookSignatureError extends Error {}

/** The gateway never answered: connection refused, name not found, timeout, or an address the platform refuses. */
export class GatewayUnreachableError extends Error {}

/** The gateway answered, but with an error or with something that is not what its API promises. */
export class GatewayAnswerError extends Error {
  constructor(message: string, readonly status: number | null = null) {
    super(message);
  }
}

/** The ISP's settings for the gateway are incomplete or wrong (found before anything was sent). */
export class GatewayConfigError extends Error {}

export interface GatewayAdapter {
  /** Lower-case id used in URLs and the database: 'stripe', 'razorpay', 'mpesa'. */
  readonly provider: string;
  readonly displayName: string;
  /** Field names the ISP fills in: public ones are shown back, secret ones are write-only. */
  readonly fields: { public: readonly string[]; secret: readonly string[] };
  /** Public fields that are URLs the server will call (checked against the address policy when saved). */
  readonly urlFields?: readonly string[];
  /**
   * Creates a hosted checkout / payment for one invoice. Every method throws
   * GatewayUnreachableError, GatewayAnswerError or GatewayConfigError for what went wrong at
   * the gateway, so that the caller can say so (503, 502, 409) instead of an unexpected error.
   */
  createCheckout(account: GatewayAccount, req: CheckoutRequest): Promise<CheckoutSession>;
  /** Verifies the signature over the raw body and says what happened; throws WebhookSignatureError. */
  parseWebhook(account: GatewayAccount, rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<GatewayEvent>;
  /** Refunds all or part of a payment at the gateway. */
  refund(account: GatewayAccount, req: RefundRequest): Promise<RefundResult>;
}

export function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}
