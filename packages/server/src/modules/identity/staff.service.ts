import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canGrant } from '../../platform/auth/permissions.ts';
import { assertNewPassword, hashPassword } from '../../platform/auth/passwords.ts';
import { withScope, type Scope } from '../../platform/db/scope.ts';
import type { Tx } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { invalidField, conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { parseSort, type Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { branches } from '../tenancy/index.ts';
import { staffRoles, users, type UserRow } from './schema.ts';
import { revokeAllSessions } from './auth.service.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

export const createStaffBody = z.strictObject({
  email: z.email().max(254),
  name: z.string().min(1).max(120),
  phone: z.string().max(40).nullable().optional(),
  role: z.enum(staffRoles),
  branch_id: z.uuid().nullable().optional(),
  password: z.string().min(1).max(256),
  locale: z.enum(['en', 'es', 'fr', 'ar', 'hi']).nullable().optional(),
});
export const updateStaffBody = z.strictObject({
  name: z.string().min(1).max(120).optional(),
  phone: z.string().max(40).nullable().optional(),
  role: z.enum(staffRoles).optional(),
  branch_id: z.uuid().nullable().optional(),
  locale: z.enum(['en', 'es', 'fr', 'ar', 'hi']).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  password: z.string().min(1).max(256).optional(),
});
export const staffDto = z.object({
  id: z.string(), isp_id: z.string(), branch_id: z.string().nullable(), email: z.string(), name: z.string(), phone: z.string().nullable(),
  role: z.string(), status: z.string(), locale: z.string().nullable(), mfa_enabled: z.boolean(), last_login_at: z.string().nullable(),
  created_at: z.string(),
});
export const toStaffDto = (u: UserRow): z.infer<typeof staffDto> => ({
  id: u.id, isp_id: u.ispId, branch_id: u.branchId, email: u.email, name: u.name, phone: u.phone, role: u.role, status: u.status,
  locale: u.locale, mfa_enabled: u.mfaEnabled, last_login_at: iso(u.lastLoginAt), created_at: iso(u.createdAt)!,
});

function assertGrant(actor: Actor, role: (typeof staffRoles)[number], branchId: string | null | undefined) {
  if (!canGrant(actor.role, role)) throw forbidden(`A ${actor.role} cannot grant the role ${role}`);
  if (role === 'branch_manager' && !branchId) throw invalidField('A branch manager needs a branch', [{ pointer: '/body/branch_id', detail: 'required for branch_manager' }]);
  if (actor.role === 'branch_manager' && !branchId) throw invalidField('Staff created by a branch manager belong to a branch', [{ pointer: '/body/branch_id', detail: 'required' }]);
}

/** The branch must be one the caller's scope sees: their ISP's, and for a branch manager their subtree's. */
async function assertBranchVisible(tx: Tx, branchId: string) {
  const [b] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, branchId));
  if (!b) throw notFound('Branch');
}

export async function createStaff(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof createStaffBody>, demo = false) {
  assertGrant(actor, input.role, input.branch_id);
  if (!demo) assertNewPassword(input.password, ctx.config.env === 'production');
  const passwordHash = await hashPassword(input.password);
  return withScope(ctx.db, scope, async (tx) => {
    if (input.branch_id) await assertBranchVisible(tx, input.branch_id);
    const [row] = await tx.insert(users).values({
      ispId, email: input.email.toLowerCase(), name: input.name, phone: input.phone ?? null, role: input.role,
      branchId: input.branch_id ?? null, passwordHash, locale: input.locale ?? null, isDemo: demo,
    }).returning();
    const dto = toStaffDto(row!);
    await recordChange(tx, actor, { ispId, action: 'user.created', entityType: 'user', entityId: dto.id, after: dto });
    return dto;
  });
}

export type StaffQuery = { limit: number; offset: number; sort: string; q?: string | undefined; role?: string | undefined; branch_id?: string | undefined; status?: string | undefined };

export async function listStaff(ctx: AppContext, scope: Scope, ispId: string, q: StaffQuery): Promise<Page<z.infer<typeof staffDto>>> {
  const filters: SQL[] = [eq(users.ispId, ispId)];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
    filters.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  if (q.role) filters.push(eq(users.role, q.role as (typeof staffRoles)[number]));
  if (q.branch_id) filters.push(eq(users.branchId, q.branch_id));
  if (q.status) filters.push(eq(users.status, q.status as 'active' | 'disabled'));
  const { field, desc: isDesc } = parseSort(q.sort);
  const column = { name: users.name, email: users.email, role: users.role, created_at: users.createdAt }[field] ?? users.createdAt;
  return withScope(ctx.db, scope, async (tx) => {
    const where = and(...filters);
    const list = await tx.select().from(users).where(where).orderBy(isDesc ? desc(column) : asc(column), asc(users.id)).limit(q.limit).offset(q.offset);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
    return { items: list.map(toStaffDto), total: count?.n ?? 0, limit: q.limit, offset: q.offset };
  });
}

export async function getStaff(ctx: AppContext, scope: Scope, userId: string) {
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select().from(users).where(eq(users.id, userId)));
  if (!row) throw notFound('User');
  return toStaffDto(row);
}

export async function updateStaff(ctx: AppContext, { actor, scope }: ActorInScope, userId: string, input: z.infer<typeof updateStaffBody>) {
  if (input.password !== undefined) assertNewPassword(input.password, ctx.config.env === 'production');
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const result = await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw notFound('User');
    if (!canGrant(actor.role, before.role)) throw forbidden(`A ${actor.role} cannot change a ${before.role}`);
    const role = input.role ?? before.role;
    const branchId = input.branch_id !== undefined ? input.branch_id : before.branchId;
    if (input.role !== undefined || input.branch_id !== undefined) assertGrant(actor, role, branchId);
    if (input.branch_id) await assertBranchVisible(tx, input.branch_id);
    if (actor.id === userId && (input.role !== undefined || input.status === 'disabled')) throw conflict('You cannot change your own role or disable yourself');
    const [after] = await tx.update(users).set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.status !== undefined && { status: input.status }),
      ...(passwordHash !== undefined && { passwordHash }),
      role, branchId, updatedAt: new Date(),
    }).where(eq(users.id, userId)).returning();
    const dto = toStaffDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'user.updated', entityType: 'user', entityId: userId, before: toStaffDto(before), after: dto });
    return { dto, endSessions: input.status === 'disabled' || passwordHash !== undefined };
  });
  // This process sees the change from its next request on; the others through the event.
  ctx.accounts.forget('user', userId);
  if (result.endSessions) await revokeAllSessions(ctx, 'user', userId);
  return result.dto;
}

export async function deleteStaff(ctx: AppContext, { actor, scope }: ActorInScope, userId: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw notFound('User');
    if (!canGrant(actor.role, before.role)) throw forbidden(`A ${actor.role} cannot remove a ${before.role}`);
    if (actor.id === userId) throw conflict('You cannot delete yourself');
    await tx.delete(users).where(eq(users.id, userId));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'user.deleted', entityType: 'user', entityId: userId, before: toStaffDto(before) });
  });
  ctx.accounts.forget('user', userId);
  await revokeAllSessions(ctx, 'user', userId);
}
