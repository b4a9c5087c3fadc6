import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { HttpProblem } from '../../../platform/http/errors.ts';
import { invalidField, conflict, notFound } from '../../../platform/errors.ts';
import { iso } from '../../../platform/http/api.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { subscriptions } from '../schema.ts';
import { couponRedemptions, coupons, type CouponRedemptionRow, type CouponRow } from './schema.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

/** Coupon codes per ISP, and their redemption onto a subscription (discounts: cycle-extras.ts). */

const code = z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{3,32}$/, 'A-Z, 0-9, _ and -, 3 to 32 characters');
const percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/).refine((p) => Number(p) > 0 && Number(p) <= 100, 'between 0 and 100');
const limits = {
  description: z.string().max(500).nullable().optional(),
  max_redemptions: z.number().int().positive().nullable().optional().describe('Redemptions in total; null = unlimited'),
  max_per_subscriber: z.number().int().positive().default(1),
  valid_from: z.iso.date().nullable().optional(),
  valid_to: z.iso.date().nullable().optional(),
  cycles: z.number().int().positive().max(120).nullable().optional().describe('Invoices each redemption discounts; null = all'),
  active: z.boolean().default(true),
};
export const couponBody = z.discriminatedUnion('kind', [
  z.strictObject({ code, kind: z.literal('percent'), percent, ...limits }),
  z.strictObject({ code, kind: z.literal('fixed'), amount_minor: z.number().int().positive().max(1e12).describe("Minor units of the ISP's currency"), ...limits }),
]);
export const couponPatch = z.strictObject({
  description: limits.description, max_redemptions: limits.max_redemptions, max_per_subscriber: z.number().int().positive().optional(),
  valid_from: limits.valid_from, valid_to: limits.valid_to, cycles: limits.cycles, active: z.boolean().optional(),
});
export const couponDto = z.object({
  id: z.string(), code: z.string(), description: z.string().nullable(), kind: z.enum(['percent', 'fixed']), percent: z.string().nullable(),
  amount_minor: z.number().int().nullable(), currency: z.string().nullable(), max_redemptions: z.number().int().nullable(), max_per_subscriber: z.number().int(),
  redeemed_count: z.number().int(), valid_from: z.string().nullable(), valid_to: z.string().nullable(), cycles: z.number().int().nullable(), active: z.boolean(),
  created_at: z.string(),
});
export const redemptionDto = z.object({
  id: z.string(), coupon_id: z.string(), code: z.string(), kind: z.string(), percent: z.string().nullable(), amount_minor: z.number().int().nullable(),
  currency: z.string().nullable(), subscription_id: z.string(), cycles_total: z.number().int().nullable(), cycles_used: z.number().int(), status: z.string(),
  redeemed_at: z.string(),
});
export type CouponDto = z.infer<typeof couponDto>;
export type RedemptionDto = z.infer<typeof redemptionDto>;

const trimPercent = (p: string | null) => (p === null ? null : p.includes('.') ? p.replace(/0+$/, '').replace(/\.$/, '') : p);
const toDto = (c: CouponRow): CouponDto => ({
  id: c.id, code: c.code, description: c.description, kind: c.kind, percent: trimPercent(c.percent), amount_minor: c.amountMinor, currency: c.currency?.trim() ?? null,
  max_redemptions: c.maxRedemptions, max_per_subscriber: c.maxPerSubscriber, redeemed_count: c.redeemedCount, valid_from: c.validFrom, valid_to: c.validTo,
  cycles: c.cycles, active: c.active, created_at: iso(c.createdAt)!,
});
const toRedemptionDto = (r: CouponRedemptionRow, c: CouponRow): RedemptionDto => ({
  id: r.id, coupon_id: c.id, code: c.code, kind: c.kind, percent: trimPercent(c.percent), amount_minor: c.amountMinor, currency: c.currency?.trim() ?? null,
  subscription_id: r.subscriptionId, cycles_total: r.cyclesTotal, cycles_used: r.cyclesUsed, status: r.status, redeemed_at: iso(r.redeemedAt)!,
});
const today = () => new Date().toISOString().slice(0, 10);
const isUnique = (err: unknown) => (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505';
const unusable = (detail: string) => new HttpProblem(422, 'Unprocessable Content', detail);

function checkDates(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && to < from) throw invalidField('valid_to is before valid_from', [{ pointer: '/body/valid_to', detail: 'on or after valid_from' }]);
}

export async function listCoupons(ctx: AppContext, scope: Scope, ispId: string): Promise<CouponDto[]> {
  return withScope(ctx.db, scope, async (tx) => (await tx.select().from(coupons).where(eq(coupons.ispId, ispId)).orderBy(desc(coupons.active), asc(coupons.code))).map(toDto));
}

