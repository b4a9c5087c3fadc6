import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { InvoiceStatus } from './schema.ts';

export type InvoiceBalance = {
  id: string; status: InvoiceStatus; currency: string; total: number; amountPaid: number; amountCredited: number;
  /** What is still owed: total - amount_paid - amount_credited. */
  open: number;
};

/** The status an issued invoice has for what has been paid and credited against it. */
export function settledStatus(total: number, paid: number, credited: number, dueDate: string | null, today: string): InvoiceStatus {
  if (paid + credited >= total) return 'paid';
  if (paid > 0) return 'partially_paid';
  return dueDate !== null && dueDate < today ? 'overdue' : 'issued';
}

/**
 * For the payments module: adds `amountMinor` (in the invoice's currency; negative for a
 * refund) to the invoice's amount_paid and moves its status to paid / partially_paid (or back
 * to issued / overdue after a full refund). Runs in the caller's transaction and locks the
 * invoice row, so concurrent payments against one invoice serialise. Refuses drafts, void
 * invoices, credit notes, overpayment (allocate at most `open`; put the rest in the wallet)
 * and refunding more than was paid.
 */
export async function applyPaymentToInvoice(tx: Tx, invoiceId: string, amountMinor: number): Promise<InvoiceBalance> {
  if (!Number.isSafeInteger(amountMinor) || amountMinor === 0) throw conflict('A payment amount must be a non-zero integer of minor units');
  const [inv] = await rows<{ id: string; kind: string; status: InvoiceStatus; currency: string; total: string; amount_paid: string; amount_credited: string; due_date: string | null }>(tx,
    sql`SELECT id, kind, status, currency, total, amount_paid, amount_credited, to_char(due_date, 'YYYY-MM-DD') AS due_date
        FROM invoices WHERE id = ${invoiceId} FOR UPDATE`);
  if (!inv) throw notFound('Invoice');
  if (inv.kind !== 'invoice') throw conflict('Payments apply to invoices, not credit notes');
  if (inv.status === 'draft' || inv.status === 'void') throw conflict(`A ${inv.status} invoice cannot take payments`);
  const total = Number(inv.total);
  const credited = Number(inv.amount_credited);
  const paid = Number(inv.amount_paid) + amountMinor;
  if (paid < 0) throw conflict('Cannot refund more than was paid on this invoice');
  if (amountMinor > 0 && paid + credited > total) throw conflict(`Payment exceeds the open amount of ${total - credited - Number(inv.amount_paid)}`);
  const today = new Date().toISOString().slice(0, 10);
  const status = settledStatus(total, paid, credited, inv.due_date, today);
  await tx.execute(sql`UPDATE invoices SET amount_paid = ${paid}, status = ${status}, updated_at = now() WHERE id = ${invoiceId}`);
  return { id: inv.id, status, currency: inv.currency.trim(), total, amountPaid: paid, amountCredited: credited, open: total - paid - credited };
}
