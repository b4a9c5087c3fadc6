import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { invalidField, conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { nowOf } from '../../platform/clock/clock.ts';
import { updateSubscriberInTx } from '../subscribers/index.ts';
import { prorate } from '../../platform/money/money.ts';
import { documentLocale } from '../../platform/i18n/document-locale.ts';
import { lineText, type LineText } from './line-strings.ts';
import { addDays, billingDayFor, cycleMonths, daysBetween, firstPeriod, followingPeriod, fullCycleDays, validityDays, type Period } from './cycles.ts';
import { ispDay } from './payments/ledger.ts';
import { currencyCode } from './rates.service.ts';
import { billingCharges, subscriptions, type SubscriptionRow } from './schema.ts';
import type { ActorInScope } from '../../platform/tenant.ts';

export const createSubscriptionBody = z.strictObject({
  plan_id: z.uuid().optional().describe("Defaults to the subscriber's plan"),
  kind: z.enum(['prepaid', 'postpaid']),
  anchor: z.enum(['calendar', 'anniversary']).default('calendar'),
  billing_day: z.number().int().min(1).max(28).default(1),
  start_date: z.iso.date().optional(),
  currency: currencyCode.optional().describe("Defaults to the plan's currency"),
  price_minor: z.number().int().min(0).nullable().optional().describe("Overrides the plan price (in the subscription's currency)"),
});
export const changePlanBody = z.strictObject({ plan_id: z.uuid(), effective_date: z.iso.date().optional() });
export const chargeBody = z.strictObject({ description: z.string().min(1).max(200), amount_minor: z.number().int().min(-1e12).max(1e12).refine((v) => v !== 0, 'non-zero'), currency: currencyCode.optional() });
export const subscriptionDto = z.object({
  id: z.string(), subscriber_id: z.string(), plan_id: z.string(), kind: z.string(), status: z.string(), anchor: z.string(), billing_day: z.number().int(),
  start_date: z.string(), next_period_start: z.string(), next_period_end: z.string(), price_minor: z.number().int().nullable(), currency: z.string(),
  created_at: z.string(), cancelled_at: z.string().nullable(),
});
export const chargeDto = z.object({ id: z.string(), kind: z.string(), description: z.string(), amount: z.number().int(), currency: z.string(), invoice_id: z.string().nullable(), created_at: z.string() });
export type SubscriptionDto = z.infer<typeof subscriptionDto>;

const toDto = (s: SubscriptionRow): SubscriptionDto => ({
  id: s.id, subscriber_id: s.subscriberId, plan_id: s.planId, kind: s.kind, status: s.status, anchor: s.anchor, billing_day: s.billingDay,
  start_date: s.startDate, next_period_start: s.nextPeriodStart, next_period_end: s.nextPeriodEnd, price_minor: s.priceMinor, currency: s.currency.trim(),
  created_at: iso(s.createdAt)!, cancelled_at: iso(s.cancelledAt),
});

type PlanInfo = { id: string; name: string; price_minor: string; currency: string; billing_period: string; validity_days: number | null };
async function planOf(tx: Tx, planId: string): Promise<PlanInfo> {
  const [p] = await rows<PlanInfo>(tx, sql`SELECT id, name, price_minor, currency, billing_period, validity_days FROM subscription_plans WHERE id = ${planId}`);
  if (!p) throw invalidField('Unknown plan', [{ pointer: '/body/plan_id', detail: 'no such plan in this ISP' }]);
  return p;
}
async function subscriberOf(tx: Tx, id: string) {
  const [s] = await rows<{ id: string; isp_id: string; branch_id: string | null; plan_id: string | null; status: string; expires_at: Date | string | null; locale: string | null; isp_locale: string }>(tx,
    sql`SELECT s.id, s.isp_id, s.branch_id, s.plan_id, s.status, s.expires_at, s.locale, i.default_locale AS isp_locale
      FROM subscribers s JOIN isps i ON i.id = s.isp_id WHERE s.id = ${id} FOR UPDATE OF s`);
  if (!s) throw notFound('Subscriber');
  return s;
}
async function activeSubscription(tx: Tx, subscriberId: string) {
  const [s] = await tx.select().from(subscriptions).where(and(eq(subscriptions.subscriberId, subscriberId), eq(subscriptions.status, 'active'))).for('update');
  return s ?? null;
}

export async function createSubscription(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, input: z.infer<typeof createSubscriptionBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const sub = await subscriberOf(tx, subscriberId);
    if (await activeSubscription(tx, subscriberId)) throw conflict('The subscriber already has an active subscription');
    const planId = input.plan_id ?? sub.plan_id;
    if (!planId) throw invalidField('The subscriber has no plan; give plan_id', [{ pointer: '/body/plan_id', detail: 'required' }]);
    const plan = await planOf(tx, planId);
    const start = input.start_date ?? (await ispDay(tx, sub.isp_id, nowOf(ctx)));
    const months = cycleMonths(plan.billing_period);
    if (input.kind === 'postpaid' && months === null) throw invalidField(`A ${plan.billing_period} plan is sold prepaid`, [{ pointer: '/body/kind', detail: 'use prepaid' }]);
    const billingDay = billingDayFor(input.anchor, start, input.billing_day);
    const period = input.kind === 'postpaid' ? firstPeriod(start, billingDay, months!) : { start, end: addDays(start, validityDays(plan.billing_period, plan.validity_days)) };
    const [row] = await tx.insert(subscriptions).values({
      ispId: sub.isp_id, branchId: sub.branch_id, subscriberId, planId, kind: input.kind, anchor: input.anchor, billingDay, startDate: start,
      nextPeriodStart: period.start, nextPeriodEnd: period.end, priceMinor: input.price_minor ?? null, currency: input.currency ?? plan.currency.trim(),
      ...(ctx.clock && { createdAt: nowOf(ctx), updatedAt: nowOf(ctx) }),
    }).returning();
    if (planId !== sub.plan_id) await updateSubscriberInTx(ctx, tx, actor, subscriberId, { plan_id: planId });
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId: sub.isp_id, action: 'subscription.created', entityType: 'subscription', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function getSubscriptionOf(ctx: AppContext, scope: Scope, subscriberId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const [visible] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${subscriberId}`);
    if (!visible) throw notFound('Subscriber');
    const list = await tx.select().from(subscriptions).where(eq(subscriptions.subscriberId, subscriberId)).orderBy(desc(subscriptions.createdAt));
    const charges = await tx.select().from(billingCharges).where(eq(billingCharges.subscriberId, subscriberId)).orderBy(desc(billingCharges.createdAt)).limit(50);
    return {
      subscriptions: list.map(toDto),
      charges: charges.map((c) => ({ id: c.id, kind: c.kind, description: c.description, amount: c.amount, currency: c.currency.trim(), invoice_id: c.invoiceId, created_at: iso(c.createdAt)! })),
    };
  });
}

/** A fee billed with the next invoice (installation, equipment); negative amounts are credits. */
export async function addCharge(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, input: z.infer<typeof chargeBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const sub = await subscriberOf(tx, subscriberId);
    const active = await activeSubscription(tx, subscriberId);
    if (!active) throw conflict('The subscriber has no active subscription to bill the charge with');
    const [row] = await tx.insert(billingCharges).values({
      ispId: sub.isp_id, branchId: sub.branch_id, subscriberId, subscriptionId: active.id, kind: 'one_time', description: input.description,
      amount: input.amount_minor, currency: input.currency ?? active.currency.trim(),
    }).returning();
    const dto = { id: row!.id, kind: row!.kind, description: row!.description, amount: row!.amount, currency: row!.currency.trim(), invoice_id: null, created_at: iso(row!.createdAt)! };
    await recordChange(tx, actor, { ispId: sub.isp_id, action: 'billing_charge.created', entityType: 'billing_charge', entityId: dto.id, after: dto });
    return dto;
  });
}

/**
 * Plan change. Postpaid (billed in arrears at the plan current at billing time): the days of
 * the open period before the change are re-priced at the old plan (a charge) and credited at
 * the new one, so the period costs old × used/len + new × rest/len. Prepaid: the unused part of
 * the old plan's validity is credited against the next recharge. The AAA engine applies the
 * new speed through the subscriber change event.
 */
type Proration = { description: string; amount: number; currency: string };

/**
 * The pro-rated charge and credit of moving `active` to `newPlan` on `when` (nothing written),
 * described in the subscriber's document language: the charges land on a later invoice as typed here.
 */
function planChangeCharges(active: SubscriptionRow, oldPlan: PlanInfo, newPlan: PlanInfo, when: string, today: string, text: LineText): Proration[] {
  const charges: Proration[] = [];
  if (active.kind === 'postpaid') {
    const months = cycleMonths(newPlan.billing_period);
    if (months === null) throw invalidField(`A ${newPlan.billing_period} plan is sold prepaid`);
    const oldMonths = cycleMonths(oldPlan.billing_period) ?? 1;
    // A period that has ended but that no billing run has closed yet (the hours before the
    // nightly run, or days while runs are off or failing) is still open for billing: a change
    // up to today re-prices its days like those of the period it falls in.
    if (when < active.nextPeriodStart) throw invalidField('effective_date falls in a period that is already invoiced', [{ pointer: '/body/effective_date', detail: `on or after ${active.nextPeriodStart}` }]);
    if (when >= active.nextPeriodEnd && when > today) throw invalidField('effective_date is after the open billing period', [{ pointer: '/body/effective_date', detail: `before ${active.nextPeriodEnd}` }]);
    const reprice = (p: Period, days: number) => {
      const full = fullCycleDays(p.end, oldMonths);
      const last = addDays(p.start, days - 1);
      charges.push({ description: text.changeCharge(oldPlan.name, p.start, last, { days, full }), amount: prorate(Number(oldPlan.price_minor), days, full), currency: oldPlan.currency.trim() });
      charges.push({ description: text.changeCredit(newPlan.name, p.start, last, { days, full }), amount: -prorate(Number(newPlan.price_minor), days, full), currency: newPlan.currency.trim() });
    };
    let period: Period = { start: active.nextPeriodStart, end: active.nextPeriodEnd };
    for (; when >= period.end; period = followingPeriod(period, oldMonths)) reprice(period, daysBetween(period.start, period.end));
    const used = daysBetween(period.start, when);
    if (used > 0) reprice(period, used);
  } else {
    const validity = daysBetween(active.nextPeriodStart, active.nextPeriodEnd);
    const left = Math.max(0, Math.min(validity, daysBetween(when, active.nextPeriodEnd)));
    if (left > 0) charges.push({ description: text.changeUnused(oldPlan.name, { days: left, full: validity }), amount: -prorate(Number(oldPlan.price_minor), left, validity), currency: oldPlan.currency.trim() });
  }
  return charges.filter((x) => x.amount !== 0);
}

/** What a plan change would charge and credit, for the confirmation dialog; changes nothing. */
export async function previewPlanChange(ctx: AppContext, scope: Scope, subscriberId: string, input: z.infer<typeof changePlanBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const sub = await subscriberOf(tx, subscriberId);
    const active = await activeSubscription(tx, subscriberId);
    if (!active) throw conflict('The subscriber has no active subscription');
    if (active.planId === input.plan_id) throw conflict('The subscriber is already on this plan');
    const [oldPlan, newPlan] = [await planOf(tx, active.planId), await planOf(tx, input.plan_id)];
    const today = await ispDay(tx, sub.isp_id, nowOf(ctx));
    const when = input.effective_date ?? today;
    return { effective_date: when, proration: planChangeCharges(active, oldPlan, newPlan, when, today, lineText(documentLocale(sub.locale, sub.isp_locale))), new_price_minor: Number(newPlan.price_minor), new_currency: newPlan.currency.trim() };
  });
}

/**
 * Plan change. Postpaid (billed in arrears at the plan current at billing time): the days of
 * the open period before the change are re-priced at the old plan (a charge) and credited at
 * the new one, so the period costs old × used/len + new × rest/len. Prepaid: the unused part of
 * the old plan's validity is credited against the next recharge. The AAA engine applies the
 * new speed through the subscriber change event.
 */
export async function changePlan(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, input: z.infer<typeof changePlanBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const sub = await subscriberOf(tx, subscriberId);
    const active = await activeSubscription(tx, subscriberId);
    if (!active) throw conflict('The subscriber has no active subscription');
    if (active.planId === input.plan_id) throw conflict('The subscriber is already on this plan');
    const [oldPlan, newPlan] = [await planOf(tx, active.planId), await planOf(tx, input.plan_id)];
    const today = await ispDay(tx, sub.isp_id, nowOf(ctx));
    const when = input.effective_date ?? today;
    const currency = active.currency.trim();
    const charges = planChangeCharges(active, oldPlan, newPlan, when, today, lineText(documentLocale(sub.locale, sub.isp_locale)));
    for (const c of charges) {
      await tx.insert(billingCharges).values({ ispId: sub.isp_id, branchId: sub.branch_id, subscriberId, subscriptionId: active.id, kind: 'proration', description: c.description, amount: c.amount, currency: c.currency || currency });
    }
    const [after] = await tx.update(subscriptions).set({ planId: input.plan_id, updatedAt: nowOf(ctx) }).where(eq(subscriptions.id, active.id)).returning();
    await updateSubscriberInTx(ctx, tx, actor, subscriberId, { plan_id: input.plan_id });
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: sub.isp_id, action: 'subscription.plan_changed', entityType: 'subscription', entityId: dto.id, before: toDto(active), after: { ...dto, proration: charges } });
    return { subscription: dto, proration: charges };
  });
}

export async function cancelSubscription(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const sub = await subscriberOf(tx, subscriberId);
    const active = await activeSubscription(tx, subscriberId);
    if (!active) throw notFound('Active subscription');
    const [after] = await tx.update(subscriptions).set({ status: 'cancelled', cancelledAt: nowOf(ctx), updatedAt: nowOf(ctx) }).where(eq(subscriptions.id, active.id)).returning();
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: sub.isp_id, action: 'subscription.cancelled', entityType: 'subscription', entityId: dto.id, before: toDto(active), after: dto });
    return dto;
  });
}