export async function createCoupon(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof couponBody>): Promise<CouponDto> {
  checkDates(input.valid_from, input.valid_to);
  return withScope(ctx.db, scope, async (tx) => {
    const [isp] = await rows<{ currency: string }>(tx, sql`SELECT currency FROM isps WHERE id = ${ispId}`);
    const [row] = await tx.insert(coupons).values({
      ispId, code: input.code, description: input.description ?? null, kind: input.kind,
      percent: input.kind === 'percent' ? input.percent : null, amountMinor: input.kind === 'fixed' ? input.amount_minor : null,
      currency: input.kind === 'fixed' ? isp!.currency.trim() : null, maxRedemptions: input.max_redemptions ?? null, maxPerSubscriber: input.max_per_subscriber,
      validFrom: input.valid_from ?? null, validTo: input.valid_to ?? null, cycles: input.cycles ?? null, active: input.active,
    }).returning().catch((err: unknown) => { throw isUnique(err) ? conflict('A coupon with this code exists') : err; });
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId, action: 'coupon.created', entityType: 'coupon', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function updateCoupon(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof couponPatch>): Promise<CouponDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(coupons).where(eq(coupons.id, id)).for('update');
    if (!before) throw notFound('Coupon');
    checkDates(input.valid_from === undefined ? before.validFrom : input.valid_from, input.valid_to === undefined ? before.validTo : input.valid_to);
    if (input.max_redemptions && input.max_redemptions < before.redeemedCount) throw invalidField(`Already redeemed ${before.redeemedCount} times`, [{ pointer: '/body/max_redemptions', detail: `at least ${before.redeemedCount}` }]);
    const [row] = await tx.update(coupons).set({
      ...(input.description !== undefined && { description: input.description }), ...(input.max_redemptions !== undefined && { maxRedemptions: input.max_redemptions }),
      ...(input.max_per_subscriber !== undefined && { maxPerSubscriber: input.max_per_subscriber }), ...(input.valid_from !== undefined && { validFrom: input.valid_from }),
      ...(input.valid_to !== undefined && { validTo: input.valid_to }), ...(input.cycles !== undefined && { cycles: input.cycles }),
      ...(input.active !== undefined && { active: input.active }), updatedAt: new Date(),
    }).where(eq(coupons.id, id)).returning();
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'coupon.updated', entityType: 'coupon', entityId: id, before: toDto(before), after: dto });
    return dto;
  });
}

/**
 * Redeems a code onto the subscriber's active subscription. The total limit is one
 * conditional UPDATE: the row lock queues concurrent redemptions of the same coupon, and the
 * one that finds the limit reached updates nothing. The per-subscriber count is read while
 * that lock is held, so it cannot race either.
 */
export async function redeemCouponInTx(tx: Tx, actor: Actor, ispId: string, subscriberId: string, rawCode: string): Promise<RedemptionDto> {
  const [visible] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${subscriberId}`);
  if (!visible) throw notFound('Subscriber');
  const [sub] = await tx.select().from(subscriptions).where(and(eq(subscriptions.subscriberId, subscriberId), eq(subscriptions.status, 'active')));
  if (!sub) throw conflict('The subscriber has no active subscription');
  const c = rawCode.trim().toUpperCase();
  const day = today();
  const [won] = await tx.update(coupons).set({ redeemedCount: sql`${coupons.redeemedCount} + 1`, updatedAt: new Date() })
    .where(and(eq(coupons.ispId, ispId), eq(coupons.code, c), eq(coupons.active, true),
      sql`(${coupons.validFrom} IS NULL OR ${coupons.validFrom} <= ${day}::date) AND (${coupons.validTo} IS NULL OR ${coupons.validTo} >= ${day}::date)
        AND (${coupons.maxRedemptions} IS NULL OR ${coupons.redeemedCount} < ${coupons.maxRedemptions})`)).returning();
  if (!won) {
    const [known] = await tx.select().from(coupons).where(and(eq(coupons.ispId, ispId), eq(coupons.code, c)));
    if (!known || !known.active) throw unusable('This coupon code is not valid');
    if ((known.validFrom && known.validFrom > day) || (known.validTo && known.validTo < day)) throw unusable('This coupon is not valid today');
    throw unusable('This coupon has been fully redeemed');
  }
  const [mine] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM coupon_redemptions WHERE coupon_id = ${won.id} AND subscriber_id = ${subscriberId} AND status <> 'cancelled'`);
  if (mine!.n >= won.maxPerSubscriber) throw unusable('This coupon has already been used on this account');
  const [row] = await tx.insert(couponRedemptions).values({
    ispId, branchId: sub.branchId, couponId: won.id, subscriberId, subscriptionId: sub.id, cyclesTotal: won.cycles, redeemedBy: actor.id,
  }).returning();
  const dto = toRedemptionDto(row!, won);
  await recordChange(tx, actor, { ispId, action: 'coupon.redeemed', entityType: 'subscriber', entityId: subscriberId, after: dto });
  return dto;
}

export async function redeemCoupon(ctx: AppContext, { actor, scope, ispId }: Tenant, subscriberId: string, rawCode: string): Promise<RedemptionDto> {
  return withScope(ctx.db, scope, (tx) => redeemCouponInTx(tx, actor, ispId, subscriberId, rawCode));
}

export async function listRedemptions(ctx: AppContext, scope: Scope, subscriberId: string): Promise<RedemptionDto[]> {
  return withScope(ctx.db, scope, async (tx) => {
    const [visible] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${subscriberId}`);
    if (!visible) throw notFound('Subscriber');
    const list = await tx.select().from(couponRedemptions).innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
      .where(eq(couponRedemptions.subscriberId, subscriberId)).orderBy(desc(couponRedemptions.redeemedAt)).limit(50);
    return list.map((r) => toRedemptionDto(r.coupon_redemptions, r.coupons));
  });
}

/** Stops a redemption discounting further invoices (the coupon's count is not given back). */
export async function cancelRedemption(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, id: string): Promise<RedemptionDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const [r] = await tx.select().from(couponRedemptions).where(and(eq(couponRedemptions.id, id), eq(couponRedemptions.subscriberId, subscriberId))).for('update');
    if (!r) throw notFound('Coupon redemption');
    if (r.status !== 'active') throw conflict(`The redemption is ${r.status}`);
    const [after] = await tx.update(couponRedemptions).set({ status: 'cancelled' }).where(eq(couponRedemptions.id, id)).returning();
    const [c] = await tx.select().from(coupons).where(eq(coupons.id, r.couponId));
    const dto = toRedemptionDto(after!, c!);
    await recordChange(tx, actor, { ispId: r.ispId, action: 'coupon.redemption_cancelled', entityType: 'subscriber', entityId: subscriberId, after: dto });
    return dto;
  });
}
