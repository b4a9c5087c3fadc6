import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { platformScope, rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { recordAccess } from '../../../platform/audit/record-change.ts';
import { dampedTrendForecast } from './trend.ts';
import type { growthForecastDto } from './growth.schemas.ts';

export const growthModelVersion = 'ets-aadn/1';
type Month = { month: string; subscribers: number; mrr: number | string; currency: string | null };

/**
 * An ISP's subscriber growth and MRR: the months it billed (by the month each invoice bills,
 * issued invoices only: drafts and void ones are not revenue), the last 24 of them, and the
 * next months by the damped-trend model. Computed on request: two dozen points.
 */
export async function ispGrowthForecast(ctx: AppContext, scope: Scope, ispId: string, months: number): Promise<z.infer<typeof growthForecastDto>> {
  const history = await withScope(ctx.db, scope, (tx) => rows<Month>(tx, sql`
    SELECT to_char(date_trunc('month', v.period_start), 'YYYY-MM') AS month, count(DISTINCT v.subscriber_id)::int AS subscribers,
      sum(v.subtotal)::text AS mrr, min(v.currency) AS currency
    FROM invoices v WHERE v.isp_id = ${ispId}::uuid AND v.period_start IS NOT NULL AND v.status NOT IN ('draft', 'void')
    GROUP BY 1 ORDER BY 1 DESC LIMIT 24`));
  return growthOf(history.reverse(), months);
}

/**
 * The platform's: ISPs' subscribers billed per month across all ISPs, and the founder's own MRR
 * (the platform's invoices to ISPs, one currency), each over the months it has, read on the
 * platform scope and audited.
 */
export async function platformGrowthForecast(ctx: AppContext, actor: Actor, months: number): Promise<z.infer<typeof growthForecastDto>> {
  const [subs, saas] = await withScope(ctx.db, platformScope, async (tx) => {
    await recordAccess(tx, actor, { action: 'platform.growth_forecast_viewed', entityType: 'platform' });
    return Promise.all([
      rows<Month>(tx, sql`SELECT to_char(date_trunc('month', period_start), 'YYYY-MM') AS month, count(DISTINCT subscriber_id)::int AS subscribers, '0' AS mrr, NULL AS currency
        FROM invoices WHERE period_start IS NOT NULL AND status NOT IN ('draft', 'void') GROUP BY 1 ORDER BY 1 DESC LIMIT 24`),
      rows<Month>(tx, sql`SELECT to_char(date_trunc('month', period_start), 'YYYY-MM') AS month, 0 AS subscribers, sum(subtotal)::text AS mrr, min(currency) AS currency
        FROM platform_invoices WHERE status IN ('issued', 'paid') GROUP BY 1 ORDER BY 1 DESC LIMIT 24`),
    ]);
  });
  return {
    model_version: growthModelVersion,
    currency: saas.find((h) => h.currency)?.currency ?? null,
    subscribers: monthly(subs.reverse().map((h) => ({ month: h.month, value: h.subscribers })), months),
    mrr: monthly(saas.reverse().map((h) => ({ month: h.month, value: Number(h.mrr) })), months),
  };
}

function growthOf(history: Month[], months: number): z.infer<typeof growthForecastDto> {
  return {
    model_version: growthModelVersion,
    currency: history.findLast((h) => h.currency)?.currency ?? null,
    subscribers: monthly(history.map((h) => ({ month: h.month, value: h.subscribers })), months),
    mrr: monthly(history.map((h) => ({ month: h.month, value: Number(h.mrr) })), months),
  };
}

/** A monthly series and its forecast for the `months` after its last month. */
function monthly(history: { month: string; value: number }[], months: number) {
  const next = (k: number) => {
    const [y, m] = history.at(-1)!.month.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m - 1 + k, 1)).toISOString().slice(0, 7);
  };
  const f = dampedTrendForecast(history.map((h) => h.value), months);
  return {
    history,
    forecast: f ? f.mean.map((v, k) => ({ month: next(k + 1), value: Math.max(0, v), lower80: Math.max(0, f.lower80[k]!), upper80: f.upper80[k]!, lower95: Math.max(0, f.lower95[k]!), upper95: f.upper95[k]! })) : [],
  };
}
