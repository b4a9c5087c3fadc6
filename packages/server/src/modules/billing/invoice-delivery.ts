import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { conflict } from '../../platform/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { formatMoney } from '../../platform/money/money.ts';
import { pickLocale } from '../../platform/i18n/document-locale.ts';
import { getInvoice } from './invoices.service.ts';
import { renderInvoicePdf, type Branding } from './invoice-pdf.ts';
import { fill, invoiceStrings } from './invoice-strings.ts';
import { invoices } from './schema.ts';
import type { ActorInScope } from '../../platform/tenant.ts';

async function branding(ctx: AppContext, scope: Scope, ispId: string): Promise<Branding> {
  const [isp] = await withScope(ctx.db, scope, (tx) => rows<{ display_name: string; primary_color: string; logo_url: string | null }>(tx,
    sql`SELECT display_name, primary_color, logo_url FROM isps WHERE id = ${ispId}`));
  return { displayName: isp?.display_name ?? '', primaryColor: isp?.primary_color ?? '#1565c0', logoUrl: isp?.logo_url ?? null };
}

export async function invoicePdf(ctx: AppContext, scope: Scope, id: string) {
  const inv = await getInvoice(ctx, scope, id);
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select({ ispId: invoices.ispId }).from(invoices).where(eq(invoices.id, id)));
  const body = await renderInvoicePdf(inv, await branding(ctx, scope, row!.ispId));
  return { name: `${inv.number ?? `draft-${inv.id}`}.pdf`, body, invoice: inv };
}

/** Sends the PDF to the subscriber's e-mail through ctx.mailer, in their language. */
export async function emailInvoice(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  const { name, body, invoice } = await invoicePdf(ctx, scope, id);
  if (invoice.status === 'draft') throw conflict('Issue the draft before sending it');
  const to = invoice.buyer.email;
  if (!to) throw conflict('The subscriber has no e-mail address');
  const t = invoiceStrings[pickLocale(invoice.locale)];
  const values = { number: invoice.number ?? '', name: invoice.buyer.name ?? '', total: formatMoney(invoice.total, invoice.currency, invoice.locale), due: invoice.due_date ?? '', isp: invoice.seller.name ?? '' };
  await ctx.mailer.send({ to, subject: fill(t.mailSubject, values), text: fill(t.mailBody, values), attachments: [{ filename: name, content: body, contentType: 'application/pdf' }] });
  await withScope(ctx.db, scope, async (tx) => {
    const [row] = await tx.update(invoices).set({ emailedAt: new Date() }).where(eq(invoices.id, id)).returning({ ispId: invoices.ispId });
    await recordChange(tx, actor, { ispId: row!.ispId, action: 'invoice.emailed', entityType: 'invoice', entityId: id, after: { number: invoice.number, to } });
  });
  return { sent_to: to };
}
