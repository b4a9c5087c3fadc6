import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { rows } from '../../../platform/db/scope.ts';
import { allocate, percentOf, prorate, sum } from '../../../platform/money/money.ts';
import { addDays, daysBetween, type Period } from '../cycles.ts';
import { convertAt, type BillingContext } from '../billing-context.ts';
import type { DraftLine } from '../invoice-writer.ts';
import type { LineText } from '../line-strings.ts';

/**
 * The add-on and discount lines of one invoice (cycle or recharge), as pure-ish helpers over
 * rows loaded once per batch. Lines go through the same tax engine as every other line; a
 * discount is a negative line of the category it discounts, so the tax falls with it.
 */

export type AttachedAddon = {
  id: string; subscription_id: string; name: string; kind: string; billing: 'one_off' | 'recurring'; price_minor: string; currency: string;
  taxable: boolean; data_bytes: string | null; quantity: number; start_date: string; end_date: string | null;
};
export type ActiveRedemption = {
  id: string; subscription_id: string; cycles_total: number | null; cycles_used: number; code: string; kind: 'percent' | 'fixed';
  percent: string | null; amount_minor: string | null; currency: string | null;
};
export type CycleExtras = { addons: AttachedAddon[]; redemptions: ActiveRedemption[] };
/** What an invoice consumed, marked once the invoice exists. */
export type ExtrasBilled = { oneOffIds: string[]; redemptions: { id: string; usedUp: boolean }[] };

export const noExtras: CycleExtras = { addons: [], redemptions: [] };
export const nothingBilled: ExtrasBilled = { oneOffIds: [], redemptions: [] };

export async function loadCycleExtras(tx: Tx, subscriptionIds: readonly string[]): Promise<Map<string, CycleExtras>> {
  const out = new Map<string, CycleExtras>();
  if (subscriptionIds.length === 0) return out;
  const ids = `{${subscriptionIds.join(',')}}`;
  const addons = await rows<AttachedAddon>(tx, sql`SELECT id, subscription_id, name, kind, billing, price_minor::text, currency, taxable, data_bytes::text, quantity,
      to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
    FROM subscription_addons WHERE subscription_id = ANY(${ids}::uuid[]) AND (billing = 'recurring' OR invoice_id IS NULL)
    ORDER BY start_date, created_at FOR UPDATE`);
  const redemptions = await rows<ActiveRedemption>(tx, sql`SELECT r.id, r.subscription_id, r.cycles_total, r.cycles_used, c.code, c.kind, c.percent::text AS percent,
      c.amount_minor::text AS amount_minor, c.currency
    FROM coupon_redemptions r JOIN coupons c ON c.id = r.coupon_id WHERE r.subscription_id = ANY(${ids}::uuid[]) AND r.status = 'active'
    ORDER BY r.redeemed_at FOR UPDATE OF r`);
  const get = (id: string) => out.get(id) ?? (out.set(id, { addons: [], redemptions: [] }), out.get(id)!);
  for (const a of addons) get(a.subscription_id).addons.push(a);
  for (const r of redemptions) get(r.subscription_id).redemptions.push(r);
  return out;
}

const trimPercent = (p: string) => (p.includes('.') ? p.replace(/0+$/, '').replace(/\.$/, '') : p);

/**
 * Add-on lines for `period` (whose whole cycle has `full` days): a recurring add-on is billed
 * for the days of the period it was attached, pro-rated like the plan; a pending one-off add-on
 * is billed once. Data packs billed here raise the cycle's included bytes.
 */
export async function addonLines(tx: Tx, bc: BillingContext, extras: CycleExtras, period: Period, full: number, currency: string, date: string, text: LineText) {
  const lines: DraftLine[] = [];
  const recurring: DraftLine[] = [];
  const oneOffIds: string[] = [];
  let extraBytes = 0;
  for (const a of extras.addons) {
    const unit = Number(a.price_minor);
    const q = a.quantity;
    const label = q > 1 ? `${a.name} ×${q}` : a.name;
    if (a.billing === 'one_off') {
      const conv = await convertAt(tx, bc, unit, a.currency.trim(), currency, date);
      lines.push({ kind: 'addon', category: 'internet', exempt: !a.taxable, description: label, quantity: String(q), unit: null, unitPrice: conv.amount, amount: conv.amount * q });
      oneOffIds.push(a.id);
      extraBytes += Number(a.data_bytes ?? 0) * q;
      continue;
    }
    const from = a.start_date > period.start ? a.start_date : period.start;
    const to = a.end_date !== null && a.end_date < period.end ? a.end_date : period.end;
    const days = daysBetween(from, to);
    if (days <= 0) continue;
    const whole = days >= full;
    let line: DraftLine;
    if (whole) {
      const conv = await convertAt(tx, bc, unit, a.currency.trim(), currency, date);
      line = { kind: 'addon', category: 'internet', exempt: !a.taxable, description: text.period(label, from, addDays(to, -1)), quantity: String(q), unit: null, unitPrice: conv.amount, amount: conv.amount * q, periodStart: from, periodEnd: addDays(to, -1) };
    } else {
      const conv = await convertAt(tx, bc, prorate(unit * q, days, full), a.currency.trim(), currency, date);
      line = { kind: 'addon', category: 'internet', exempt: !a.taxable, description: text.period(label, from, addDays(to, -1), { days, full }), quantity: '1', unit: null, unitPrice: conv.amount, amount: conv.amount, periodStart: from, periodEnd: addDays(to, -1) };
    }
    lines.push(line);
    recurring.push(line);
    extraBytes += Number(a.data_bytes ?? 0) * q;
  }
  return { lines, recurring, oneOffIds, extraBytes };
}

