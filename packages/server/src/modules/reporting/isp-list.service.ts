import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { parseSort, type Page } from '../../platform/http/paging.ts';
import { recordAccess } from '../../platform/audit/record-change.ts';
import { ispDto, type IspRow, ispToDto } from '../tenancy/index.ts';
import { ispFigures, type IspFigures } from './isp-figures.ts';

export const ispListItem = ispDto.extend({
  subscribers_total: z.number().int(), subscribers_active: z.number().int(), branches: z.number().int(), staff: z.number().int(),
  billing_plan: z.string().nullable().describe('The platform plan the ISP is billed on (SaaS billing); null when none is assigned'),
  revenue_this_month: z.number().int().describe("Collected from its subscribers this calendar month (its time zone), minor units of its currency, net of refunds"),
  health_score: z.number().nullable().describe('NOC network health 0-100 (the NOC dashboard formula); null when no device has been polled'),
});

const ispSortColumns: Record<string, string> = { created_at: 'i.created_at', display_name: 'i.display_name', slug: 'i.slug', subscribers_total: 'subscribers_total' };

/** The founder's cross-tenant list: platform scope, and the read itself is audited. */
export async function listIsps(ctx: AppContext, actor: Actor, q: { limit: number; offset: number; sort: string; status?: string | undefined; q?: string | undefined }): Promise<Page<ReturnType<typeof ispToDto> & { subscribers_total: number; subscribers_active: number; branches: number; staff: number; billing_plan: string | null } & IspFigures>> {
  const { field, desc } = parseSort(q.sort);
  const order = sql.raw(`${ispSortColumns[field] ?? 'i.created_at'} ${desc ? 'DESC' : 'ASC'}, i.id`);
  const search = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
  return withScope(ctx.db, platformScope, async (tx) => {
    await recordAccess(tx, actor, { action: 'platform.isps_listed', entityType: 'isp' });
    const where = sql`(${q.status ?? null}::text IS NULL OR i.status = ${q.status ?? null})
      AND (${search}::text IS NULL OR i.display_name ILIKE ${search} OR i.slug ILIKE ${search})`;
    const list = await rows<IspRow & { subscribers_total: number; subscribers_active: number; branches: number; staff: number; billing_plan: string | null }>(tx, sql`
      SELECT i.id, i.slug, i.display_name AS "displayName", i.custom_domain AS "customDomain", i.logo_url AS "logoUrl",
             i.primary_color AS "primaryColor", i.secondary_color AS "secondaryColor", i.default_locale AS "defaultLocale",
             i.currency, i.timezone, i.status, i.saas_plan AS "saasPlan", i.require_mfa AS "requireMfa",
             i.contact_email AS "contactEmail", i.expired_action AS "expiredAction",
             i.walled_garden_address_list AS "walledGardenAddressList", i.created_at AS "createdAt", i.updated_at AS "updatedAt",
             (SELECT count(*)::int FROM subscribers s WHERE s.isp_id = i.id) AS subscribers_total,
             (SELECT count(*)::int FROM subscribers s WHERE s.isp_id = i.id AND s.status = 'active') AS subscribers_active,
             (SELECT count(*)::int FROM branches b WHERE b.isp_id = i.id) AS branches,
             (SELECT count(*)::int FROM users u WHERE u.isp_id = i.id) AS staff,
             (SELECT p.name FROM platform_plan_assignments a JOIN platform_plans p ON p.id = a.plan_id WHERE a.isp_id = i.id) AS billing_plan
      FROM isps i WHERE ${where} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`);
    const [count] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM isps i WHERE ${where}`);
    const figures = await ispFigures(tx, list.map((r) => r.id));
    return {
      items: list.map((r) => ({
        ...ispToDto(ctx, r), subscribers_total: r.subscribers_total, subscribers_active: r.subscribers_active, branches: r.branches, staff: r.staff, billing_plan: r.billing_plan,
        ...figures.get(r.id)!,
      })),
      total: count?.n ?? 0, limit: q.limit, offset: q.offset,
    };
  });
}
