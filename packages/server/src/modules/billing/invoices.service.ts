import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withScope, type Scope } from '../../platform/db/scope.ts';
import { invalidField, conflict, notFound } from '../../platform/errors.ts';
import { parseSort, type Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { divRound, parseDecimal, pow10 } from '../../platform/money/decimal.ts';
import { addDays } from './cycles.ts';
import { buyerParty, invoiceRate, loadBillingContext, loadBuyers, type BillingContext, type BuyerRow } from './billing-context.ts';
import { documentLocale } from '../../platform/i18n/document-locale.ts';
import { reserveNumbers, formatNumber, writeInvoices, type DraftLine, type InvoiceDraft } from './invoice-writer.ts';
import { settledStatus } from './invoice-payment.ts';
import { toInvoiceDto, toSummary, type InvoiceDto, type InvoiceSummary } from './invoice-dto.ts';
import { currencyCode } from './rates.service.ts';
import { invoiceLines, invoices, invoiceStatuses, invoiceTaxes, type InvoiceRow } from './schema.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

export const invoiceSortFields = ['created_at', 'issue_date', 'due_date', 'number', 'total', 'status'] as const;
export const manualInvoiceBody = z.strictObject({
  subscriber_id: z.uuid(),
  currency: currencyCode.optional().describe("Defaults to the subscriber's billing currency, else the ISP's"),
  issue: z.boolean().default(true).describe('Issue at once (numbered) or keep as a draft'),
  due_date: z.iso.date().optional(),
  notes: z.string().max(1000).nullable().optional(),
  lines: z.array(z.strictObject({
    description: z.string().min(1).max(300),
    quantity: z.string().regex(/^\d{1,12}(\.\d{1,6})?$/).default('1'),
    unit: z.string().max(20).nullable().optional(),
    unit_price_minor: z.number().int().min(-1e12).max(1e12),
    category: z.string().min(1).max(40).default('internet'),
    kind: z.enum(['one_time', 'adjustment', 'plan']).default('one_time'),
  })).min(1).max(100),
});
export const voidBody = z.strictObject({ reason: z.string().min(1).max(500) });
export const creditNoteBody = z.strictObject({ reason: z.string().min(1).max(500), line_ids: z.array(z.uuid()).min(1).max(100).optional().describe('Lines to credit in full; all lines when omitted') });
export type InvoiceQuery = { limit: number; offset: number; sort: string; status?: string | undefined; subscriber_id?: string | undefined; q?: string | undefined; kind?: string | undefined };

const today = () => new Date().toISOString().slice(0, 10);
const sortColumns = { created_at: invoices.createdAt, issue_date: invoices.issueDate, due_date: invoices.dueDate, number: invoices.number, total: invoices.total, status: invoices.status };

export async function listInvoices(ctx: AppContext, scope: Scope, ispId: string, q: InvoiceQuery): Promise<Page<InvoiceSummary>> {
  return withScope(ctx.db, scope, async (tx) => {
    const conds: (SQL | undefined)[] = [eq(invoices.ispId, ispId)];
    if (q.status) conds.push(eq(invoices.status, q.status as (typeof invoiceStatuses)[number]));
    if (q.kind) conds.push(eq(invoices.kind, q.kind as 'invoice' | 'credit_note'));
    if (q.subscriber_id) conds.push(eq(invoices.subscriberId, q.subscriber_id));
    if (q.q) conds.push(or(ilike(invoices.number, `%${q.q}%`), sql`${invoices.buyer}->>'name' ILIKE ${`%${q.q}%`}`));
    const where = and(...conds);
    const { field, desc: d } = parseSort(q.sort);
    const col = sortColumns[field as keyof typeof sortColumns] ?? invoices.createdAt;
    const list = await tx.select().from(invoices).where(where).orderBy(d ? sql`${col} DESC NULLS LAST` : asc(col), desc(invoices.id)).limit(q.limit).offset(q.offset);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(invoices).where(where);
    return { items: list.map((i) => toSummary(i)), total: count?.n ?? 0, limit: q.limit, offset: q.offset };
  });
}

async function loadInvoice(tx: Tx, id: string): Promise<InvoiceDto> {
  const [inv] = await tx.select().from(invoices).where(eq(invoices.id, id));
  if (!inv) throw notFound('Invoice');
  const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, id));
  const taxes = await tx.select().from(invoiceTaxes).where(eq(invoiceTaxes.invoiceId, id));
  const credits = await tx.select({ id: invoices.id, number: invoices.number, total: invoices.total }).from(invoices).where(eq(invoices.creditNoteOf, id));
  return toInvoiceDto(inv, lines, taxes, credits);
}

