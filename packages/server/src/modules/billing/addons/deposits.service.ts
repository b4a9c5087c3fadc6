import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { iso } from '../../../platform/http/api.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { lockSubscriber } from '../payments/ledger.ts';
import { walletEntries } from '../payments/schema.ts';
import { subscriberCurrency } from '../payments/payments.service.ts';
import { currencyCode } from '../rates.service.ts';
import { depositMethods, deposits, type DepositRow } from './schema.ts';
import type { ActorInScope } from '../../../platform/tenant.ts';

/**
 * Deposits (equipment, security): money the ISP holds and owes back. A liability, so never an
 * invoice line and never revenue: recorded here, shown on the subscriber, and released either
 * into the subscriber's wallet (spendable on invoices) or refunded outside the system.
 */

export const depositBody = z.strictObject({
  description: z.string().trim().min(1).max(200),
  amount_minor: z.number().int().positive().max(1e12),
  currency: currencyCode.optional().describe("Defaults to the subscriber's billing currency"),
  method: z.enum(depositMethods),
  reference: z.string().max(100).nullable().optional(),
});
export const releaseBody = z.strictObject({
  to: z.enum(['wallet', 'refund']).describe('wallet: credited to the wallet; refund: paid back (cash, transfer) outside the system'),
  note: z.string().max(500).nullable().optional(),
});
export const depositDto = z.object({
  id: z.string(), subscriber_id: z.string(), description: z.string(), amount_minor: z.number().int(), currency: z.string(), method: z.string(),
  reference: z.string().nullable(), status: z.enum(['held', 'returned_to_wallet', 'refunded']), received_at: z.string(), released_at: z.string().nullable(),
  release_note: z.string().nullable(),
});
export const depositListDto = z.object({ items: z.array(depositDto), held: z.array(z.object({ currency: z.string(), amount_minor: z.number().int() })) });
export type DepositDto = z.infer<typeof depositDto>;

const toDto = (d: DepositRow): DepositDto => ({
  id: d.id, subscriber_id: d.subscriberId, description: d.description, amount_minor: d.amountMinor, currency: d.currency.trim(), method: d.method,
  reference: d.reference, status: d.status, received_at: iso(d.receivedAt)!, released_at: iso(d.releasedAt), release_note: d.releaseNote,
});

export async function listDeposits(ctx: AppContext, scope: Scope, subscriberId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const [visible] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${subscriberId}`);
    if (!visible) throw notFound('Subscriber');
    const list = await tx.select().from(deposits).where(eq(deposits.subscriberId, subscriberId)).orderBy(desc(deposits.receivedAt)).limit(100);
    const held = await rows<{ currency: string; n: string }>(tx, sql`SELECT currency, sum(amount_minor)::text AS n FROM deposits WHERE subscriber_id = ${subscriberId} AND status = 'held' GROUP BY currency ORDER BY currency`);
    return { items: list.map(toDto), held: held.map((h) => ({ currency: h.currency.trim(), amount_minor: Number(h.n) })) };
  });
}

export async function recordDeposit(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, input: z.infer<typeof depositBody>): Promise<DepositDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const s = await lockSubscriber(tx, subscriberId);
    const [isp] = await rows<{ isp_id: string }>(tx, sql`SELECT isp_id FROM subscribers WHERE id = ${subscriberId}`);
    const [row] = await tx.insert(deposits).values({
      ispId: isp!.isp_id, branchId: s.branch_id, subscriberId, description: input.description, amountMinor: input.amount_minor,
      currency: input.currency ?? await subscriberCurrency(tx, subscriberId), method: input.method, reference: input.reference ?? null, createdBy: actor.id,
    }).returning();
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId: isp!.isp_id, action: 'deposit.received', entityType: 'subscriber', entityId: subscriberId, after: dto });
    return dto;
  });
}

export async function releaseDeposit(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, depositId: string, input: z.infer<typeof releaseBody>): Promise<DepositDto> {
  return withScope(ctx.db, scope, async (tx) => {
    await lockSubscriber(tx, subscriberId);
    const [d] = await tx.select().from(deposits).where(eq(deposits.id, depositId)).for('update');
    if (!d || d.subscriberId !== subscriberId) throw notFound('Deposit');
    if (d.status !== 'held') throw conflict('This deposit has already been released');
    const status = input.to === 'wallet' ? 'returned_to_wallet' as const : 'refunded' as const;
    const [after] = await tx.update(deposits).set({ status, releasedAt: new Date(), releasedBy: actor.id, releaseNote: input.note ?? null }).where(eq(deposits.id, d.id)).returning();
    if (input.to === 'wallet') {
      await tx.insert(walletEntries).values({
        ispId: d.ispId, branchId: d.branchId, subscriberId, currency: d.currency.trim(), amount: d.amountMinor, kind: 'adjustment',
        note: `Deposit returned: ${d.description}`, createdBy: actor.id,
      });
    }
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: d.ispId, action: `deposit.${status}`, entityType: 'subscriber', entityId: subscriberId, before: toDto(d), after: dto });
    return dto;
  });
}
