import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { nowOf } from '../../../platform/clock/clock.ts';
import type { AppContext } from '../../../platform/context.ts';
import { invalidField, conflict, notFound } from '../../../platform/errors.ts';
import { applyPaymentToInvoice } from '../invoice-payment.ts';
import { reverseAcross, settleAcross } from '../../../platform/money/exchange.ts';
import { isMissingRate, rateFor, type RateUsed } from '../rates.service.ts';
import { paymentAllocations, payments, walletEntries, type PaymentRow } from './schema.ts';

/**
 * The money movements of a payment, each inside the caller's transaction: allocation to
 * invoices, the wallet ledger, refunds taken back from the wallet and then from invoices.
 * Every function first locks the subscriber row, so movements of one subscriber serialise.
 *
 * Money and invoice may be in different currencies: an allocation converts at the stored rate
 * of the payment's day (in the ISP's time zone) and records both amounts, the rate, its date
 * and its source (see money/exchange.ts for the rounding).
 */

export type OpenInvoice = { id: string; number: string | null; open: number; due_date: string | null; currency: string };
export type Allocation = {
  invoice_id: string; invoice_number: string | null; payment_id: string | null;
  /** In `currency`: the payment's (or the wallet's) money. */
  amount: number; currency: string;
  /** What the invoice received, in its own currency. */
  invoice_amount: number; invoice_currency: string;
  /** 1 `currency` = exchange_rate `invoice_currency`; "1" with no date in one currency. */
  exchange_rate: string; rate_date: string | null; rate_source: string | null;
};

export async function lockSubscriber(tx: Tx, subscriberId: string): Promise<{ id: string; branch_id: string | null }> {
  const [s] = await rows<{ id: string; branch_id: string | null }>(tx, sql`SELECT id, branch_id FROM subscribers WHERE id = ${subscriberId} FOR UPDATE`);
  if (!s) throw notFound('Subscriber');
  return s;
}

/** Open invoices of a subscriber in any currency, oldest due first (or only the chosen ones, in that order). */
export async function openInvoices(tx: Tx, subscriberId: string, only?: readonly string[] | null): Promise<OpenInvoice[]> {
  const list = await rows<OpenInvoice & { open: string }>(tx, sql`
    SELECT id, number, trim(currency) AS currency, (total - amount_paid - amount_credited)::text AS open, to_char(due_date, 'YYYY-MM-DD') AS due_date
    FROM invoices WHERE subscriber_id = ${subscriberId} AND kind = 'invoice'
      AND status IN ('issued', 'partially_paid', 'overdue') AND total - amount_paid - amount_credited > 0
    ORDER BY due_date NULLS LAST, issue_date, created_at`);
  const mapped = list.map((i) => ({ ...i, open: Number(i.open) }));
  if (!only) return mapped;
  return only.map((id) => mapped.find((i) => i.id === id)).filter((i): i is OpenInvoice => i !== undefined);
}

/** The calendar day of an instant in the ISP's time zone: the day whose exchange rate applies. */
export async function ispDay(tx: Tx, ispId: string, at: Date): Promise<string> {
  const [r] = await rows<{ d: string }>(tx, sql`SELECT to_char(${at.toISOString()}::timestamptz AT TIME ZONE timezone, 'YYYY-MM-DD') AS d FROM isps WHERE id = ${ispId}`);
  if (!r) throw notFound('ISP');
  return r.d;
}

/** Today in the ISP's time zone, by the context's clock: the default "as of" of its billing. */
export async function ispToday(ctx: AppContext, scope: Scope, ispId: string): Promise<string> {
  return withScope(ctx.db, scope, (tx) => ispDay(tx, ispId, nowOf(ctx)));
}

const sameCurrency: RateUsed = { rate: '1', date: null, source: null };

