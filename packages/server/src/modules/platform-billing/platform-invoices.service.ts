import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { iso } from '../../platform/http/api.ts';
import { platformScope, withScope, type Scope } from '../../platform/db/scope.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { formatNumber, reserveSeries, trimDecimal } from '../billing/index.ts';
import { isps } from '../tenancy/index.ts';
import {
  platformInvoiceLines, platformInvoiceTaxes, platformInvoices, platformPayments, type PlatformInvoiceRow,
} from './schema.ts';
import type { invoiceListQuery, paymentBody, PlatformInvoiceDto, PlatformInvoiceSummary } from './platform-billing.schemas.ts';

const balanceOf = (i: PlatformInvoiceRow) => (i.status === 'issued' ? i.total - i.amountPaid : 0);

export const toPlatformSummary = (i: PlatformInvoiceRow, ispName: string | null): PlatformInvoiceSummary => ({
  id: i.id, isp_id: i.ispId, isp_name: ispName, number: i.number, status: i.status, currency: i.currency.trim(), issue_date: i.issueDate, due_date: i.dueDate,
  period_start: i.periodStart, period_end: i.periodEnd, active_subscribers: i.activeSubscribers, subtotal: i.subtotal, tax_total: i.taxTotal,
  total: i.total, amount_paid: i.amountPaid, balance: balanceOf(i), created_at: iso(i.createdAt)!,
});

/** Founders see every ISP's invoices; an ISP's scope sees its own issued ones (RLS hides the rest). */
export async function listPlatformInvoices(ctx: AppContext, scope: Scope, q: z.infer<typeof invoiceListQuery>) {
  return withScope(ctx.db, scope, async (tx) => {
    const where: SQL[] = [];
    if (q.isp_id) where.push(eq(platformInvoices.ispId, q.isp_id));
    if (q.status) where.push(eq(platformInvoices.status, q.status));
    const cond = where.length ? and(...where) : undefined;
    const list = await tx.select({ inv: platformInvoices, name: isps.displayName }).from(platformInvoices).leftJoin(isps, eq(isps.id, platformInvoices.ispId))
      .where(cond).orderBy(desc(platformInvoices.periodStart), asc(isps.displayName), desc(platformInvoices.createdAt)).limit(q.limit).offset(q.offset);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(platformInvoices).where(cond);
    return { items: list.map((r) => toPlatformSummary(r.inv, r.name)), total: count?.n ?? 0, limit: q.limit, offset: q.offset };
  });
}

async function loadInvoice(tx: Tx, id: string): Promise<PlatformInvoiceDto> {
  const [row] = await tx.select({ inv: platformInvoices, name: isps.displayName }).from(platformInvoices).leftJoin(isps, eq(isps.id, platformInvoices.ispId)).where(eq(platformInvoices.id, id));
  if (!row) throw notFound('Platform invoice');
  const i = row.inv;
  const lines = await tx.select().from(platformInvoiceLines).where(eq(platformInvoiceLines.invoiceId, id)).orderBy(platformInvoiceLines.position);
  const taxes = await tx.select().from(platformInvoiceTaxes).where(eq(platformInvoiceTaxes.invoiceId, id));
  const pays = await tx.select().from(platformPayments).where(eq(platformPayments.invoiceId, id)).orderBy(platformPayments.receivedAt);
  return {
    ...toPlatformSummary(i, row.name), plan_id: i.planId, seller: i.seller, buyer: i.buyer, locale: i.locale, notes: i.notes, void_reason: i.voidReason,
    lines: lines.map((l) => ({
      id: l.id, position: l.position, kind: l.kind, description: l.description, quantity: trimDecimal(l.quantity), unit: l.unit,
      unit_price: l.unitPrice, net_amount: l.netAmount, tax_amount: l.taxAmount, gross_amount: l.grossAmount,
    })),
    taxes: taxes.map((t) => ({ line_id: t.lineId, name: t.name, kind: t.kind, rate: trimDecimal(t.rate), taxable_amount: t.taxableAmount, amount: t.amount, reverse_charge: t.reverseCharge })),
    payments: pays.map((p) => ({ id: p.id, amount: p.amount, method: p.method, reference: p.reference, received_at: iso(p.receivedAt)! })),
  };
}

