import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { convert } from '../../platform/money/money.ts';
import { divideDecimal } from '../../platform/money/decimal.ts';

export const analyticsDto = z.object({
  currency: z.string().describe("The ISP's base currency; other currencies converted at each invoice's recorded rate"),
  invoiced_this_month: z.number().int().describe('Issued this month, less credit notes issued this month'), collected_this_month: z.number().int(),
  mrr: z.number().int().describe('Net recurring revenue (plan and usage lines, less credits) of invoices issued in the last 30 days'),
  outstanding: z.number().int(), overdue: z.number().int(), open_invoices: z.number().int(), overdue_invoices: z.number().int(),
  active_subscriptions: z.number().int(),
  monthly: z.array(z.object({ month: z.string(), invoiced: z.number().int(), credited: z.number().int(), collected: z.number().int() })).describe('Last 12 months'),
});
export type Analytics = z.infer<typeof analyticsDto>;

type Group = { currency: string; rate: string; amount: string };
/** Sums per (currency, rate) converted to the base currency at the rate each invoice recorded. */
const toBase = (groups: Group[], base: string) =>
  groups.reduce((a, g) => a + (g.currency.trim() === base ? Number(g.amount) : convert(Number(g.amount), g.currency.trim(), base, divideDecimal('1', g.rate))), 0);

/** Revenue figures computed from the ISP's issued invoices (void and drafts excluded). */
export async function revenueAnalytics(ctx: AppContext, scope: Scope, ispId: string): Promise<Analytics> {
  return withScope(ctx.db, scope, async (tx) => {
    const [isp] = await rows<{ currency: string }>(tx, sql`SELECT currency FROM isps WHERE id = ${ispId}`);
    const base = isp?.currency.trim() ?? 'USD';
    const live = sql`isp_id = ${ispId} AND status NOT IN ('draft', 'void')`;
    const g = (q: ReturnType<typeof sql>) => rows<Group>(tx, q);
    const month = sql`date_trunc('month', current_date)`;
    const invoiced = await g(sql`SELECT currency, exchange_rate::text AS rate, sum(total)::text AS amount FROM invoices WHERE ${live} AND kind = 'invoice' AND issue_date >= ${month} GROUP BY 1, 2`);
    const credited = await g(sql`SELECT currency, exchange_rate::text AS rate, sum(total)::text AS amount FROM invoices WHERE ${live} AND kind = 'credit_note' AND issue_date >= ${month} GROUP BY 1, 2`);
    const collected = await g(sql`SELECT currency, exchange_rate::text AS rate, sum(amount_paid)::text AS amount FROM invoices WHERE ${live} AND kind = 'invoice' AND issue_date >= ${month} GROUP BY 1, 2`);
    const mrr = await g(sql`SELECT i.currency, i.exchange_rate::text AS rate, sum(CASE WHEN i.kind = 'credit_note' THEN -l.net_amount ELSE l.net_amount END)::text AS amount
      FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
      WHERE i.isp_id = ${ispId} AND i.status NOT IN ('draft', 'void') AND i.issue_date > current_date - 30 AND l.kind IN ('plan', 'proration', 'overage', 'credit') AND l.category = 'internet'
      GROUP BY 1, 2`);
    const open = await g(sql`SELECT currency, exchange_rate::text AS rate, sum(total - amount_paid - amount_credited)::text AS amount FROM invoices WHERE isp_id = ${ispId} AND kind = 'invoice' AND status IN ('issued', 'partially_paid', 'overdue') GROUP BY 1, 2`);
    const overdue = await g(sql`SELECT currency, exchange_rate::text AS rate, sum(total - amount_paid - amount_credited)::text AS amount FROM invoices WHERE isp_id = ${ispId} AND kind = 'invoice' AND status IN ('issued', 'partially_paid', 'overdue') AND due_date < current_date GROUP BY 1, 2`);
    const [counts] = await rows<{ open: number; overdue: number; subs: number }>(tx, sql`SELECT
      (SELECT count(*)::int FROM invoices WHERE isp_id = ${ispId} AND kind = 'invoice' AND status IN ('issued', 'partially_paid', 'overdue')) AS open,
      (SELECT count(*)::int FROM invoices WHERE isp_id = ${ispId} AND kind = 'invoice' AND status IN ('issued', 'partially_paid', 'overdue') AND due_date < current_date) AS overdue,
      (SELECT count(*)::int FROM subscriptions WHERE isp_id = ${ispId} AND status = 'active') AS subs`);
    const monthly = await rows<Group & { month: string; kind: string; paid: string }>(tx, sql`SELECT to_char(date_trunc('month', issue_date), 'YYYY-MM') AS month, kind, currency, exchange_rate::text AS rate,
        sum(total)::text AS amount, sum(amount_paid)::text AS paid
      FROM invoices WHERE ${live} AND issue_date >= (date_trunc('month', current_date) - interval '11 months') GROUP BY 1, 2, 3, 4`);
    const months = [...new Set(monthly.map((m) => m.month))].sort();
    return {
      currency: base, invoiced_this_month: toBase(invoiced, base) - toBase(credited, base), collected_this_month: toBase(collected, base), mrr: toBase(mrr, base),
      outstanding: toBase(open, base), overdue: toBase(overdue, base), open_invoices: counts?.open ?? 0, overdue_invoices: counts?.overdue ?? 0,
      active_subscriptions: counts?.subs ?? 0,
      monthly: months.map((m) => ({
        month: m,
        invoiced: toBase(monthly.filter((x) => x.month === m && x.kind === 'invoice'), base),
        credited: toBase(monthly.filter((x) => x.month === m && x.kind === 'credit_note'), base),
        collected: toBase(monthly.filter((x) => x.month === m && x.kind === 'invoice').map((x) => ({ ...x, amount: x.paid })), base),
      })),
    };
  });
}
