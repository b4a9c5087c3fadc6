import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { platformScope, rows, withScope, type Scope } from '../../platform/db/scope.ts';
import type { Tx } from '../../platform/db/database.ts';
import { recordAccess } from '../../platform/audit/record-change.ts';
import { ticketFigures, ticketFiguresDto } from '../support/index.ts';

const countBy = z.array(z.object({ key: z.string(), label: z.string().nullable(), count: z.number().int() }));
const daily = z.array(z.object({ day: z.string(), count: z.number().int() }));

export const tenantDashboardDto = z.object({
  subscribers: z.object({
    total: z.number().int(), active: z.number().int(), suspended: z.number().int(), expired: z.number().int(), terminated: z.number().int(),
  }),
  subscribers_by_plan: countBy,
  subscribers_by_branch: countBy,
  new_subscribers_per_day: daily.describe('Last 30 days, in the ISP time zone'),
  branches: z.number().int(),
  staff: z.number().int(),
  plans: z.number().int(),
  tickets: ticketFiguresDto,
});

export const founderDashboardDto = z.object({
  isps: z.object({ total: z.number().int(), active: z.number().int(), suspended: z.number().int(), terminated: z.number().int() }),
  subscribers: z.object({ total: z.number().int(), active: z.number().int() }),
  staff: z.number().int(),
  new_subscribers_per_day: daily,
  top_isps: z.array(z.object({ id: z.string(), slug: z.string(), display_name: z.string(), subscribers: z.number().int() })),
});

type Counts = { total: number; active: number; suspended: number; expired: number; terminated: number };

/** Every figure is counted from the rows the scope can see: RLS narrows branch dashboards. */
async function tenantFigures(tx: Tx, ispId: string): Promise<z.infer<typeof tenantDashboardDto>> {
  const [counts] = await rows<Counts>(tx, sql`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'active')::int AS active,
           count(*) FILTER (WHERE status = 'suspended')::int AS suspended, count(*) FILTER (WHERE status = 'expired')::int AS expired,
           count(*) FILTER (WHERE status = 'terminated')::int AS terminated
    FROM subscribers WHERE isp_id = ${ispId}`);
  const byPlan = await rows<{ key: string; label: string | null; count: number }>(tx, sql`
    SELECT coalesce(s.plan_id::text, 'none') AS key, p.name AS label, count(*)::int AS count
    FROM subscribers s LEFT JOIN subscription_plans p ON p.id = s.plan_id
    WHERE s.isp_id = ${ispId} AND s.status <> 'terminated' GROUP BY 1, 2 ORDER BY 3 DESC`);
  const byBranch = await rows<{ key: string; label: string | null; count: number }>(tx, sql`
    SELECT coalesce(s.branch_id::text, 'none') AS key, b.name AS label, count(*)::int AS count
    FROM subscribers s LEFT JOIN branches b ON b.id = s.branch_id
    WHERE s.isp_id = ${ispId} AND s.status <> 'terminated' GROUP BY 1, 2 ORDER BY 3 DESC`);
  const perDay = await rows<{ day: string; count: number }>(tx, sql`
    WITH tz AS (SELECT timezone FROM isps WHERE id = ${ispId}),
    days AS (SELECT generate_series((now() AT TIME ZONE (SELECT timezone FROM tz))::date - 29,
                                    (now() AT TIME ZONE (SELECT timezone FROM tz))::date, interval '1 day')::date AS day)
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(s.id)::int AS count FROM days d
    LEFT JOIN subscribers s ON s.isp_id = ${ispId} AND (s.created_at AT TIME ZONE (SELECT timezone FROM tz))::date = d.day
    GROUP BY d.day ORDER BY d.day`);
  const [other] = await rows<{ branches: number; staff: number; plans: number }>(tx, sql`
    SELECT (SELECT count(*)::int FROM branches WHERE isp_id = ${ispId}) AS branches,
           (SELECT count(*)::int FROM users WHERE isp_id = ${ispId}) AS staff,
           (SELECT count(*)::int FROM subscription_plans WHERE isp_id = ${ispId} AND status = 'active') AS plans`);
  return {
    subscribers: counts!, subscribers_by_plan: byPlan, subscribers_by_branch: byBranch, new_subscribers_per_day: perDay,
    branches: other!.branches, staff: other!.staff, plans: other!.plans,
    tickets: await ticketFigures(tx, ispId),
  };
}

export function tenantDashboard(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, (tx) => tenantFigures(tx, ispId));
}

export async function founderDashboard(ctx: AppContext, actor: Actor): Promise<z.infer<typeof founderDashboardDto>> {
  return withScope(ctx.db, platformScope, async (tx) => {
    await recordAccess(tx, actor, { action: 'platform.dashboard_viewed', entityType: 'platform' });
    const [isps] = await rows<{ total: number; active: number; suspended: number; terminated: number }>(tx, sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'active')::int AS active,
             count(*) FILTER (WHERE status = 'suspended')::int AS suspended, count(*) FILTER (WHERE status = 'terminated')::int AS terminated
      FROM isps`);
    const [subs] = await rows<{ total: number; active: number; staff: number }>(tx, sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'active')::int AS active,
             (SELECT count(*)::int FROM users) AS staff FROM subscribers`);
    const perDay = await rows<{ day: string; count: number }>(tx, sql`
      WITH days AS (SELECT generate_series(current_date - 29, current_date, interval '1 day')::date AS day)
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(s.id)::int AS count FROM days d
      LEFT JOIN subscribers s ON s.created_at::date = d.day GROUP BY d.day ORDER BY d.day`);
    const top = await rows<{ id: string; slug: string; display_name: string; subscribers: number }>(tx, sql`
      SELECT i.id, i.slug, i.display_name, count(s.id)::int AS subscribers FROM isps i
      LEFT JOIN subscribers s ON s.isp_id = i.id AND s.status <> 'terminated'
      GROUP BY i.id ORDER BY 4 DESC, i.display_name LIMIT 10`);
    return { isps: isps!, subscribers: { total: subs!.total, active: subs!.active }, staff: subs!.staff, new_subscribers_per_day: perDay, top_isps: top };
  });
}
