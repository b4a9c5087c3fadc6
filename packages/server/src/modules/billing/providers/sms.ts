/**
 * Text messages for dunning reminders. Like payment gateways, each SMS provider is one small
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
