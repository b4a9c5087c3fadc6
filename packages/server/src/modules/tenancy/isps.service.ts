import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../app/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertNewPassword, hashPassword } from '../../platform/auth/passwords.ts';
import { platformScope, rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { parseSort, type Page } from '../../platform/http/paging.ts';
import { recordAccess, recordChange } from '../../platform/audit/record-change.ts';
import { users } from '../identity/schema.ts';
import { isps, type IspRow } from './schema.ts';
import type { CreateIspInput, UpdateIspInput } from './isps.schemas.ts';
import { ispFigures, type IspFigures } from './isp-figures.ts';

export function ispToDto(ctx: AppContext, r: IspRow) {
  return {
    id: r.id, slug: r.slug, display_name: r.displayName, custom_domain: r.customDomain, logo_url: r.logoUrl,
    primary_color: r.primaryColor, secondary_color: r.secondaryColor, default_locale: r.defaultLocale, currency: r.currency,
    timezone: r.timezone, status: r.status, saas_plan: r.saasPlan, require_mfa: r.requireMfa, contact_email: r.contactEmail,
    portal_url: r.customDomain ? `https://${r.customDomain}` : `${ctx.config.publicUrl}/t/${r.slug}`,
    created_at: iso(r.createdAt)!, updated_at: iso(r.updatedAt)!,
  };
}

/** A founder creates an ISP and its first admin in one transaction: both exist or neither. */
export async function createIsp(ctx: AppContext, actor: Actor, input: CreateIspInput, opts: { demo?: boolean } = {}) {
  if (!opts.demo) assertNewPassword(input.admin.password, ctx.config.env === 'production', '/body/admin/password');
  const passwordHash = await hashPassword(input.admin.password);
  return withScope(ctx.db, platformScope, async (tx) => {
    const [isp] = await tx.insert(isps).values({
      slug: input.slug, displayName: input.display_name, customDomain: input.custom_domain ?? null, logoUrl: input.logo_url ?? null,
      primaryColor: input.primary_color ?? '#1565c0', secondaryColor: input.secondary_color ?? '#00897b',
      defaultLocale: input.default_locale ?? 'en', currency: input.currency ?? 'USD', timezone: input.timezone ?? 'UTC',
      status: 'active', saasPlan: input.saas_plan ?? 'starter', requireMfa: input.require_mfa ?? false,
      contactEmail: input.contact_email ?? null,
    }).returning();
    const created = isp!;
    const [admin] = await tx.insert(users).values({
      ispId: created.id, email: input.admin.email.toLowerCase(), name: input.admin.name, role: 'isp_admin', passwordHash, isDemo: opts.demo ?? false,
    }).returning({ id: users.id, email: users.email });
    const dto = ispToDto(ctx, created);
    await recordChange(tx, actor, { ispId: created.id, action: 'isp.created', entityType: 'isp', entityId: created.id, after: dto });
    await recordChange(tx, actor, { ispId: created.id, action: 'user.created', entityType: 'user', entityId: admin!.id, after: { email: admin!.email, role: 'isp_admin' } });
    return { ...dto, admin_user_id: admin!.id };
  });
}

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

export async function getIsp(ctx: AppContext, scope: Scope, ispId: string) {
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select().from(isps).where(eq(isps.id, ispId)));
  if (!row) throw notFound('ISP');
  return ispToDto(ctx, row);
}

export async function updateIsp(ctx: AppContext, actor: Actor, scope: Scope, ispId: string, input: UpdateIspInput) {
  if (input.saas_plan !== undefined && actor.role !== 'founder') throw forbidden('Only the platform owner changes the SaaS plan');
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(isps).where(eq(isps.id, ispId)).for('update');
    if (!before) throw notFound('ISP');
    const [after] = await tx.update(isps).set({
      ...(input.display_name !== undefined && { displayName: input.display_name }),
      ...(input.custom_domain !== undefined && { customDomain: input.custom_domain }),
      ...(input.logo_url !== undefined && { logoUrl: input.logo_url }),
      ...(input.primary_color !== undefined && { primaryColor: input.primary_color }),
      ...(input.secondary_color !== undefined && { secondaryColor: input.secondary_color }),
      ...(input.default_locale !== undefined && { defaultLocale: input.default_locale }),
      ...(input.currency !== undefined && { currency: input.currency }),
      ...(input.timezone !== undefined && { timezone: input.timezone }),
      ...(input.require_mfa !== undefined && { requireMfa: input.require_mfa }),
      ...(input.contact_email !== undefined && { contactEmail: input.contact_email }),
      ...(input.saas_plan !== undefined && { saasPlan: input.saas_plan }),
      updatedAt: new Date(),
    }).where(eq(isps.id, ispId)).returning();
    await recordChange(tx, actor, { ispId, action: 'isp.updated', entityType: 'isp', entityId: ispId, before: ispToDto(ctx, before), after: ispToDto(ctx, after!) });
    return ispToDto(ctx, after!);
  });
}

/** Suspending an ISP locks out its staff and subscribers: their access tokens stop working. */
export async function setIspStatus(ctx: AppContext, actor: Actor, ispId: string, status: 'active' | 'suspended' | 'terminated') {
  const dto = await withScope(ctx.db, platformScope, async (tx) => {
    const [before] = await tx.select().from(isps).where(eq(isps.id, ispId)).for('update');
    if (!before) throw notFound('ISP');
    // Termination is final (its subscribers were told service ended); only a new ISP brings it back.
    if (before.status === 'terminated') throw conflict('A terminated ISP cannot be resumed, suspended or terminated again');
    const [after] = await tx.update(isps).set({ status, updatedAt: new Date() }).where(eq(isps.id, ispId)).returning();
    const action = status === 'active' ? 'isp.resumed' : status === 'suspended' ? 'isp.suspended' : 'isp.terminated';
    await recordChange(tx, actor, { ispId, action, entityType: 'isp', entityId: ispId, before: { status: before.status }, after: { status } });
    return ispToDto(ctx, after!);
  });
  // Its staff's and subscribers' tokens stop here at once, elsewhere when the event arrives.
  ctx.accounts.forgetIsp(ispId);
  return dto;
}
