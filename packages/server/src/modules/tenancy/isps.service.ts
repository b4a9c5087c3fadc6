import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { platformScope, withScope, type Scope } from '../../platform/db/scope.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { isps, type IspRow } from './schema.ts';
import type { CreateIspInput, UpdateIspInput } from './isps.schemas.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Tenant } from '../../platform/tenant.ts';

/** The ISP's own fields of a creation request (the first admin is the identity module's). */
export type IspFields = Omit<CreateIspInput, 'admin'>;

export function ispToDto(ctx: AppContext, r: IspRow) {
  return {
    id: r.id, slug: r.slug, display_name: r.displayName, custom_domain: r.customDomain, logo_url: r.logoUrl,
    primary_color: r.primaryColor, secondary_color: r.secondaryColor, default_locale: r.defaultLocale, currency: r.currency,
    timezone: r.timezone, status: r.status, saas_plan: r.saasPlan, require_mfa: r.requireMfa, contact_email: r.contactEmail,
    portal_url: r.customDomain ? `https://${r.customDomain}` : `${ctx.config.publicUrl}/t/${r.slug}`,
    created_at: iso(r.createdAt)!, updated_at: iso(r.updatedAt)!,
  };
}

/**
 * Inserts an ISP in the caller's transaction and records it; the identity module's onboarding
 * adds its first admin in the same transaction, so both exist or neither.
 */
export async function insertIsp(ctx: AppContext, tx: Tx, actor: Actor, input: IspFields): Promise<ReturnType<typeof ispToDto>> {
  const [isp] = await tx.insert(isps).values({
    slug: input.slug, displayName: input.display_name, customDomain: input.custom_domain ?? null, logoUrl: input.logo_url ?? null,
    primaryColor: input.primary_color ?? '#1565c0', secondaryColor: input.secondary_color ?? '#00897b',
    defaultLocale: input.default_locale ?? 'en', currency: input.currency ?? 'USD', timezone: input.timezone ?? 'UTC',
    status: 'active', saasPlan: input.saas_plan ?? 'starter', requireMfa: input.require_mfa ?? false,
    contactEmail: input.contact_email ?? null,
  }).returning();
  const dto = ispToDto(ctx, isp!);
  await recordChange(tx, actor, { ispId: dto.id, action: 'isp.created', entityType: 'isp', entityId: dto.id, after: dto });
  return dto;
}

export async function getIsp(ctx: AppContext, scope: Scope, ispId: string) {
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select().from(isps).where(eq(isps.id, ispId)));
  if (!row) throw notFound('ISP');
  return ispToDto(ctx, row);
}

export async function updateIsp(ctx: AppContext, { actor, scope, ispId }: Tenant, input: UpdateIspInput) {
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
