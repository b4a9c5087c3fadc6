import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { pgArray } from '../../../platform/db/pg-array.ts';
import { iso } from '../../../platform/http/api.ts';
import { invalidField, conflict, notFound } from '../../../platform/errors.ts';
import { parseSort, type Page } from '../../../platform/http/paging.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { subscribers } from '../../subscribers/index.ts';
import { allocateFromWallet, allocationsOf, settlePayment, takeBackRefund, type Allocation } from './ledger.ts';
import { gatherRiskSignals, scoreRisk } from './risk.ts';
import { payments, refunds, walletEntries, type PaymentMethod, type PaymentRow, type RefundRow } from './schema.ts';
import type { PaymentDto, PaymentQuery, RecordPaymentInput } from './payments.schemas.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

export const toRefundDto = (r: RefundRow) => ({
  id: r.id, payment_id: r.paymentId, amount: r.amount, currency: r.currency, status: r.status, reason: r.reason,
  gateway_reference: r.gatewayReference, created_at: iso(r.createdAt)!,
});

export const toPaymentDto = (p: PaymentRow, extra: Partial<PaymentDto> = {}): PaymentDto => ({
  id: p.id, isp_id: p.ispId, subscriber_id: p.subscriberId, number: p.number, method: p.method, provider: p.provider, status: p.status,
  amount: p.amount, currency: p.currency, amount_refunded: p.amountRefunded, reference: p.reference, gateway_reference: p.gatewayReference,
  risk_score: p.riskScore, risk_level: p.riskLevel, risk_reasons: p.riskReasons, review_note: p.reviewNote, reviewed_at: iso(p.reviewedAt),
  failure_reason: p.failureReason, notes: p.notes, received_at: iso(p.receivedAt)!, created_at: iso(p.createdAt)!, ...extra,
});

export type NewPayment = {
  ispId: string; subscriberId: string; method: PaymentMethod; provider?: string | null; amount: number; currency: string;
  /** What the payer's side says happened: a counter payment is 'succeeded' when the cashier records it. */
  outcome: 'succeeded' | 'failed' | 'pending';
  reference?: string | null; gatewayReference?: string | null; targetInvoiceIds?: string[] | null;
  payerFingerprint?: string | null; payerCountry?: string | null; notes?: string | null; failureReason?: string | null; receivedAt?: Date;
};

/** The currency a subscriber is billed in: billing profile, else the ISP's. */
export async function subscriberCurrency(tx: Tx, subscriberId: string): Promise<string> {
  const [r] = await rows<{ c: string }>(tx, sql`
    SELECT coalesce((SELECT currency FROM billing_profiles WHERE subscriber_id = s.id), i.currency) AS c
    FROM subscribers s JOIN isps i ON i.id = s.isp_id WHERE s.id = ${subscriberId}`);
  if (!r) throw notFound('Subscriber');
  return r.c.trim();
}

/**
 * Records a payment in the caller's transaction: scores its risk, holds it for review when
 * the risk is high, and otherwise settles it onto invoices and the wallet at once.
 */
export async function insertPayment(tx: Tx, actor: Actor, input: NewPayment): Promise<{ payment: PaymentRow; allocations: Allocation[]; walletCredit: number }> {
  const [sub] = await tx.select({ id: subscribers.id, branchId: subscribers.branchId }).from(subscribers).where(eq(subscribers.id, input.subscriberId));
  if (!sub) throw notFound('Subscriber');
  const risk = input.outcome === 'failed' ? { score: 0, level: 'low' as const, reasons: [] }
    : scoreRisk(await gatherRiskSignals(tx, { ispId: input.ispId, subscriberId: sub.id, amount: input.amount, currency: input.currency, payerFingerprint: input.payerFingerprint ?? null, payerCountry: input.payerCountry ?? null }));
  const held = input.outcome === 'succeeded' && risk.level === 'high';
  const [row] = await tx.insert(payments).values({
    ispId: input.ispId, branchId: sub.branchId, subscriberId: sub.id, method: input.method, provider: input.provider ?? null,
    status: input.outcome === 'succeeded' ? (held ? 'held' : 'pending') : input.outcome, amount: input.amount, currency: input.currency,
    reference: input.reference ?? null, gatewayReference: input.gatewayReference ?? null, targetInvoiceIds: input.targetInvoiceIds ?? null,
    payerFingerprint: input.payerFingerprint ?? null, payerCountry: input.payerCountry ?? null, riskScore: risk.score, riskLevel: risk.level,
    riskReasons: risk.reasons, notes: input.notes ?? null, failureReason: input.failureReason ?? null, receivedBy: actor.kind === 'user' ? actor.id : null,
    receivedAt: input.receivedAt ?? new Date(),
  }).returning();
  let result = { payment: row!, allocations: [] as Allocation[], walletCredit: 0 };
  // Money a gateway has taken is never refused for want of an exchange rate: it waits in the wallet.
  if (input.outcome === 'succeeded' && !held) result = await settlePayment(tx, row!, actor.kind === 'user' ? actor.id : null, { missingRate: input.method === 'gateway' ? 'wallet' : 'fail' });
  const status = result.payment.status;
  await recordChange(tx, actor, {
    ispId: input.ispId, action: `payment.${status === 'held' ? 'held' : status === 'failed' ? 'failed' : status === 'pending' ? 'created' : 'succeeded'}`,
    entityType: 'payment', entityId: row!.id,
    after: toPaymentDto(result.payment, { allocations: result.allocations, wallet_credit: result.walletCredit }),
  });
  return result;
}

