import twilio from 'twilio';
import type { SmsAdapter } from './sms.ts';

/**
 * Twilio Programmable Messaging through the official SDK. TWILIO_API_BASE (e.g.
 * http://127.0.0.1:4010) points the SDK's REST domain at a local peer; unset, it is Twilio's.
 */
export const twilioSms: SmsAdapter = {
  provider: 'twilio',
  displayName: 'Twilio',
  fields: { public: ['from'], secret: ['account_sid', 'auth_token'] },
  async send(account, message) {
    const sid = account.secrets.account_sid;
    const token = account.secrets.auth_token;
    const from = account.config.from;
    if (!sid || !token || !from) throw new Error('Twilio account_sid, auth_token and from are required');
    const client = twilio(sid, token, { autoRetry: true, maxRetries: 2, timeout: 20_000 });
    if (process.env.TWILIO_API_BASE) client.api.baseUrl = process.env.TWILIO_API_BASE;
    const sent = await client.messages.create({ to: message.to, from, body: message.body });
    return { reference: sent.sid };
  },
};
