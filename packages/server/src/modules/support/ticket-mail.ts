import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';
import type { Mail } from '../../platform/mail/mailer.ts';
import type { TicketRow } from './tickets.read.ts';
import type { MessageDto } from './tickets.schemas.ts';

export type ReplyMail = Mail;

/**
 * The staff reply mailed to the subscriber, with a link to the ticket on the ISP's portal
 * (its custom domain when it has one). Read inside the reply's transaction; sent after it.
 */
async function prepare(tx: Tx, publicUrl: string, t: TicketRow, message: MessageDto): Promise<ReplyMail | null> {
  if (!t.subscriber_email) return null;
  const [isp] = await rows<{ slug: string; display_name: string; custom_domain: string | null }>(tx, sql`
    SELECT slug, display_name, custom_domain FROM isps WHERE id = ${t.isp_id}`);
  if (!isp) return null;
  const origin = isp.custom_domain ? `https://${isp.custom_domain}` : publicUrl;
  return {
    to: t.subscriber_email,
    subject: `[#${t.number}] ${t.subject}`,
    text: `${message.author_name ?? isp.display_name} replied to your support ticket #${t.number} "${t.subject}":\n\n${message.body}\n\n`
      + `Reply or follow the ticket in your ${isp.display_name} portal: ${origin}/t/${isp.slug}/me/support/${t.id}\n`,
  };
}

/** A failed delivery does not undo the committed reply: it is logged, the subscriber still sees it in the portal. */
async function send(ctx: AppContext, mail: ReplyMail): Promise<void> {
  await ctx.mailer.send(mail).catch((err: unknown) => {
    ctx.log.warn({ err, to: mail.to, subject: mail.subject }, 'ticket reply mail failed');
  });
}

export const mailReplyToSubscriber = { prepare, send };
