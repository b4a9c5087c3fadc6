import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { rows, withScope } from '../../platform/db/scope.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { updateSubscriberInTx } from '../subscribers/index.ts';
import { addDays, validityDays } from './cycles.ts';
import { convertAt, loadBillingContext, loadBuyers } from './billing-context.ts';
import { documentLocale } from '../../platform/i18n/document-locale.ts';
import { lineText } from './line-strings.ts';
import { writeInvoices, type DraftLine } from './invoice-writer.ts';
import { draftFor, getInvoice } from './invoices.service.ts';
import { toSummary } from './invoice-dto.ts';
import { billingCharges, subscriptions } from './schema.ts';
import { extraLines, loadCycleExtras, markExtrasBilled, noExtras } from './addons/cycle-extras.ts';
import type { ActorInScope } from '../../platform/tenant.ts';

/**
 * Prepaid recharge: one invoice for the plan's price (plus pending one-time fees and the
 * credit of a plan change), and the subscriber's service extended by the plan's validity from
 * the later of now and the current expiry; an expired subscriber becomes active again. All in
 * one transaction, so the AAA engine never sees an extension without its invoice.
 */
export async function rechargeSubscriber(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string) {
  const invoiceId = await withScope(ctx.db, scope, async (tx) => {
    const [sub] = await tx.select().from(subscriptions).where(and(eq(subscriptions.subscriberId, subscriberId), eq(subscriptions.status, 'active'))).for('update');
    if (!sub) throw notFound('Active subscription');
    if (sub.kind !== 'prepaid') throw conflict('Only prepaid subscriptions are recharged; postpaid ones are billed by the billing run');
    const [plan] = await rows<{ name: string; price_minor: string; currency: string; billing_period: string; validity_days: number | null }>(tx,
      sql`SELECT name, price_minor, currency, billing_period, validity_days FROM subscription_plans WHERE id = ${sub.planId}`);
    const [subscriber] = await rows<{ status: string; expires_at: string | null }>(tx, sql`SELECT status, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at FROM subscribers WHERE id = ${subscriberId} FOR UPDATE`);
    if (!plan || !subscriber) throw notFound('Subscriber');
    if (subscriber.status === 'terminated' || subscriber.status === 'suspended') throw conflict(`A ${subscriber.status} subscriber cannot be recharged`);
    const bc = await loadBillingContext(tx, sub.ispId);
    const buyer = (await loadBuyers(tx, [subscriberId])).get(subscriberId)!;
    const currency = sub.currency.trim();
    const text = lineText(documentLocale(buyer.locale, bc.isp.defaultLocale));
    const today = new Date().toISOString().slice(0, 10);
    const days = validityDays(plan.billing_period, plan.validity_days);
    const now = Date.now();
    const from = subscriber.expires_at && Date.parse(subscriber.expires_at) > now ? new Date(subscriber.expires_at) : new Date(now);
    const until = new Date(from.getTime() + days * 86_400_000);
    const price = sub.priceMinor ?? Number(plan.price_minor);
    const conv = await convertAt(tx, bc, price, sub.priceMinor !== null ? currency : plan.currency.trim(), currency, today);
    const lines: DraftLine[] = [{ kind: 'plan', category: 'internet', description: text.recharge(plan.name, days, until.toISOString().slice(0, 10)), quantity: '1', unit: null, unitPrice: conv.amount, amount: conv.amount, periodStart: from.toISOString().slice(0, 10), periodEnd: addDays(until.toISOString().slice(0, 10), -1) }];
    const pending = await tx.select().from(billingCharges).where(and(eq(billingCharges.subscriptionId, sub.id), isNull(billingCharges.invoiceId))).for('update');
    for (const c of pending) {
      const cc = await convertAt(tx, bc, c.amount, c.currency.trim(), currency, today);
      lines.push({ kind: c.kind === 'one_time' ? 'one_time' : 'proration', category: c.kind === 'one_time' ? 'installation' : 'internet', description: c.description, quantity: '1', unit: null, unitPrice: cc.amount, amount: cc.amount });
    }
    // Recurring add-ons for the whole validity, pending one-off ones, then coupon discounts.
    const fromDay = from.toISOString().slice(0, 10);
    const extras = (await loadCycleExtras(tx, [sub.id])).get(sub.id) ?? noExtras;
    const extra = await extraLines(tx, bc, extras, lines[0]!, { start: fromDay, end: addDays(fromDay, days) }, days, currency, today, text);
    lines.splice(1, 0, ...extra.addonLines);
    lines.push(...extra.discountLines);
    const draft = await draftFor(tx, bc, buyer, { currency, lines, source: 'recharge', subscriptionId: sub.id, periodStart: lines[0]!.periodStart ?? null, periodEnd: lines[0]!.periodEnd ?? null });
    const [inv] = await writeInvoices(tx, [draft], bc.rules, true);
    await markExtrasBilled(tx, [{ invoiceId: inv!.id, billed: extra.billed }]);
    if (pending.length) await tx.update(billingCharges).set({ invoiceId: inv!.id }).where(and(eq(billingCharges.subscriptionId, sub.id), isNull(billingCharges.invoiceId)));
    await tx.update(subscriptions).set({ nextPeriodStart: from.toISOString().slice(0, 10), nextPeriodEnd: until.toISOString().slice(0, 10), updatedAt: new Date() }).where(eq(subscriptions.id, sub.id));
    await updateSubscriberInTx(ctx, tx, actor, subscriberId, { expires_at: until.toISOString(), ...(subscriber.status === 'expired' && { status: 'active' as const }) });
    await recordChange(tx, actor, { ispId: sub.ispId, action: 'invoice.issued', entityType: 'invoice', entityId: inv!.id, after: { ...toSummary(inv!), recharge_until: until.toISOString() } });
    return inv!.id;
  });
  return getInvoice(ctx, scope, invoiceId);
}
