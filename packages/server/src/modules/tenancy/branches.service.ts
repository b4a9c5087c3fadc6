import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { invalidField, conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { branches, type BranchRow } from './schema.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

export const branchFields = {
  name: z.string().min(1).max(120),
  code: z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _'),
  parent_branch_id: z.uuid().nullable().optional(),
  address: z.string().max(500).nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
};
export const createBranchBody = z.strictObject(branchFields);
export const updateBranchBody = z.strictObject({
  name: branchFields.name.optional(), code: branchFields.code.optional(), parent_branch_id: branchFields.parent_branch_id,
  address: branchFields.address, phone: branchFields.phone, status: z.enum(['active', 'inactive']).optional(),
});
export const branchDto = z.object({
  id: z.string(), isp_id: z.string(), parent_branch_id: z.string().nullable(), name: z.string(), code: z.string(),
  address: z.string().nullable(), phone: z.string().nullable(), status: z.string(), created_at: z.string(), updated_at: z.string(),
});

export const toBranchDto = (b: BranchRow): z.infer<typeof branchDto> => ({
  id: b.id, isp_id: b.ispId, parent_branch_id: b.parentBranchId, name: b.name, code: b.code, address: b.address,
  phone: b.phone, status: b.status, created_at: iso(b.createdAt)!, updated_at: iso(b.updatedAt)!,
});

/** Branch managers may only add branches beneath their own; RLS hides the rest. */
function assertParentAllowed(actor: Actor, scope: Scope, parentId: string | null | undefined) {
  if (actor.role === 'branch_manager' && !parentId) throw invalidField('Branch managers create branches beneath their own branch', [{ pointer: '/body/parent_branch_id', detail: 'required' }]);
  if (scope.kind === 'tenant' && scope.branchIds && parentId && !scope.branchIds.includes(parentId)) throw notFound('Parent branch');
}

export async function createBranch(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof createBranchBody>) {
  assertParentAllowed(actor, scope, input.parent_branch_id);
  return withScope(ctx.db, scope, async (tx) => {
    if (input.parent_branch_id) {
      const [parent] = await tx.select({ id: branches.id }).from(branches).where(and(eq(branches.id, input.parent_branch_id), eq(branches.ispId, ispId)));
      if (!parent) throw notFound('Parent branch');
    }
    const [row] = await tx.insert(branches).values({
      ispId, name: input.name, code: input.code, parentBranchId: input.parent_branch_id ?? null,
      address: input.address ?? null, phone: input.phone ?? null, status: 'active',
    }).returning();
    const dto = toBranchDto(row!);
    await recordChange(tx, actor, { ispId, action: 'branch.created', entityType: 'branch', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function listBranches(ctx: AppContext, scope: Scope, ispId: string) {
  const list = await withScope(ctx.db, scope, (tx) => tx.select().from(branches).where(eq(branches.ispId, ispId)).orderBy(asc(branches.name)));
  return list.map(toBranchDto);
}

export async function getBranch(ctx: AppContext, scope: Scope, branchId: string) {
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select().from(branches).where(eq(branches.id, branchId)));
  if (!row) throw notFound('Branch');
  return toBranchDto(row);
}

export async function updateBranch(ctx: AppContext, { actor, scope }: ActorInScope, branchId: string, input: z.infer<typeof updateBranchBody>) {
  if (input.parent_branch_id !== undefined) assertParentAllowed(actor, scope, input.parent_branch_id);
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(branches).where(eq(branches.id, branchId)).for('update');
    if (!before) throw notFound('Branch');
    if (input.parent_branch_id) {
      // The tree must stay a tree: the new parent may not be the branch or one of its descendants.
      const [cycle] = await rows<{ hit: boolean }>(tx, sql`
        WITH RECURSIVE d AS (SELECT id FROM branches WHERE id = ${branchId}
          UNION ALL SELECT b.id FROM branches b JOIN d ON b.parent_branch_id = d.id)
        SELECT EXISTS (SELECT 1 FROM d WHERE id = ${input.parent_branch_id}) AS hit`);
      if (cycle?.hit) throw invalidField('A branch cannot be moved beneath itself', [{ pointer: '/body/parent_branch_id', detail: 'would create a cycle' }]);
      const [parent] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, input.parent_branch_id));
      if (!parent) throw notFound('Parent branch');
    }
    const [after] = await tx.update(branches).set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.code !== undefined && { code: input.code }),
      ...(input.parent_branch_id !== undefined && { parentBranchId: input.parent_branch_id }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.status !== undefined && { status: input.status }),
      updatedAt: new Date(),
    }).where(eq(branches.id, branchId)).returning();
    const dto = toBranchDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'branch.updated', entityType: 'branch', entityId: branchId, before: toBranchDto(before), after: dto });
    return dto;
  });
}

/** Only an empty branch goes: sub-branches, staff and subscribers must move first. */
export async function deleteBranch(ctx: AppContext, { actor, scope }: ActorInScope, branchId: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(branches).where(eq(branches.id, branchId)).for('update');
    if (!before) throw notFound('Branch');
    if (actor.role === 'branch_manager' && actor.branchId === branchId) throw conflict('A branch manager cannot delete their own branch');
    const [use] = await rows<{ n: number }>(tx, sql`SELECT (SELECT count(*) FROM branches WHERE parent_branch_id = ${branchId})
      + (SELECT count(*) FROM subscribers WHERE branch_id = ${branchId}) + (SELECT count(*) FROM users WHERE branch_id = ${branchId}) AS n`);
    if (Number(use?.n ?? 0) > 0) throw conflict('The branch still has sub-branches, staff or subscribers; move them first');
    await tx.delete(branches).where(eq(branches.id, branchId));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'branch.deleted', entityType: 'branch', entityId: branchId, before: toBranchDto(before) });
  });
}
