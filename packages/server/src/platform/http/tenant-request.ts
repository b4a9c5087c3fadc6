import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Tenant } from '../tenant.ts';
import type { Permission } from '../auth/permissions.ts';
import { platformScope, withScope } from '../db/scope.ts';
import { recordAccess } from '../audit/record-change.ts';
import { requireActor, scopeForIsp } from './authenticate.ts';
import { notFound } from './errors.ts';

/** The tenant of an ISP id (the route plugin, tenant-context.ts, calls it for routes that declare a permission): permission first, then the tenant scope (404 for other ISPs). */
export async function tenantRequest(ctx: AppContext, req: FastifyRequest, ispId: string, permission: Permission): Promise<Tenant> {
  const actor = requireActor(req, permission);
  return { actor, scope: await scopeForIsp(ctx, actor, ispId), ispId };
}

/**
 * For routes addressed by a branch id alone: the ISP is the actor's own; a founder's
 * lookup of which ISP owns the branch is a cross-tenant read, so it is audited.
 */
export async function branchRequest(ctx: AppContext, req: FastifyRequest, branchId: string, permission: Permission): Promise<Tenant> {
  const actor = requireActor(req, permission);
  let ispId = actor.ispId;
  if (actor.role === 'founder') {
    ispId = await withScope(ctx.db, platformScope, async (tx) => {
      await recordAccess(tx, actor, { action: 'platform.branch_resolved', entityType: 'branch', entityId: branchId });
      return ctx.branches.ispOf(tx, branchId);
    });
  }
  if (!ispId) throw notFound('Branch');
  const scope = await scopeForIsp(ctx, actor, ispId);
  if (!(await withScope(ctx.db, scope, (tx) => ctx.branches.visible(tx, branchId)))) throw notFound('Branch');
  return { actor, scope, ispId };
}
