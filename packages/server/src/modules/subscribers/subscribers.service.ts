import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import type { Tx } from '../../platform/db/database.ts';
import { invalidField, conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { parseSort, type Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { nowOf } from '../../platform/clock/clock.ts';
import { normaliseMac } from '../aaa/index.ts';
import { branches } from '../tenancy/index.ts';
import { subscriptionPlans } from '../catalog/index.ts';
import { subscribers, type SubscriberRow, type SubscriberStatus } from './schema.ts';
import type { CreateSubscriberInput, SubscriberDto, UpdateSubscriberInput } from './subscribers.schemas.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

export const toSubscriberDto = (s: SubscriberRow, extra: { plan_name?: string | null; branch_name?: string | null } = {}): SubscriberDto => ({
  id: s.id, isp_id: s.ispId, account_number: s.accountNumber, first_name: s.firstName, last_name: s.lastName, email: s.email,
  phone: s.phone, address: s.address, city: s.city, latitude: s.latitude, longitude: s.longitude, username: s.username,
  status: s.status, branch_id: s.branchId, plan_id: s.planId, locale: s.locale, has_portal_access: Boolean(s.portalPasswordHash),
  mac_address: s.macAddress, static_ip: s.staticIp, expires_at: iso(s.expiresAt), radius_reply: s.radiusReply ?? [], radius_check: s.radiusCheck ?? [],
  created_at: iso(s.createdAt)!, activated_at: iso(s.activatedAt), updated_at: iso(s.updatedAt)!, ...extra,
});

/** Allocates the next account number of an ISP ("ACC-000042"). */
export async function nextAccountNumber(tx: Tx, ispId: string): Promise<string> {
  const [r] = await rows<{ value: string }>(tx, sql`
    INSERT INTO isp_counters (isp_id, name, value) VALUES (${ispId}, 'account_number', 1)
    ON CONFLICT (isp_id, name) DO UPDATE SET value = isp_counters.value + 1 RETURNING value::text`);
  return `ACC-${r!.value.padStart(6, '0')}`;
}

async function assertRefs(tx: Tx, input: { branch_id?: string | null | undefined; plan_id?: string | null | undefined }) {
  if (input.branch_id) {
    const [b] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branch_id));
    if (!b) throw notFound('Branch');
  }
  if (input.plan_id) {
    const [p] = await tx.select({ id: subscriptionPlans.id, status: subscriptionPlans.status }).from(subscriptionPlans).where(eq(subscriptionPlans.id, input.plan_id));
    if (!p) throw notFound('Plan');
    if (p.status !== 'active') throw invalidField('This plan is archived', [{ pointer: '/body/plan_id', detail: 'archived plan' }]);
  }
}

export async function createSubscriber(ctx: AppContext, { actor, scope, ispId }: Tenant, input: CreateSubscriberInput, demo = false) {
  if (input.portal_password && !input.email) throw invalidField('Portal access needs an e-mail address', [{ pointer: '/body/email', detail: 'required with portal_password' }]);
  if (scope.kind === 'tenant' && scope.branchIds && !input.branch_id) throw invalidField('Branch staff must place the subscriber in a branch', [{ pointer: '/body/branch_id', detail: 'required' }]);
  const portalHash = input.portal_password ? await hashPassword(input.portal_password) : null;
  return withScope(ctx.db, scope, async (tx) => {
    await assertRefs(tx, input);
    const now = nowOf(ctx);
    const [row] = await tx.insert(subscribers).values({
      ...(ctx.clock && { createdAt: now, updatedAt: now }),
      ispId, accountNumber: input.account_number ?? (await nextAccountNumber(tx, ispId)), firstName: input.first_name, lastName: input.last_name,
      email: input.email?.toLowerCase() ?? null, phone: input.phone ?? null, address: input.address ?? null, city: input.city ?? null,
      latitude: input.latitude ?? null, longitude: input.longitude ?? null, username: input.username,
      networkPasswordEnc: ctx.secrets.seal(input.password), portalPasswordHash: portalHash, status: input.status,
      branchId: input.branch_id ?? null, planId: input.plan_id ?? null, locale: input.locale ?? null, isDemo: demo,
      activatedAt: input.status === 'active' ? now : null, macAddress: normaliseMac(input.mac_address), staticIp: input.static_ip ?? null,
      expiresAt: input.expires_at ? new Date(input.expires_at) : null, radiusReply: input.radius_reply ?? [], radiusCheck: input.radius_check ?? [],
    }).returning();
    const dto = toSubscriberDto(row!);
    await recordChange(tx, actor, { ispId, action: 'subscriber.created', entityType: 'subscriber', entityId: dto.id, after: dto });
    return dto;
  });
}

