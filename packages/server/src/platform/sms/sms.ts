/**
 * Text messages (dunning reminders, NOC escalations). Like payment gateways, each SMS provider is one small
 * adapter file behind this interface (Twilio today; Africa's Talking, MSG91… the same way).
 */
export type SmsAccount = { ispId: string; config: Record<string, string>; secrets: Record<string, string> };
export type SmsMessage = { to: string; body: string };

export interface SmsAdapter {
  readonly provider: string;
  readonly displayName: string;
  readonly fields: { public: readonly string[]; secret: readonly string[] };
  /** Hands the message to the provider; resolves with the provider's message id. */
  send(account: SmsAccount, message: SmsMessage): Promise<{ reference: string }>;
}

/** An ISP's configured provider, ready to text. */
export type SmsSender = { provider: string; send(to: string, body: string): Promise<{ reference: string }> };

/**
 * The SMS sender of each ISP, for every module that texts people. The billing module keeps
 * the providers' settings (Billing → Dunning) and the composition root plugs them in here.
 */
export interface SmsSenders {
  /** The ISP's configured SMS provider as a sender, or null when it has none. */
  senderFor(ispId: string): Promise<SmsSender | null>;
}
