import type { SmsAdapter } from './sms.ts';
import { twilioSms } from './twilio.ts';

/** Every SMS provider the platform offers: a new one is one import and one entry here. */
const smsAdapters: readonly SmsAdapter[] = [twilioSms];

export function smsAdapter(provider: string): SmsAdapter | null {
  return smsAdapters.find((a) => a.provider === provider) ?? null;
}
export const smsProviderNames = smsAdapters.map((a) => a.provider);
