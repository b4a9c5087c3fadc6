import type { Tx } from '../../platform/db/database.ts';
import { prorate } from '../../platform/money/money.ts';
import { addDays, cycleMonths, daysBetween, followingPeriod, fullCycleDays, type Period } from './cycles.ts';
import { buyerParty, convertAt, invoiceRate, type BillingContext, type BuyerRow } from './billing-context.ts';
import { documentLocale } from '../../platform/i18n/document-locale.ts';
import { lineText } from './line-strings.ts';
import type { DraftLine, InvoiceDraft } from './invoice-writer.ts';
import { extraLines, noExtras, type CycleExtras, type ExtrasBilled } from './addons/cycle-extras.ts';

export type DueSubscription = {
  id: string; branch_id: string | null; subscriber_id: string; plan_id: string; next_period_start: string; next_period_end: string;
  price_minor: string | null; currency: string; plan_name: string; plan_price: string; plan_currency: string; billing_period: string;
  fup_monthly_bytes: string | null;
};
export type PendingCharge = { id: string; subscription_id: string | null; subscriber_id: string; kind: 'one_time' | 'proration'; description: string; amount: string; currency: string };

const GB = 1_000_000_000;

/**
 * The invoice of one postpaid period, billed in arrears: the plan (pro-rated when the period
 * is short), pending one-time and plan-change charges, and overage per started GB beyond the
 * plan's monthly quota from the AAA daily usage rollups, with the usage shown on the line.
 * Attached add-ons and coupon discounts come from `extras` (addons/cycle-extras.ts); data packs
 * raise the quota of the period.
 */
export async function cycleDraft(tx: Tx, bc: BillingContext, sub: DueSubscription, buyer: BuyerRow, charges: readonly PendingCharge[], usageBytes: number, asOf: string, extras: CycleExtras = noExtras): Promise<{ draft: InvoiceDraft; next: Period; billed: ExtrasBilled }> {
  const period: Period = { start: sub.next_period_start, end: sub.next_period_end };
  const months = cycleMonths(sub.billing_period) ?? 1;
  const currency = sub.currency.trim();
  const issueDate = asOf;
  const locale = documentLocale(buyer.locale, bc.isp.defaultLocale);
  const text = lineText(locale);
  const lastDay = addDays(period.end, -1);
  const full = fullCycleDays(period.end, months);
  const days = daysBetween(period.start, period.end);
  const price = sub.price_minor !== null ? Number(sub.price_minor) : Number(sub.plan_price);
  const priceCurrency = sub.price_minor !== null ? currency : sub.plan_currency.trim();
  const planAmount = days >= full ? price : prorate(price, days, full);
  const plan = await convertAt(tx, bc, planAmount, priceCurrency, currency, issueDate);
  const lines: DraftLine[] = [{
    kind: days >= full ? 'plan' : 'proration', category: 'internet', quantity: '1', unit: null, unitPrice: plan.amount, amount: plan.amount,
    description: text.period(sub.plan_name, period.start, lastDay, days >= full ? undefined : { days, full }),
    periodStart: period.start, periodEnd: lastDay,
  }];
  for (const c of charges) {
    const conv = await convertAt(tx, bc, Number(c.amount), c.currency.trim(), currency, issueDate);
    lines.push({ kind: c.kind === 'one_time' ? 'one_time' : 'proration', category: c.kind === 'one_time' ? 'installation' : 'internet', description: c.description, quantity: '1', unit: null, unitPrice: conv.amount, amount: conv.amount });
  }
  const extra = await extraLines(tx, bc, extras, lines[0]!, period, full, currency, issueDate, text);
  lines.push(...extra.addonLines);
  const quota = sub.fup_monthly_bytes !== null ? Number(sub.fup_monthly_bytes) * months + extra.extraBytes : null;
  if (quota !== null && bc.settings.overage_per_gb_minor > 0 && usageBytes > quota) {
    const extraGb = Math.ceil((usageBytes - quota) / GB);
    const unit = await convertAt(tx, bc, bc.settings.overage_per_gb_minor, bc.isp.currency, currency, issueDate);
    lines.push({
      kind: 'overage', category: 'internet', description: text.overage(period.start, lastDay), quantity: String(extraGb), unit: 'GB',
      unitPrice: unit.amount, amount: unit.amount * extraGb, periodStart: period.start, periodEnd: lastDay, usageBytes, includedBytes: quota,
    });
  }
  lines.push(...extra.discountLines);
  const rate = await invoiceRate(tx, bc, currency, issueDate);
  return {
    next: followingPeriod(period, months),
    billed: extra.billed,
    draft: {
      ispId: bc.isp.id, branchId: buyer.branch_id, subscriberId: sub.subscriber_id, subscriptionId: sub.id, kind: 'invoice', source: 'cycle',
      series: bc.settings.invoice_series, currency, baseCurrency: bc.isp.currency, exchangeRate: rate.rate, exchangeRateDate: rate.date,
      issueDate, dueDate: addDays(issueDate, bc.settings.payment_terms_days), periodStart: period.start, periodEnd: lastDay,
      pricesIncludeTax: bc.settings.prices_include_tax, seller: bc.seller, buyer: buyerParty(buyer),
      locale, notes: bc.settings.invoice_footer, creditNoteOf: null, lines,
    },
  };
}