export type SubscriberQuery = {
  limit: number; offset: number; sort: string; q?: string | undefined; status?: SubscriberStatus | undefined;
  branch_id?: string | undefined; plan_id?: string | undefined;
};

const sortColumns = {
  created_at: subscribers.createdAt, last_name: subscribers.lastName, account_number: subscribers.accountNumber,
  username: subscribers.username, status: subscribers.status,
};

export async function listSubscribers(ctx: AppContext, scope: Scope, ispId: string, q: SubscriberQuery): Promise<Page<SubscriberDto>> {
  const filters: SQL[] = [eq(subscribers.ispId, ispId)];
  if (q.q) {
    // A trigram index search within this ISP (migrations/0007); RLS still filters the rows.
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    filters.push(sql`${subscribers.id} IN (SELECT search_subscriber_ids(${like}))`);
  }
  if (q.status) filters.push(eq(subscribers.status, q.status));
  if (q.branch_id) filters.push(eq(subscribers.branchId, q.branch_id));
  if (q.plan_id) filters.push(eq(subscribers.planId, q.plan_id));
  const { field, desc: isDesc } = parseSort(q.sort);
  const column = sortColumns[field as keyof typeof sortColumns] ?? subscribers.createdAt;
  const where = and(...filters);
  return withScope(ctx.db, scope, async (tx) => {
    const list = await tx.select({ s: subscribers, plan_name: subscriptionPlans.name, branch_name: branches.name })
      .from(subscribers)
      .leftJoin(subscriptionPlans, eq(subscriptionPlans.id, subscribers.planId))
      .leftJoin(branches, eq(branches.id, subscribers.branchId))
      .where(where)
      .orderBy(isDesc ? desc(column) : asc(column), isDesc ? desc(subscribers.id) : asc(subscribers.id))
      .limit(q.limit).offset(q.offset);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(subscribers).where(where);
    return {
      items: list.map((r) => toSubscriberDto(r.s, { plan_name: r.plan_name, branch_name: r.branch_name })),
      total: count?.n ?? 0, limit: q.limit, offset: q.offset,
    };
  });
}

export async function getSubscriber(ctx: AppContext, scope: Scope, id: string) {
  const [r] = await withScope(ctx.db, scope, (tx) =>
    tx.select({ s: subscribers, plan_name: subscriptionPlans.name, branch_name: branches.name }).from(subscribers)
      .leftJoin(subscriptionPlans, eq(subscriptionPlans.id, subscribers.planId))
      .leftJoin(branches, eq(branches.id, subscribers.branchId))
      .where(eq(subscribers.id, id)));
  if (!r) throw notFound('Subscriber');
  return toSubscriberDto(r.s, { plan_name: r.plan_name, branch_name: r.branch_name });
}

const allowedTransitions: Record<SubscriberStatus, SubscriberStatus[]> = {
  active: ['suspended', 'expired', 'terminated'],
  suspended: ['active', 'expired', 'terminated'],
  expired: ['active', 'suspended', 'terminated'],
  terminated: [],
};

export async function updateSubscriber(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: UpdateSubscriberInput) {
  const portalHash = input.portal_password ? await hashPassword(input.portal_password) : undefined;
  const dto = await withScope(ctx.db, scope, (tx) => applySubscriberUpdate(ctx, tx, actor, id, input, portalHash));
  // A terminated subscriber's portal token stops here at once, elsewhere when the event arrives.
  ctx.accounts.forget('subscriber', id);
  return dto;
}

/** For other modules' services (billing: plan change, prepaid recharge) inside their own transaction. */
export function updateSubscriberInTx(ctx: AppContext, tx: Tx, actor: Actor, id: string, input: UpdateSubscriberInput) {
  return applySubscriberUpdate(ctx, tx, actor, id, input, undefined);
}

