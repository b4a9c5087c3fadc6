import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';
import type { Mail } from '../../platform/mail/mailer.ts';
import type { TicketRow } from './tickets.read.ts';
import type { MessageDto } from './tickets.schemas.ts';

export type ReplyMail = Mail;

/** {who} replied to #{number} "{subject}"; the body; the link. In the subscriber's language, else the ISP's. */
const strings: Record<string, { intro: string; link: string }> = {
  en: { intro: '{who} replied to your support ticket #{number} "{subject}":', link: 'Reply or follow the ticket in your {isp} portal:' },
  es: { intro: '{who} respondió a su ticket de soporte #{number} «{subject}»:', link: 'Responda o siga el ticket en su portal de {isp}:' },
  fr: { intro: '{who} a répondu à votre ticket d\'assistance n°{number} « {subject} » :', link: 'Répondez ou suivez le ticket dans votre espace {isp} :' },
  ar: { intro: 'ردّ {who} على تذكرة الدعم #{number} «{subject}»:', link: 'ردّ على التذكرة أو تابعها في بوابة {isp}:' },
  hi: { intro: '{who} ने आपके सपोर्ट टिकट #{number} "{subject}" का जवाब दिया:', link: 'अपने {isp} पोर्टल में टिकट का जवाब दें या उसे देखें:' },
};
const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_m, k: string) => v[k] ?? '');

/**
 * The staff reply mailed to the subscriber, with a link to the ticket on the ISP's portal
 * (its custom domain when it has one). Read inside the reply's transaction; sent after it.
 */
async function prepare(tx: Tx, publicUrl: string, t: TicketRow, message: MessageDto): Promise<ReplyMail | null> {
  if (!t.subscriber_email || !t.subscriber_id) return null;
  const [isp] = await rows<{ slug: string; display_name: string; custom_domain: string | null; locale: string | null }>(tx, sql`
    SELECT i.slug, i.display_name, i.custom_domain, coalesce(s.locale, i.default_locale) AS locale
    FROM isps i JOIN subscribers s ON s.id = ${t.subscriber_id} WHERE i.id = ${t.isp_id}`);
  if (!isp) return null;
  const origin = isp.custom_domain ? `https://${isp.custom_domain}` : publicUrl;
  const s = strings[isp.locale ?? 'en'] ?? strings.en!;
  const values = { who: message.author_name ?? isp.display_name, number: String(t.number), subject: t.subject, isp: isp.display_name };
  return {
    to: t.subscriber_email,
    subject: `[#${t.number}] ${t.subject}`,
    text: `${fill(s.intro, values)}\n\n${message.body}\n\n${fill(s.link, values)} ${origin}/t/${isp.slug}/me/support/${t.id}\n`,
  };
}

/** A failed delivery does not undo the committed reply: it is logged, the subscriber still sees it in the portal. */
async function send(ctx: AppContext, mail: ReplyMail): Promise<void> {
  await ctx.mailer.send(mail).catch((err: unknown) => {
    ctx.log.warn({ err, to: mail.to, subject: mail.subject }, 'ticket reply mail failed');
  });
}

export const mailReplyToSubscriber = { prepare, send };