/**
 * Invoices to pay must be the subscriber's: settling skips those that are no longer open, but
 * an id of no invoice of theirs (another subscriber's, another ISP's) is a mistake to refuse,
 * with one answer for all of them.
 */
async function assertInvoicesOf(tx: Tx, subscriberId: string, ids: readonly string[]) {
  const found = new Set((await rows<{ id: string }>(tx, sql`SELECT id FROM invoices WHERE subscriber_id = ${subscriberId} AND id = ANY(${pgArray(ids)}::uuid[])`)).map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalidField('No such invoice of this subscriber', [{ pointer: `/body/invoice_ids/${missing}`, detail: 'not an invoice of this subscriber' }]);
}

export async function recordManualPayment(ctx: AppContext, { actor, scope, ispId }: Tenant, input: RecordPaymentInput) {
  return withScope(ctx.db, scope, async (tx) => {
    const currency = input.currency ?? (await subscriberCurrency(tx, input.subscriber_id));
    if (input.invoice_ids?.length) await assertInvoicesOf(tx, input.subscriber_id, input.invoice_ids);
    const r = await insertPayment(tx, actor, {
      ispId, subscriberId: input.subscriber_id, method: input.method, amount: input.amount, currency, outcome: 'succeeded',
      reference: input.reference ?? null, targetInvoiceIds: input.invoice_ids ?? null, notes: input.notes ?? null,
      ...(input.received_at && { receivedAt: new Date(input.received_at) }),
    });
    return toPaymentDto(r.payment, { allocations: r.allocations, wallet_credit: r.walletCredit });
  });
}

const sortColumns = { received_at: payments.receivedAt, amount: payments.amount, risk_score: payments.riskScore } as const;

export async function listPayments(ctx: AppContext, scope: Scope, ispId: string, q: PaymentQuery): Promise<Page<PaymentDto>> {
  return withScope(ctx.db, scope, async (tx) => {
    const where: SQL[] = [eq(payments.ispId, ispId)];
    if (q.status) where.push(eq(payments.status, q.status));
    if (q.risk_level) where.push(eq(payments.riskLevel, q.risk_level));
    if (q.subscriber_id) where.push(eq(payments.subscriberId, q.subscriber_id));
    if (q.method) where.push(eq(payments.method, q.method));
    const { field, desc: d } = parseSort(q.sort);
    const col = sortColumns[field as keyof typeof sortColumns];
    const list = await tx.select({ p: payments, first: subscribers.firstName, last: subscribers.lastName, account: subscribers.accountNumber })
      .from(payments).innerJoin(subscribers, eq(subscribers.id, payments.subscriberId)).where(and(...where))
      .orderBy(d ? desc(col) : asc(col), desc(payments.id)).limit(q.limit).offset(q.offset);
    const [c] = await tx.select({ n: sql<number>`count(*)::int` }).from(payments).where(and(...where));
    return {
      items: list.map((r) => toPaymentDto(r.p, { subscriber_name: `${r.first} ${r.last}`, account_number: r.account })),
      total: c?.n ?? 0, limit: q.limit, offset: q.offset,
    };
  });
}

async function loadPayment(tx: Tx, id: string, lock = false): Promise<PaymentRow> {
  const q = tx.select().from(payments).where(eq(payments.id, id));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) throw notFound('Payment');
  return p;
}