/** The update inside a caller's transaction (voucher recharge), with its audit row and event. */
export async function applySubscriberUpdate(ctx: AppContext, tx: Tx, actor: Actor, id: string, input: UpdateSubscriberInput, portalHash: string | undefined) {
  {
    const [before] = await tx.select().from(subscribers).where(eq(subscribers.id, id)).for('update');
    if (!before) throw notFound('Subscriber');
    if (input.status && input.status !== before.status && !allowedTransitions[before.status].includes(input.status))
      throw conflict(`A ${before.status} subscriber cannot become ${input.status}`);
    if (before.status === 'terminated' && Object.keys(input).length > 0) throw conflict('A terminated subscriber cannot be changed');
    const email = input.email !== undefined ? input.email?.toLowerCase() ?? null : before.email;
    if ((portalHash || before.portalPasswordHash) && !email) throw invalidField('Portal access needs an e-mail address', [{ pointer: '/body/email', detail: 'required while portal access is on' }]);
    await assertRefs(tx, input);
    const [after] = await tx.update(subscribers).set({
      ...(input.first_name !== undefined && { firstName: input.first_name }),
      ...(input.last_name !== undefined && { lastName: input.last_name }),
      ...(input.email !== undefined && { email }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.city !== undefined && { city: input.city }),
      ...(input.latitude !== undefined && { latitude: input.latitude }),
      ...(input.longitude !== undefined && { longitude: input.longitude }),
      ...(input.branch_id !== undefined && { branchId: input.branch_id }),
      ...(input.plan_id !== undefined && { planId: input.plan_id }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.username !== undefined && { username: input.username }),
      ...(input.password !== undefined && { networkPasswordEnc: ctx.secrets.seal(input.password) }),
      ...(portalHash !== undefined && { portalPasswordHash: portalHash }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.mac_address !== undefined && { macAddress: normaliseMac(input.mac_address) }),
      ...(input.static_ip !== undefined && { staticIp: input.static_ip }),
      ...(input.radius_reply !== undefined && { radiusReply: input.radius_reply }),
      ...(input.radius_check !== undefined && { radiusCheck: input.radius_check }),
      ...(input.expires_at !== undefined && { expiresAt: input.expires_at ? new Date(input.expires_at) : null }),
      ...(input.status === 'active' && !before.activatedAt && { activatedAt: nowOf(ctx) }),
      updatedAt: nowOf(ctx),
    }).where(eq(subscribers.id, id)).returning();
    const dto = toSubscriberDto(after!);
    const action = input.status && input.status !== before.status ? (`subscriber.${input.status === 'active' ? 'activated' : input.status}` as const) : 'subscriber.updated';
    // The event carries the previous plan so that the AAA engine can push the new speed.
    await recordChange(tx, actor, { ispId: before.ispId, action, entityType: 'subscriber', entityId: id, before: toSubscriberDto(before), after: dto,
      payload: { ...dto, previous_plan_id: before.planId } });
    return dto;
  }
}

/** Subscribers are terminated, never erased: invoices, sessions and the audit trail refer to them. */
export async function terminateSubscriber(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  return updateSubscriber(ctx, { actor, scope }, id, { status: 'terminated' });
}

export type BulkAction = { ids: string[]; action: 'activate' | 'suspend' | 'terminate' | 'change_plan' | 'move_branch'; plan_id?: string | undefined; branch_id?: string | undefined };

/** A bulk action runs in one transaction: all subscribers change or none does. */
export async function bulkUpdateSubscribers(ctx: AppContext, { actor, scope }: ActorInScope, input: BulkAction) {
  const patch: UpdateSubscriberInput =
    input.action === 'activate' ? { status: 'active' } : input.action === 'suspend' ? { status: 'suspended' }
    : input.action === 'terminate' ? { status: 'terminated' } : input.action === 'change_plan' ? { plan_id: input.plan_id ?? null }
    : { branch_id: input.branch_id ?? null };
  const result = await withScope(ctx.db, scope, async (tx) => {
    for (const id of input.ids) await applySubscriberUpdate(ctx, tx, actor, id, patch, undefined);
    return { updated: input.ids.length };
  });
  for (const id of input.ids) ctx.accounts.forget('subscriber', id);
  return result;
}
