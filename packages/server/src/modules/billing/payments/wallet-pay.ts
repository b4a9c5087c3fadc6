import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { rows, withScope } from '../../../platform/db/scope.ts';
import { invalidField, conflict } from '../../../platform/errors.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { settleAcross } from '../../../platform/money/exchange.ts';
import { allocate, ispDay, lockSubscriber, openInvoices, rateCache, walletBalance, type Allocation } from './ledger.ts';
import { walletEntries } from './schema.ts';
import type { Tenant } from '../../../platform/tenant.ts';

/**
 * Pays an invoice from the subscriber's wallet balance in one currency (balances stay per
 * currency; an invoice in another currency is paid at the stored rate). The unallocated parts
 * of payments go first, oldest payment first, each converted at the rate of its own payment's
 * day and booked against that payment (so a later refund of it finds its money); then credit
 * that came from no payment (value cards, returned deposits), at the rate of today.
 */
async function payFromWallet(tx: Tx, ispId: string, subscriberId: string, input: { invoice_id: string; currency: string; amount?: number | undefined }, by: string | null): Promise<Allocation[]> {
  const sub = await lockSubscriber(tx, subscriberId);
  const [inv] = await openInvoices(tx, subscriberId, [input.invoice_id]);
  if (!inv) throw invalidField('Not an open invoice of this subscriber', [{ pointer: '/body/invoice_id', detail: 'not open' }]);
  const balance = await walletBalance(tx, subscriberId, input.currency);
  if (balance <= 0) throw invalidField(`The wallet holds no ${input.currency}`, [{ pointer: '/body/currency', detail: 'no balance in this currency' }]);
  if (input.amount !== undefined && input.amount > balance) throw invalidField(`The wallet holds only ${balance} (${input.currency} minor units)`, [{ pointer: '/body/amount', detail: 'more than the balance' }]);
  let budget = input.amount ?? balance;
  const sources = await rows<{ payment_id: string | null; available: string; received_at: string | null }>(tx, sql`
    SELECT w.payment_id, sum(w.amount)::text AS available, to_char(p.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS received_at
    FROM wallet_entries w LEFT JOIN payments p ON p.id = w.payment_id
    WHERE w.subscriber_id = ${subscriberId} AND w.currency = ${input.currency}
    GROUP BY w.payment_id, p.received_at HAVING sum(w.amount) > 0 ORDER BY (w.payment_id IS NULL), p.received_at`);
  const rateOf = rateCache(tx, ispId);
  const today = await ispDay(tx, ispId, new Date());
  const out: Allocation[] = [];
  for (const s of sources) {
    if (budget <= 0 || inv.open <= 0) break;
    const day = s.received_at ? await ispDay(tx, ispId, new Date(s.received_at)) : today;
    const rate = await rateOf(input.currency, inv.currency, day);
    const settled = settleAcross(Math.min(budget, Number(s.available)), inv.open, input.currency, inv.currency, rate.rate);
    if (settled.paid === 0) continue;
    out.push(await allocate(tx, { ispId, branchId: sub.branch_id, paymentId: s.payment_id, currency: input.currency }, inv, settled.paid, settled.applied, rate, by));
    await tx.insert(walletEntries).values({
      ispId, branchId: sub.branch_id, subscriberId, currency: input.currency, amount: -settled.paid, kind: 'allocation', paymentId: s.payment_id, invoiceId: inv.id,
      createdBy: by, note: `Paid ${inv.number ?? inv.id} from the wallet`,
    });
    budget -= settled.paid;
    inv.open -= settled.applied;
  }
  if (!out.length) throw conflict('The wallet balance is worth less than half a minor unit of the invoice currency');
  return out;
}

export async function payInvoiceFromWallet(ctx: AppContext, { actor, scope, ispId }: Tenant, subscriberId: string, input: { invoice_id: string; currency: string; amount?: number | undefined }) {
  return withScope(ctx.db, scope, async (tx) => {
    const allocations = await payFromWallet(tx, ispId, subscriberId, input, actor.kind === 'user' ? actor.id : null);
    const spent = allocations.reduce((a, x) => a + x.amount, 0);
    const result = { subscriber_id: subscriberId, invoice_id: input.invoice_id, currency: input.currency, spent, allocations };
    await recordChange(tx, actor, { ispId, action: 'wallet.paid_invoice', entityType: 'subscriber', entityId: subscriberId, after: result, payload: result });
    return result;
  });
}
