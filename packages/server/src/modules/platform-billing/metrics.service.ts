import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { recordAccess } from '../../platform/audit/record-change.ts';
import type { metricsDto } from './platform-billing.schemas.ts';

type Month = { month: string; mrr: string; isps: number; collected: string; isps_lost: number; revenue_lost: string };

/**
 * SaaS figures from the platform's own invoices (issued or paid; drafts and void left out),
 * by the month each invoice bills. MRR is the net (before tax) of the latest billed month;
 * an ISP is lost in a month when it was billed the month before and not in that month.
 */
export async function platformMetrics(ctx: AppContext, actor: Actor, today = new Date().toISOString().slice(0, 10)): Promise<z.infer<typeof metricsDto>> {
  return withScope(ctx.db, platformScope, async (tx) => {
    await recordAccess(tx, actor, { action: 'platform.saas_metrics_viewed', entityType: 'platform' });
    const months = await rows<Month>(tx, sql`
      WITH months AS (SELECT generate_series(date_trunc('month', ${today}::date) - interval '11 months', date_trunc('month', ${today}::date), interval '1 month')::date AS m),
      billed AS (SELECT date_trunc('month', period_start)::date AS m, isp_id, sum(subtotal) AS net
                 FROM platform_invoices WHERE status IN ('issued', 'paid') GROUP BY 1, 2)
      SELECT to_char(months.m, 'YYYY-MM') AS month,
        coalesce((SELECT sum(net) FROM billed b WHERE b.m = months.m), 0)::text AS mrr,
        (SELECT count(*)::int FROM billed b WHERE b.m = months.m) AS isps,
        coalesce((SELECT sum(amount) FROM platform_payments p WHERE date_trunc('month', p.received_at)::date = months.m), 0)::text AS collected,
        (SELECT count(*)::int FROM billed prev WHERE prev.m = (months.m - interval '1 month')::date
           AND NOT EXISTS (SELECT 1 FROM billed cur WHERE cur.m = months.m AND cur.isp_id = prev.isp_id)) AS isps_lost,
        coalesce((SELECT sum(prev.net) FROM billed prev WHERE prev.m = (months.m - interval '1 month')::date
           AND NOT EXISTS (SELECT 1 FROM billed cur WHERE cur.m = months.m AND cur.isp_id = prev.isp_id)), 0)::text AS revenue_lost
      FROM months ORDER BY months.m`);
    const monthly = months.map((m) => ({ ...m, mrr: Number(m.mrr), collected: Number(m.collected), revenue_lost: Number(m.revenue_lost) }));
    // The current month counts once it has been billed; until then the month before carries MRR.
    const latestIdx = monthly.findLastIndex((m) => m.isps > 0);
    const latest = latestIdx >= 0 ? monthly[latestIdx]! : null;
    const previous = latestIdx > 0 ? monthly[latestIdx - 1]! : null;
    const latestMonth = latest ? `${latest.month}-01` : null;
    const perIsp = await rows<{ isp_id: string; isp_name: string; plan_name: string | null; mrr: string; billed_12m: string; paid_12m: string; outstanding: string }>(tx, sql`
      SELECT i.id AS isp_id, i.display_name AS isp_name, p.name AS plan_name,
        coalesce(sum(v.subtotal) FILTER (WHERE v.period_start = ${latestMonth}::date), 0)::text AS mrr,
        coalesce(sum(v.total) FILTER (WHERE v.period_start >= date_trunc('month', ${today}::date) - interval '11 months'), 0)::text AS billed_12m,
        coalesce(sum(v.amount_paid) FILTER (WHERE v.period_start >= date_trunc('month', ${today}::date) - interval '11 months'), 0)::text AS paid_12m,
        coalesce(sum(v.total - v.amount_paid) FILTER (WHERE v.status = 'issued'), 0)::text AS outstanding
      FROM isps i
      LEFT JOIN platform_plan_assignments a ON a.isp_id = i.id LEFT JOIN platform_plans p ON p.id = a.plan_id
      LEFT JOIN platform_invoices v ON v.isp_id = i.id AND v.status IN ('issued', 'paid')
      WHERE a.isp_id IS NOT NULL OR v.id IS NOT NULL
      GROUP BY i.id, i.display_name, p.name ORDER BY 4 DESC, 5 DESC, i.display_name`);
    const [settings] = await rows<{ currency: string }>(tx, sql`SELECT currency FROM platform_billing_settings`);
    const mrr = latest?.mrr ?? 0;
    return {
      currency: settings!.currency.trim(), mrr, arr: mrr * 12, paying_isps: latest?.isps ?? 0,
      churn_rate: previous && previous.isps > 0 ? Math.round((latest!.isps_lost / previous.isps) * 10000) / 10000 : null,
      monthly,
      per_isp: perIsp.map((r) => ({ ...r, mrr: Number(r.mrr), billed_12m: Number(r.billed_12m), paid_12m: Number(r.paid_12m), outstanding: Number(r.outstanding) })),
    };
  });
}
