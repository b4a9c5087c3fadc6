import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { rows } from '../../../platform/db/scope.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/errors.ts';
import { applyPaymentToInvoice } from '../invoice-payment.ts';
import { paymentAllocations, payments, walletEntries, type PaymentRow } from './schema.ts';

/**
 * The money movements of a payment, each inside the caller's transaction: allocation to
 * invoices, the wallet ledger, refunds taken back from the wallet and then from invoices.
 * Every function first locks the subscriber row, so movements of one subscriber serialise.
 */

export type OpenInvoice = { id: string; number: string | null; open: number; due_date: string | null };
export type Allocation = { invoice_id: string; invoice_number: string | null; amount: number };

export async function lockSubscriber(tx: Tx, subscriberId: string): Promise<{ id: string; branch_id: string | null }> {
  const [s] = await rows<{ id: string; branch_id: string | null }>(tx, sql`SELECT id, branch_id FROM subscribers WHERE id = ${subscriberId} FOR UPDATE`);
  if (!s) throw notFound('Subscriber');
  return s;
}

/** Open invoices of a subscriber in one currency, oldest due first (or only the chosen ones, in that order). */
export async function openInvoices(tx: Tx, subscriberId: string, currency: string, only?: readonly string[] | null): Promise<OpenInvoice[]> {
  const list = await rows<OpenInvoice & { open: string }>(tx, sql`
    SELECT id, number, (total - amount_paid - amount_credited)::text AS open, to_char(due_date, 'YYYY-MM-DD') AS due_date
    FROM invoices WHERE subscriber_id = ${subscriberId} AND currency = ${currency} AND kind = 'invoice'
      AND status IN ('issued', 'partially_paid', 'overdue') AND total - amount_paid - amount_credited > 0
    ORDER BY due_date NULLS LAST, issue_date, created_at`);
  const mapped = list.map((i) => ({ ...i, open: Number(i.open) }));
  if (!only) return mapped;
  return only.map((id) => mapped.find((i) => i.id === id)).filter((i): i is OpenInvoice => i !== undefined);
}

export async function walletBalance(tx: Tx, subscriberId: string, currency: string): Promise<number> {
  const [r] = await rows<{ n: string }>(tx, sql`SELECT coalesce(sum(amount), 0)::text AS n FROM wallet_entries WHERE subscriber_id = ${subscriberId} AND currency = ${currency}`);
  return Number(r?.n ?? 0);
}

/** What part of a payment sits in the wallet (credited as overpayment, not yet spent or refunded). */
async function paymentInWallet(tx: Tx, paymentId: string): Promise<number> {
  const [r] = await rows<{ n: string }>(tx, sql`SELECT coalesce(sum(amount), 0)::text AS n FROM wallet_entries WHERE payment_id = ${paymentId}`);
  return Number(r?.n ?? 0);
}

async function allocate(tx: Tx, p: PaymentRow, invoiceId: string, amount: number, by: string | null): Promise<void> {
  await applyPaymentToInvoice(tx, invoiceId, amount);
  await tx.insert(paymentAllocations).values({ ispId: p.ispId, branchId: p.branchId, paymentId: p.id, invoiceId, amount, createdBy: by });
}

async function nextReceiptNumber(tx: Tx, ispId: string): Promise<string> {
  const [r] = await rows<{ value: string }>(tx, sql`
    INSERT INTO isp_counters (isp_id, name, value) VALUES (${ispId}, 'receipt_number', 1)
    ON CONFLICT (isp_id, name) DO UPDATE SET value = isp_counters.value + 1 RETURNING value::text`);
  return `RCPT-${r!.value.padStart(6, '0')}`;
}

/**
 * A payment has cleared: spread it over open invoices (the chosen ones, else oldest first),
 * put what is left in the wallet, give it a receipt number and mark it succeeded.
 */
export async function settlePayment(tx: Tx, p: PaymentRow, by: string | null): Promise<{ payment: PaymentRow; allocations: Allocation[]; walletCredit: number }> {
  await lockSubscriber(tx, p.subscriberId);
  let remaining = p.amount;
  const allocations: Allocation[] = [];
  for (const inv of await openInvoices(tx, p.subscriberId, p.currency, p.targetInvoiceIds)) {
    if (remaining <= 0) break;
    const amount = Math.min(remaining, inv.open);
    await allocate(tx, p, inv.id, amount, by);
    allocations.push({ invoice_id: inv.id, invoice_number: inv.number, amount });
    remaining -= amount;
  }
  if (remaining > 0)
    await tx.insert(walletEntries).values({ ispId: p.ispId, branchId: p.branchId, subscriberId: p.subscriberId, currency: p.currency, amount: remaining, kind: 'overpayment', paymentId: p.id, createdBy: by, note: 'Unallocated part of the payment' });
  const [updated] = await tx.update(payments).set({ status: 'succeeded', number: p.number ?? (await nextReceiptNumber(tx, p.ispId)), updatedAt: new Date() })
    .where(eq(payments.id, p.id)).returning();
  return { payment: updated!, allocations, walletCredit: Math.max(0, remaining) };
}

