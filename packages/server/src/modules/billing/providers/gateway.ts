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

export interface GatewayAdapter {
  /** Lower-case id used in URLs and the database: 'stripe', 'razorpay', 'mpesa'. */
  readonly provider: string;
  readonly displayName: string;
  /** Field names the ISP fills in: public ones are shown back, secret ones are write-only. */
  readonly fields: { public: readonly string[]; secret: readonly string[] };
  /** Creates a hosted checkout / payment for one invoice. */
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