export async function paymentDetail(tx: Tx, p: PaymentRow): Promise<PaymentDto> {
  const [s] = await tx.select({ first: subscribers.firstName, last: subscribers.lastName, account: subscribers.accountNumber }).from(subscribers).where(eq(subscribers.id, p.subscriberId));
  const refundRows = await tx.select().from(refunds).where(eq(refunds.paymentId, p.id)).orderBy(asc(refunds.createdAt));
  const [w] = await rows<{ n: string }>(tx, sql`SELECT coalesce(sum(amount), 0)::text AS n FROM wallet_entries WHERE payment_id = ${p.id}`);
  return toPaymentDto(p, {
    ...(s && { subscriber_name: `${s.first} ${s.last}`, account_number: s.account }),
    allocations: await allocationsOf(tx, p.id), refunds: refundRows.map(toRefundDto), wallet_credit: Number(w?.n ?? 0),
  });
}

export async function getPayment(ctx: AppContext, scope: Scope, id: string): Promise<PaymentDto> {
  return withScope(ctx.db, scope, async (tx) => paymentDetail(tx, await loadPayment(tx, id)));
}

export async function allocatePayment(ctx: AppContext, { actor, scope }: ActorInScope, id: string, items: { invoice_id: string; amount: number }[]) {
  return withScope(ctx.db, scope, async (tx) => {
    const p = await loadPayment(tx, id, true);
    const allocated = await allocateFromWallet(tx, p, items, actor.kind === 'user' ? actor.id : null);
    const dto = await paymentDetail(tx, p);
    await recordChange(tx, actor, { ispId: p.ispId, action: 'payment.allocated', entityType: 'payment', entityId: p.id, after: { allocations: allocated }, payload: { ...dto, allocated } });
    return dto;
  });
}

/**
 * Refunds a counter payment, or books a refund the gateway has already made (`gatewayReference`).
 * Gateway refunds are started by gateways.service.ts, which calls the provider first.
 */
export async function applyRefund(tx: Tx, actor: Actor, p: PaymentRow, amount: number, reason: string | null, gatewayReference: string | null, refundId?: string, refundStatus: 'succeeded' | 'pending' = 'succeeded') {
  if (p.status !== 'succeeded' && p.status !== 'partially_refunded') throw conflict(`A ${p.status} payment cannot be refunded`);
  if (amount > p.amount - p.amountRefunded) throw conflict(`At most ${p.amount - p.amountRefunded} can still be refunded`);
  const updated = await takeBackRefund(tx, p, amount, actor.kind === 'user' ? actor.id : null);
  // A gateway refund was reserved (pending, no reference) before the gateway was called: complete that row.
  const [refund] = await tx.insert(refunds).values({
    ...(refundId && { id: refundId }), ispId: p.ispId, branchId: p.branchId, paymentId: p.id, amount, currency: p.currency, status: refundStatus,
    reason, gatewayReference, createdBy: actor.kind === 'user' ? actor.id : null,
  }).onConflictDoUpdate({ target: refunds.id, set: { status: refundStatus, gatewayReference, updatedAt: new Date() } }).returning();
  await recordChange(tx, actor, { ispId: p.ispId, action: 'payment.refunded', entityType: 'payment', entityId: p.id, before: toPaymentDto(p), after: toPaymentDto(updated), payload: { ...toPaymentDto(updated), refund: toRefundDto(refund!) } });
  return updated;
}

export async function refundManualPayment(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: { amount?: number | undefined; reason?: string | undefined }) {
  return withScope(ctx.db, scope, async (tx) => {
    const p = await loadPayment(tx, id, true);
    if (p.method === 'gateway') throw conflict('Gateway payments are refunded through the gateway');
    const updated = await applyRefund(tx, actor, p, input.amount ?? p.amount - p.amountRefunded, input.reason ?? null, null);
    return paymentDetail(tx, updated);
  });
}

export { loadPayment };

export async function getWallet(ctx: AppContext, scope: Scope, subscriberId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const [s] = await tx.select({ id: subscribers.id }).from(subscribers).where(eq(subscribers.id, subscriberId));
    if (!s) throw notFound('Subscriber');
    const balances = await rows<{ currency: string; balance: string }>(tx, sql`
      SELECT currency, sum(amount)::text AS balance FROM wallet_entries WHERE subscriber_id = ${subscriberId} GROUP BY currency ORDER BY currency`);
    const entries = await tx.select().from(walletEntries).where(eq(walletEntries.subscriberId, subscriberId)).orderBy(desc(walletEntries.createdAt), desc(walletEntries.id)).limit(200);
    return {
      subscriber_id: subscriberId,
      balances: balances.map((b) => ({ currency: b.currency.trim(), balance: Number(b.balance) })),
      entries: entries.map((e) => ({ id: e.id, currency: e.currency, amount: e.amount, kind: e.kind, payment_id: e.paymentId, invoice_id: e.invoiceId, voucher_card_id: e.voucherCardId, note: e.note, created_at: iso(e.createdAt)! })),
    };
  });
}