/** Moves the unallocated part of a payment (held in the wallet) onto the invoices chosen. */
export async function allocateFromWallet(tx: Tx, p: PaymentRow, items: { invoice_id: string; amount: number }[], by: string | null): Promise<Allocation[]> {
  if (p.status !== 'succeeded' && p.status !== 'partially_refunded') throw conflict(`A ${p.status} payment cannot be allocated`);
  await lockSubscriber(tx, p.subscriberId);
  const total = items.reduce((a, i) => a + i.amount, 0);
  const available = Math.min(await paymentInWallet(tx, p.id), await walletBalance(tx, p.subscriberId, p.currency));
  if (total > available) throw conflict(`Only ${available} of this payment is unallocated`);
  const open = await openInvoices(tx, p.subscriberId, p.currency);
  const out: Allocation[] = [];
  for (const [i, item] of items.entries()) {
    const inv = open.find((o) => o.id === item.invoice_id);
    if (!inv) throw badRequest('Not an open invoice of this subscriber in the payment currency', [{ pointer: `/body/allocations/${i}/invoice_id`, detail: 'not open' }]);
    await allocate(tx, p, inv.id, item.amount, by);
    await tx.insert(walletEntries).values({ ispId: p.ispId, branchId: p.branchId, subscriberId: p.subscriberId, currency: p.currency, amount: -item.amount, kind: 'allocation', paymentId: p.id, invoiceId: inv.id, createdBy: by });
    out.push({ invoice_id: inv.id, invoice_number: inv.number, amount: item.amount });
  }
  return out;
}

/**
 * Takes a refund back: first from what of the payment is still in the wallet, then from the
 * invoices it paid (newest allocation first), which reopens them. Returns the new payment row.
 */
export async function takeBackRefund(tx: Tx, p: PaymentRow, amount: number, by: string | null): Promise<PaymentRow> {
  await lockSubscriber(tx, p.subscriberId);
  let rest = amount;
  const fromWallet = Math.min(rest, await paymentInWallet(tx, p.id), await walletBalance(tx, p.subscriberId, p.currency));
  if (fromWallet > 0) {
    await tx.insert(walletEntries).values({ ispId: p.ispId, branchId: p.branchId, subscriberId: p.subscriberId, currency: p.currency, amount: -fromWallet, kind: 'refund', paymentId: p.id, createdBy: by });
    rest -= fromWallet;
  }
  if (rest > 0) {
    const nets = await rows<{ invoice_id: string; net: string }>(tx, sql`
      SELECT invoice_id, sum(amount)::text AS net FROM payment_allocations WHERE payment_id = ${p.id}
      GROUP BY invoice_id HAVING sum(amount) > 0 ORDER BY max(created_at) DESC`);
    for (const n of nets) {
      if (rest <= 0) break;
      const x = Math.min(rest, Number(n.net));
      await allocate(tx, p, n.invoice_id, -x, by);
      rest -= x;
    }
  }
  if (rest > 0) throw conflict('The wallet no longer holds this part of the payment: it was spent');
  const refunded = p.amountRefunded + amount;
  const [updated] = await tx.update(payments).set({ amountRefunded: refunded, status: refunded >= p.amount ? 'refunded' : 'partially_refunded', updatedAt: new Date() })
    .where(and(eq(payments.id, p.id))).returning();
  return updated!;
}

export async function allocationsOf(tx: Tx, paymentId: string): Promise<Allocation[]> {
  return (await rows<{ invoice_id: string; invoice_number: string | null; amount: string }>(tx, sql`
    SELECT a.invoice_id, i.number AS invoice_number, sum(a.amount)::text AS amount FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
    WHERE a.payment_id = ${paymentId} GROUP BY a.invoice_id, i.number HAVING sum(a.amount) <> 0 ORDER BY min(a.created_at)`))
    .map((a) => ({ ...a, amount: Number(a.amount) }));
}