export async function getInvoice(ctx: AppContext, scope: Scope, id: string): Promise<InvoiceDto> {
  return withScope(ctx.db, scope, (tx) => loadInvoice(tx, id));
}

async function buyerOf(tx: Tx, subscriberId: string): Promise<BuyerRow> {
  const buyer = (await loadBuyers(tx, [subscriberId])).get(subscriberId);
  if (!buyer) throw invalidField('Unknown subscriber', [{ pointer: '/body/subscriber_id', detail: 'no such subscriber here' }]);
  return buyer;
}

/** An invoice draft for one subscriber with the given lines (already in the invoice's currency). */
export async function draftFor(tx: Tx, bc: BillingContext, buyer: BuyerRow, o: { currency: string; lines: DraftLine[]; source: InvoiceDraft['source']; subscriptionId?: string | null; dueDate?: string; notes?: string | null; periodStart?: string | null; periodEnd?: string | null }): Promise<InvoiceDraft> {
  const issueDate = today();
  const rate = await invoiceRate(tx, bc, o.currency, issueDate);
  return {
    ispId: bc.isp.id, branchId: buyer.branch_id, subscriberId: buyer.id, subscriptionId: o.subscriptionId ?? null, kind: 'invoice', source: o.source,
    series: bc.settings.invoice_series, currency: o.currency, baseCurrency: bc.isp.currency, exchangeRate: rate.rate, exchangeRateDate: rate.date,
    issueDate, dueDate: o.dueDate ?? addDays(issueDate, bc.settings.payment_terms_days), periodStart: o.periodStart ?? null, periodEnd: o.periodEnd ?? null,
    pricesIncludeTax: bc.settings.prices_include_tax, seller: bc.seller, buyer: buyerParty(buyer), locale: documentLocale(buyer.locale, bc.isp.defaultLocale),
    notes: o.notes ?? bc.settings.invoice_footer, creditNoteOf: null, lines: o.lines,
  };
}

export async function createManualInvoice(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof manualInvoiceBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const bc = await loadBillingContext(tx, ispId);
    const buyer = await buyerOf(tx, input.subscriber_id);
    const currency = input.currency ?? buyer.currency?.trim() ?? bc.isp.currency;
    const lines: DraftLine[] = input.lines.map((l) => {
      const q = parseDecimal(l.quantity);
      const amount = Number(divRound(BigInt(l.unit_price_minor) * q.digits, pow10(q.scale)));
      return { kind: l.kind, category: l.category, description: l.description, quantity: l.quantity, unit: l.unit ?? null, unitPrice: l.unit_price_minor, amount };
    });
    const draft = await draftFor(tx, bc, buyer, { currency, lines, source: 'manual', notes: input.notes ?? null, ...(input.due_date && { dueDate: input.due_date }) });
    const [row] = await writeInvoices(tx, [draft], bc.rules, input.issue);
    const dto = await loadInvoice(tx, row!.id);
    await recordChange(tx, actor, { ispId, action: input.issue ? 'invoice.issued' : 'invoice.drafted', entityType: 'invoice', entityId: dto.id, after: toSummary(row!) });
    return dto;
  });
}

async function lockInvoice(tx: Tx, id: string): Promise<InvoiceRow> {
  const [inv] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
  if (!inv) throw notFound('Invoice');
  return inv;
}

/** Numbers a draft: the counter row is locked with the update, so the number is gapless. */
export async function issueInvoice(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const inv = await lockInvoice(tx, id);
    if (inv.status !== 'draft') throw conflict('Only a draft can be issued');
    const seq = await reserveNumbers(tx, inv.ispId, inv.series, 1);
    const issueDate = today();
    const due = inv.dueDate && inv.dueDate >= issueDate ? inv.dueDate : issueDate;
    await tx.update(invoices).set({ status: 'issued', sequence: seq, number: formatNumber(inv.series, seq), issueDate, dueDate: due, issuedAt: new Date(), updatedAt: new Date() }).where(eq(invoices.id, id));
    const dto = await loadInvoice(tx, id);
    await recordChange(tx, actor, { ispId: inv.ispId, action: 'invoice.issued', entityType: 'invoice', entityId: id, before: toSummary(inv), after: toSummary({ ...inv, status: 'issued', number: dto.number }) });
    return dto;
  });
}