/**
 * Discount lines of the active coupon redemptions over `base` (the plan and recurring add-ons
 * of the period): percent of the base, or a fixed amount converted from the ISP's currency,
 * never more than what is left of the base. Split over the base's tax groups by weight, so
 * every line's tax is reduced with its own rules.
 */
export async function discountLines(tx: Tx, bc: BillingContext, extras: CycleExtras, base: readonly DraftLine[], currency: string, date: string, text: LineText) {
  const groups = new Map<string, { category: string; exempt: boolean; amount: number }>();
  for (const l of base) {
    if (l.amount <= 0) continue;
    const key = `${l.category}|${l.exempt ? 1 : 0}`;
    const g = groups.get(key) ?? { category: l.category, exempt: l.exempt ?? false, amount: 0 };
    g.amount += l.amount;
    groups.set(key, g);
  }
  const list = [...groups.values()];
  const total = sum(list.map((g) => g.amount));
  const lines: DraftLine[] = [];
  const used: ExtrasBilled['redemptions'] = [];
  let given = 0;
  for (const r of extras.redemptions) {
    const left = total - given;
    if (left <= 0) break;
    const wanted = r.kind === 'percent' ? percentOf(total, r.percent!) : (await convertAt(tx, bc, Number(r.amount_minor), (r.currency ?? bc.isp.currency).trim(), currency, date)).amount;
    const amount = Math.min(wanted, left);
    if (amount <= 0) continue;
    given += amount;
    const label = text.discount(r.code, r.kind === 'percent' ? trimPercent(r.percent!) : undefined);
    const shares = allocate(amount, list.map((g) => g.amount));
    list.forEach((g, i) => {
      if (shares[i]! > 0) lines.push({ kind: 'discount', category: g.category, exempt: g.exempt, description: label, quantity: '1', unit: null, unitPrice: -shares[i]!, amount: -shares[i]! });
    });
    used.push({ id: r.id, usedUp: r.cycles_total !== null && r.cycles_used + 1 >= r.cycles_total });
  }
  return { lines, used };
}

/** After the invoices are written: one-off add-ons point at their invoice, redemptions count a cycle. */
export async function markExtrasBilled(tx: Tx, items: readonly { invoiceId: string; billed: ExtrasBilled }[]): Promise<void> {
  const addons = items.flatMap((i) => i.billed.oneOffIds.map((id) => [id, i.invoiceId] as const));
  if (addons.length) {
    await tx.execute(sql`UPDATE subscription_addons a SET invoice_id = u.inv FROM unnest(${`{${addons.map((p) => p[0]).join(',')}}`}::uuid[], ${`{${addons.map((p) => p[1]).join(',')}}`}::uuid[]) AS u(id, inv) WHERE a.id = u.id`);
  }
  const used = items.flatMap((i) => i.billed.redemptions.map((r) => ({ ...r, inv: i.invoiceId })));
  if (used.length) {
    await tx.execute(sql`UPDATE coupon_redemptions r SET cycles_used = r.cycles_used + 1, last_invoice_id = u.inv, status = CASE WHEN u.up THEN 'used_up' ELSE r.status END
      FROM unnest(${`{${used.map((u) => u.id).join(',')}}`}::uuid[], ${`{${used.map((u) => u.inv).join(',')}}`}::uuid[], ${`{${used.map((u) => u.usedUp).join(',')}}`}::boolean[]) AS u(id, inv, up) WHERE r.id = u.id`);
  }
}

/** Add-on and discount lines of one invoice in one call, for cycle-invoice.ts and recharge.service.ts; `text` is the invoice's language. */
export async function extraLines(tx: Tx, bc: BillingContext, extras: CycleExtras, planLine: DraftLine, period: Period, full: number, currency: string, date: string, text: LineText) {
  const add = await addonLines(tx, bc, extras, period, full, currency, date, text);
  const disc = await discountLines(tx, bc, extras, [planLine, ...add.recurring], currency, date, text);
  return { addonLines: add.lines, discountLines: disc.lines, extraBytes: add.extraBytes, billed: { oneOffIds: add.oneOffIds, redemptions: disc.used } satisfies ExtrasBilled };
}