export function getPlatformInvoice(ctx: AppContext, scope: Scope, id: string): Promise<PlatformInvoiceDto> {
  return withScope(ctx.db, scope, (tx) => loadInvoice(tx, id));
}

async function lockInvoice(tx: Tx, id: string): Promise<PlatformInvoiceRow> {
  const [inv] = await tx.select().from(platformInvoices).where(eq(platformInvoices.id, id)).for('update');
  if (!inv) throw notFound('Platform invoice');
  return inv;
}

/** A draft takes the next number of the platform series when issued. */
export async function issuePlatformInvoice(ctx: AppContext, actor: Actor, id: string): Promise<PlatformInvoiceDto> {
  return withScope(ctx.db, platformScope, async (tx) => {
    const inv = await lockInvoice(tx, id);
    if (inv.status !== 'draft') throw conflict(`A ${inv.status} invoice cannot be issued`);
    const seq = await reserveSeries(tx, { kind: 'platform' }, inv.series, 1);
    await tx.update(platformInvoices).set({ status: 'issued', sequence: seq, number: formatNumber(inv.series, seq), issuedAt: new Date(), updatedAt: new Date() }).where(eq(platformInvoices.id, id));
    const dto = await loadInvoice(tx, id);
    await recordChange(tx, actor, { ispId: inv.ispId, action: 'platform_invoice.issued', entityType: 'platform_invoice', entityId: id, after: { number: dto.number, total: dto.total } });
    return dto;
  });
}

/** Voiding keeps the number (the series stays gapless) and frees the period for a new invoice. */
export async function voidPlatformInvoice(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<PlatformInvoiceDto> {
  return withScope(ctx.db, platformScope, async (tx) => {
    const inv = await lockInvoice(tx, id);
    if (inv.status === 'void') throw conflict('The invoice is already void');
    if (inv.amountPaid > 0) throw conflict('An invoice with payments cannot be voided');
    await tx.update(platformInvoices).set({ status: 'void', voidedAt: new Date(), voidReason: reason, updatedAt: new Date() }).where(eq(platformInvoices.id, id));
    await recordChange(tx, actor, { ispId: inv.ispId, action: 'platform_invoice.voided', entityType: 'platform_invoice', entityId: id, before: { status: inv.status }, after: { status: 'void', reason } });
    return loadInvoice(tx, id);
  });
}

/** An ISP's payment for an issued invoice; the invoice is paid once payments reach its total. */
export async function recordPlatformPayment(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof paymentBody>): Promise<PlatformInvoiceDto> {
  return withScope(ctx.db, platformScope, async (tx) => {
    const inv = await lockInvoice(tx, id);
    if (inv.status !== 'issued') throw conflict(`A ${inv.status} invoice cannot take payments`);
    const open = inv.total - inv.amountPaid;
    if (input.amount_minor > open) throw conflict(`Payment exceeds the open amount of ${open}`);
    const receivedAt = input.received_at ? new Date(input.received_at) : new Date();
    const [pay] = await tx.insert(platformPayments).values({
      ispId: inv.ispId, invoiceId: id, amount: input.amount_minor, currency: inv.currency, method: input.method, reference: input.reference ?? null,
      receivedAt, recordedBy: actor.kind === 'founder' ? actor.id : null,
    }).returning();
    const paid = inv.amountPaid + input.amount_minor;
    const settled = paid === inv.total;
    await tx.update(platformInvoices).set({ amountPaid: paid, status: settled ? 'paid' : 'issued', paidAt: settled ? receivedAt : null, updatedAt: new Date() })
      .where(eq(platformInvoices.id, id));
    await recordChange(tx, actor, {
      ispId: inv.ispId, action: 'platform_payment.recorded', entityType: 'platform_payment', entityId: pay!.id,
      after: { invoice_id: id, amount: input.amount_minor, currency: inv.currency.trim(), method: input.method, invoice_status: settled ? 'paid' : 'issued' },
    });
    return loadInvoice(tx, id);
  });
}