/** Void: only an invoice nothing was paid or credited on; otherwise issue a credit note. */
export async function voidInvoice(ctx: AppContext, { actor, scope }: ActorInScope, id: string, reason: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const inv = await lockInvoice(tx, id);
    if (inv.kind !== 'invoice') throw conflict('A credit note cannot be voided');
    if (inv.status === 'void') throw conflict('The invoice is already void');
    if (inv.amountPaid !== 0 || inv.amountCredited !== 0) throw conflict('Payments or credit notes exist: issue a credit note instead');
    await tx.update(invoices).set({ status: 'void', voidedAt: new Date(), voidReason: reason, updatedAt: new Date() }).where(eq(invoices.id, id));
    await recordChange(tx, actor, { ispId: inv.ispId, action: 'invoice.voided', entityType: 'invoice', entityId: id, before: toSummary(inv), after: { ...toSummary(inv), status: 'void', void_reason: reason } });
    return loadInvoice(tx, id);
  });
}

/**
 * A credit note for whole lines of an issued invoice (all of them by default): a new document
 * in the credit-note series, copying the lines' amounts and taxes; the invoice itself is never
 * edited beyond its running amount_credited and status.
 */
export async function createCreditNote(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof creditNoteBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const inv = await lockInvoice(tx, id);
    if (inv.kind !== 'invoice' || inv.status === 'draft' || inv.status === 'void') throw conflict('Credit notes are issued against issued invoices');
    const allLines = (await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, id))).sort((a, b) => a.position - b.position);
    const lines = input.line_ids ? allLines.filter((l) => input.line_ids!.includes(l.id)) : allLines;
    if (lines.length !== (input.line_ids?.length ?? allLines.length)) throw invalidField('Unknown line', [{ pointer: '/body/line_ids', detail: 'lines must belong to this invoice' }]);
    const priorCredits = await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.creditNoteOf, id), eq(invoices.kind, 'credit_note')));
    const credited = priorCredits.length ? await tx.select({ description: invoiceLines.description }).from(invoiceLines).where(inArray(invoiceLines.invoiceId, priorCredits.map((c) => c.id))) : [];
    const gross = lines.reduce((a, l) => a + l.grossAmount, 0);
    if (inv.amountCredited + gross > inv.total) throw conflict(`Crediting ${gross} would exceed the invoice total (already credited ${inv.amountCredited}${credited.length ? `: ${credited.length} lines` : ''})`);
    const taxes = await tx.select().from(invoiceTaxes).where(eq(invoiceTaxes.invoiceId, id));
    const bc = await loadBillingContext(tx, inv.ispId);
    const draft: InvoiceDraft = {
      ispId: inv.ispId, branchId: inv.branchId, subscriberId: inv.subscriberId, subscriptionId: inv.subscriptionId, kind: 'credit_note', source: 'credit_note',
      series: bc.settings.credit_note_series, currency: inv.currency.trim(), baseCurrency: inv.baseCurrency.trim(), exchangeRate: inv.exchangeRate, exchangeRateDate: inv.exchangeRateDate,
      issueDate: today(), dueDate: today(), periodStart: inv.periodStart, periodEnd: inv.periodEnd, pricesIncludeTax: inv.pricesIncludeTax,
      seller: { ...inv.seller, country: inv.seller.country ?? null, region: inv.seller.region ?? null }, buyer: { ...inv.buyer, country: inv.buyer.country ?? null, region: inv.buyer.region ?? null },
      locale: inv.locale, notes: `${inv.number}: ${input.reason}`, creditNoteOf: id,
      lines: lines.map((l) => ({ kind: 'credit', category: l.category, description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, amount: l.netAmount, periodStart: l.periodStart, periodEnd: l.periodEnd, usageBytes: l.usageBytes, includedBytes: l.includedBytes })),
      fixedLineTotals: lines.map((l) => ({ net: l.netAmount, tax: l.taxAmount, gross: l.grossAmount })),
      fixedTaxes: lines.flatMap((l, i) => taxes.filter((t) => t.lineId === l.id).map((t) => ({ lineIndex: i, name: t.name, kind: t.kind, rate: t.rate, taxable: t.taxableAmount, amount: t.amount, reverseCharge: t.reverseCharge, ruleId: t.taxRuleId }))),
    };
    const [cn] = await writeInvoices(tx, [draft], [], true);
    const amountCredited = inv.amountCredited + cn!.total;
    const status = settledStatus(inv.total, inv.amountPaid, amountCredited, inv.dueDate, today());
    await tx.update(invoices).set({ amountCredited, status, updatedAt: new Date() }).where(eq(invoices.id, id));
    await recordChange(tx, actor, { ispId: inv.ispId, action: 'invoice.credited', entityType: 'invoice', entityId: cn!.id, after: { ...toSummary(cn!), reason: input.reason, invoice_status: status } });
    return loadInvoice(tx, cn!.id);
  });
}