/** Rates looked up within one movement, so every allocation of it uses the same row. */
export function rateCache(tx: Tx, ispId: string) {
  const seen = new Map<string, RateUsed>();
  return async (from: string, to: string, day: string): Promise<RateUsed> => {
    if (from === to) return sameCurrency;
    const key = `${from}|${to}|${day}`;
    const hit = seen.get(key);
    if (hit) return hit;
    const r = await rateFor(tx, ispId, from, to, day);
    seen.set(key, r);
    return r;
  };
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

export type MoneySource = { ispId: string; branchId: string | null; paymentId: string | null; currency: string };

/** Books one allocation: `paid` of the money's currency for `applied` of the invoice's (negative both for a reversal). */
export async function allocate(tx: Tx, src: MoneySource, inv: Pick<OpenInvoice, 'id' | 'number' | 'currency'>, paid: number, applied: number, rate: RateUsed, by: string | null): Promise<Allocation> {
  // A reversal converted to less than half a unit moves nothing on the invoice, but is still recorded on the money's side.
  if (applied !== 0) await applyPaymentToInvoice(tx, inv.id, applied);
  await tx.insert(paymentAllocations).values({
    ispId: src.ispId, branchId: src.branchId, paymentId: src.paymentId, invoiceId: inv.id, amount: paid, currency: src.currency,
    invoiceAmount: applied, invoiceCurrency: inv.currency, exchangeRate: rate.rate, rateDate: rate.date, rateSource: rate.source, createdBy: by,
  });
  return {
    invoice_id: inv.id, invoice_number: inv.number, payment_id: src.paymentId, amount: paid, currency: src.currency, invoice_amount: applied,
    invoice_currency: inv.currency, exchange_rate: rate.rate, rate_date: rate.date, rate_source: rate.source,
  };
}

const sourceOf = (p: PaymentRow): MoneySource => ({ ispId: p.ispId, branchId: p.branchId, paymentId: p.id, currency: p.currency.trim() });

async function nextReceiptNumber(tx: Tx, ispId: string): Promise<string> {
  const [r] = await rows<{ value: string }>(tx, sql`
    INSERT INTO isp_counters (isp_id, name, value) VALUES (${ispId}, 'receipt_number', 1)
    ON CONFLICT (isp_id, name) DO UPDATE SET value = isp_counters.value + 1 RETURNING value::text`);
  return `RCPT-${r!.value.padStart(6, '0')}`;
}

/**
 * A payment has cleared: spread it over open invoices (the chosen ones in their order, else
 * those in the payment's currency oldest first, then the others oldest first, converted), put
 * what is left in the wallet, give it a receipt number and mark it succeeded.
 * `missingRate`: 'fail' answers 422 when a needed rate is missing (a cashier can add it);
 * 'wallet' leaves that money in the wallet instead, for webhooks, which must never be refused
 * for want of a rate (the gateway would retry forever, and the money has arrived).
 */
export async function settlePayment(tx: Tx, p: PaymentRow, by: string | null, opts: { missingRate?: 'fail' | 'wallet' } = {}): Promise<{ payment: PaymentRow; allocations: Allocation[]; walletCredit: number }> {
  await lockSubscriber(tx, p.subscriberId);
  const src = sourceOf(p);
  const day = await ispDay(tx, p.ispId, p.receivedAt);
  const rateOf = rateCache(tx, p.ispId);
  let remaining = p.amount;
  const allocations: Allocation[] = [];
  const open = await openInvoices(tx, p.subscriberId, p.targetInvoiceIds);
  const ordered = p.targetInvoiceIds ? open : [...open.filter((i) => i.currency === src.currency), ...open.filter((i) => i.currency !== src.currency)];
  for (const inv of ordered) {
    if (remaining <= 0) break;
    let rate: RateUsed;
    try {
      rate = await rateOf(src.currency, inv.currency, day);
    } catch (err) {
      if (opts.missingRate === 'wallet' && isMissingRate(err)) continue;
      throw err;
    }
    const s = settleAcross(remaining, inv.open, src.currency, inv.currency, rate.rate);
    if (s.paid === 0) continue;
    allocations.push(await allocate(tx, src, inv, s.paid, s.applied, rate, by));
    remaining -= s.paid;
  }
  if (remaining > 0)
    await tx.insert(walletEntries).values({ ispId: p.ispId, branchId: p.branchId, subscriberId: p.subscriberId, currency: src.currency, amount: remaining, kind: 'overpayment', paymentId: p.id, createdBy: by, note: 'Unallocated part of the payment' });
  const [updated] = await tx.update(payments).set({ status: 'succeeded', number: p.number ?? (await nextReceiptNumber(tx, p.ispId)), updatedAt: new Date() })
    .where(eq(payments.id, p.id)).returning();
  return { payment: updated!, allocations, walletCredit: Math.max(0, remaining) };
}

/**
 * Moves the unallocated part of a payment (held in the wallet) onto the invoices chosen, in
 * any currency: `amount` is how much of the payment (its currency) to spend at most on that
 * invoice; an invoice in another currency takes what settles it, converted at the rate of the
 * payment's day.
 */
export async function allocateFromWallet(tx: Tx, p: PaymentRow, items: { invoice_id: string; amount: number }[], by: string | null): Promise<Allocation[]> {
  if (p.status !== 'succeeded' && p.status !== 'partially_refunded') throw conflict(`A ${p.status} payment cannot be allocated`);
  await lockSubscriber(tx, p.subscriberId);
  const src = sourceOf(p);
  const total = items.reduce((a, i) => a + i.amount, 0);
  const available = Math.min(await paymentInWallet(tx, p.id), await walletBalance(tx, p.subscriberId, src.currency));
  if (total > available) throw conflict(`Only ${available} of this payment is unallocated`);
  const open = await openInvoices(tx, p.subscriberId);
  const day = await ispDay(tx, p.ispId, p.receivedAt);
  const rateOf = rateCache(tx, p.ispId);
  const out: Allocation[] = [];
  for (const [i, item] of items.entries()) {
    const inv = open.find((o) => o.id === item.invoice_id);
    if (!inv) throw invalidField('Not an open invoice of this subscriber', [{ pointer: `/body/allocations/${i}/invoice_id`, detail: 'not open' }]);
    const rate = await rateOf(src.currency, inv.currency, day);
    const s = settleAcross(item.amount, inv.open, src.currency, inv.currency, rate.rate);
    if (s.paid === 0) throw invalidField('Too little to pay anything on this invoice at the rate of the day', [{ pointer: `/body/allocations/${i}/amount`, detail: 'worth less than half a minor unit of the invoice currency' }]);
    out.push(await allocate(tx, src, inv, s.paid, s.applied, rate, by));
    inv.open -= s.applied;
    await tx.insert(walletEntries).values({ ispId: p.ispId, branchId: p.branchId, subscriberId: p.subscriberId, currency: src.currency, amount: -s.paid, kind: 'allocation', paymentId: p.id, invoiceId: inv.id, createdBy: by });
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
    // Newest allocation first, each reversed at the rate it was made at.
    const nets = await rows<{ invoice_id: string; number: string | null; invoice_currency: string; exchange_rate: string; rate_date: string | null; rate_source: string | null; net: string; net_applied: string }>(tx, sql`
      SELECT a.invoice_id, i.number, trim(a.invoice_currency) AS invoice_currency, a.exchange_rate::text AS exchange_rate, to_char(a.rate_date, 'YYYY-MM-DD') AS rate_date, a.rate_source,
        sum(a.amount)::text AS net, sum(a.invoice_amount)::text AS net_applied
      FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ${p.id}
      GROUP BY a.invoice_id, i.number, a.invoice_currency, a.exchange_rate, a.rate_date, a.rate_source HAVING sum(a.amount) > 0 ORDER BY max(a.created_at) DESC`);
    for (const n of nets) {
      if (rest <= 0) break;
      const rate = { rate: trimZeros(n.exchange_rate), date: n.rate_date, source: n.rate_source };
      const r = reverseAcross(Math.min(rest, Number(n.net)), Number(n.net), Number(n.net_applied), sourceOf(p).currency, n.invoice_currency, rate.rate);
      await allocate(tx, sourceOf(p), { id: n.invoice_id, number: n.number, currency: n.invoice_currency }, -r.paid, -r.applied, rate, by);
      rest -= r.paid;
    }
  }
  if (rest > 0) throw conflict('The wallet no longer holds this part of the payment: it was spent');
  const refunded = p.amountRefunded + amount;
  const [updated] = await tx.update(payments).set({ amountRefunded: refunded, status: refunded >= p.amount ? 'refunded' : 'partially_refunded', updatedAt: new Date() })
    .where(and(eq(payments.id, p.id))).returning();
  return updated!;
}

const trimZeros = (r: string) => (r.includes('.') ? r.replace(/0+$/, '').replace(/\.$/, '') : r);

type AllocationRow = Omit<Allocation, 'amount' | 'invoice_amount'> & { amount: string; invoice_amount: string };
const allocationColumns = sql`a.invoice_id, i.number AS invoice_number, a.payment_id, trim(a.currency) AS currency, trim(a.invoice_currency) AS invoice_currency,
  a.exchange_rate::text AS exchange_rate, to_char(a.rate_date, 'YYYY-MM-DD') AS rate_date, a.rate_source,
  sum(a.amount)::text AS amount, sum(a.invoice_amount)::text AS invoice_amount`;
const allocationGroup = sql`a.invoice_id, i.number, a.payment_id, a.currency, a.invoice_currency, a.exchange_rate, a.rate_date, a.rate_source`;
const toAllocation = (a: AllocationRow): Allocation => ({ ...a, exchange_rate: trimZeros(a.exchange_rate), amount: Number(a.amount), invoice_amount: Number(a.invoice_amount) });

/** What a payment paid, net of refunds, per invoice and rate. */
export async function allocationsOf(tx: Tx, paymentId: string): Promise<Allocation[]> {
  return (await rows<AllocationRow>(tx, sql`
    SELECT ${allocationColumns} FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
    WHERE a.payment_id = ${paymentId} GROUP BY ${allocationGroup} HAVING sum(a.amount) <> 0 ORDER BY min(a.created_at)`)).map(toAllocation);
}

export type InvoicePayment = Allocation & { payment_number: string | null; method: string | null; received_at: string };

/** What paid an invoice, net of refunds: payments (with their receipt) and wallet credit, with each conversion. */
export async function paymentsOfInvoice(tx: Tx, invoiceId: string): Promise<InvoicePayment[]> {
  return (await rows<AllocationRow & { payment_number: string | null; method: string | null; received_at: string }>(tx, sql`
    SELECT ${allocationColumns}, p.number AS payment_number, p.method,
      to_char(coalesce(p.received_at, min(a.created_at)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS received_at
    FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN payments p ON p.id = a.payment_id
    WHERE a.invoice_id = ${invoiceId} GROUP BY ${allocationGroup}, p.number, p.method, p.received_at HAVING sum(a.amount) <> 0 ORDER BY min(a.created_at)`))
    .map((r) => ({ ...toAllocation(r), payment_number: r.payment_number, method: r.method, received_at: r.received_at }));
}
