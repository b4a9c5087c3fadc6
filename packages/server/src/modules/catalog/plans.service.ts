import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { billingPeriods, subscriptionPlans, type PlanRow } from './schema.ts';
import { checkItemsSchema, customAttributesSchema, LoginTimeError, nasGroup, parseLoginTime } from '../aaa/index.ts';

const kbps = z.number().int().min(1).max(100_000_000).describe('kbit/s');

/** The AAA settings of a plan: snake_case in the API, camelCase in the table. */
const aaaFields = {
  burst_download_kbps: kbps.nullable().optional(),
  burst_upload_kbps: kbps.nullable().optional(),
  burst_threshold_download_kbps: kbps.nullable().optional(),
  burst_threshold_upload_kbps: kbps.nullable().optional(),
  burst_time_s: z.number().int().min(1).max(3600).nullable().optional(),
  priority: z.number().int().min(1).max(8).nullable().optional(),
  min_download_kbps: kbps.nullable().optional(),
  min_upload_kbps: kbps.nullable().optional(),
  session_timeout_s: z.number().int().min(60).max(31_536_000).nullable().optional(),
  idle_timeout_s: z.number().int().min(60).max(86_400).nullable().optional(),
  interim_interval_s: z.number().int().min(60).max(86_400).optional(),
  simultaneous_use: z.number().int().min(1).max(100).optional(),
  fup_daily_bytes: z.number().int().min(1).nullable().optional(),
  fup_monthly_bytes: z.number().int().min(1).nullable().optional(),
  fup_download_kbps: kbps.nullable().optional(),
  fup_upload_kbps: kbps.nullable().optional(),
  framed_pool: z.string().max(64).nullable().optional(),
  address_list: z.string().max(64).nullable().optional(),
  validity_days: z.number().int().min(1).max(3650).nullable().optional(),
  night_download_kbps: kbps.nullable().optional(),
  night_upload_kbps: kbps.nullable().optional(),
  night_start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, in the ISP time zone').nullable().optional(),
  night_end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, in the ISP time zone').nullable().optional(),
  ip_pool_id: z.uuid().nullable().optional().describe('Server-side address pool for Framed-IP-Address'),
  allowed_nas_group: nasGroup.nullable().optional().describe('Only NAS devices of this group (location) may log the plan in; null: any NAS'),
  login_time: z.string().trim().min(2).max(200).superRefine((v, c) => {
    try {
      parseLoginTime(v);
    } catch (e) {
      if (!(e instanceof LoginTimeError)) throw e;
      c.addIssue({ code: 'custom', message: e.message });
    }
  }).nullable().optional().describe('Access windows in FreeRADIUS Login-Time syntax (e.g. Wk0800-1800,Sa0900-1300), in the ISP time zone; null: always'),
  radius_reply: customAttributesSchema.optional(),
  radius_check: checkItemsSchema.optional(),
};
type AaaInput = { [K in keyof typeof aaaFields]?: z.infer<(typeof aaaFields)[K]> };
const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
function aaaColumns(input: AaaInput): Partial<PlanRow> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(aaaFields)) {
    const v = (input as Record<string, unknown>)[key];
    if (v !== undefined) out[camel(key)] = v;
  }
  return out as Partial<PlanRow>;
}
function aaaDto(p: PlanRow) {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(aaaFields)) out[key] = (p as unknown as Record<string, unknown>)[camel(key)] ?? null;
  return out as { [K in keyof typeof aaaFields]: K extends 'radius_reply' | 'radius_check' ? { attribute: string; value: string; op: string }[] : number | string | null };
}

export const createPlanBody = z.strictObject({
  ...aaaFields,
  name: z.string().min(1).max(120),
  description: z.string().max(2000).nullable().optional(),
  download_kbps: kbps,
  upload_kbps: kbps,
  price_minor: z.number().int().min(0).max(1_000_000_000_000).describe("Price in the currency's minor units (cents, paise)"),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().describe("ISO 4217; defaults to the ISP's currency"),
  billing_period: z.enum(billingPeriods).default('monthly'),
});
export const updatePlanBody = z.strictObject({
  ...aaaFields,
  name: z.string().min(1).max(120).optional(),
  description: z.string().max(2000).nullable().optional(),
  download_kbps: kbps.optional(),
  upload_kbps: kbps.optional(),
  price_minor: z.number().int().min(0).max(1_000_000_000_000).optional(),
  billing_period: z.enum(billingPeriods).optional(),
  status: z.enum(['active', 'archived']).optional(),
});
export const planDto = z.object({
  id: z.string(), isp_id: z.string(), name: z.string(), description: z.string().nullable(), download_kbps: z.number().int(),
  upload_kbps: z.number().int(), price_minor: z.number().int(), currency: z.string(), billing_period: z.string(), status: z.string(),
  subscribers: z.number().int().optional(), created_at: z.string(), updated_at: z.string(),
  ...Object.fromEntries(Object.keys(aaaFields).filter((k) => k !== 'radius_reply' && k !== 'radius_check').map((k) => [k, z.union([z.number(), z.string()]).nullable()])),
  radius_reply: z.array(z.object({ attribute: z.string(), value: z.string(), op: z.string() })),
  radius_check: z.array(z.object({ attribute: z.string(), value: z.string(), op: z.string() })),
});
export const toPlanDto = (p: PlanRow): z.infer<typeof planDto> => ({
  id: p.id, isp_id: p.ispId, name: p.name, description: p.description, download_kbps: p.downloadKbps, upload_kbps: p.uploadKbps,
  price_minor: Number(p.priceMinor), currency: p.currency, billing_period: p.billingPeriod, status: p.status,
  created_at: iso(p.createdAt)!, updated_at: iso(p.updatedAt)!, ...aaaDto(p),
});

/** A pool of another ISP is invisible here (RLS), so it answers 404 like any foreign id. */
async function assertPool(tx: Parameters<Parameters<typeof withScope>[2]>[0], poolId: string | null | undefined) {
  if (!poolId) return;
  const [p] = await rows<{ id: string }>(tx, sql`SELECT id FROM ip_pools WHERE id = ${poolId}`);
  if (!p) throw notFound('IP pool');
}

export async function createPlan(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof createPlanBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    await assertPool(tx, input.ip_pool_id);
    const currency = input.currency ?? (await rows<{ currency: string }>(tx, sql`SELECT currency FROM isps WHERE id = ${ispId}`))[0]?.currency;
    if (!currency) throw notFound('ISP');
    const [row] = await tx.insert(subscriptionPlans).values({
      ispId, name: input.name, description: input.description ?? null, downloadKbps: input.download_kbps, uploadKbps: input.upload_kbps,
      priceMinor: input.price_minor, currency, billingPeriod: input.billing_period, ...aaaColumns(input),
    }).returning();
    const dto = toPlanDto(row!);
    await recordChange(tx, actor, { ispId, action: 'plan.created', entityType: 'plan', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function listPlans(ctx: AppContext, scope: Scope, ispId: string, status?: string) {
  return withScope(ctx.db, scope, async (tx) => {
    // Qualified by hand: inside a select list drizzle renders the column without its table.
    const list = await tx.select({ plan: subscriptionPlans, subscribers: sql<number>`(SELECT count(*)::int FROM subscribers s WHERE s.plan_id = subscription_plans.id)` })
      .from(subscriptionPlans)
      .where(and(eq(subscriptionPlans.ispId, ispId), status ? eq(subscriptionPlans.status, status as 'active' | 'archived') : undefined))
      .orderBy(asc(subscriptionPlans.priceMinor), asc(subscriptionPlans.name));
    return list.map((r) => ({ ...toPlanDto(r.plan), subscribers: r.subscribers }));
  });
}

export async function getPlan(ctx: AppContext, scope: Scope, planId: string) {
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select().from(subscriptionPlans).where(eq(subscriptionPlans.id, planId)));
  if (!row) throw notFound('Plan');
  return toPlanDto(row);
}

export async function updatePlan(ctx: AppContext, { actor, scope }: ActorInScope, planId: string, input: z.infer<typeof updatePlanBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(subscriptionPlans).where(eq(subscriptionPlans.id, planId)).for('update');
    if (!before) throw notFound('Plan');
    await assertPool(tx, input.ip_pool_id);
    const [after] = await tx.update(subscriptionPlans).set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.download_kbps !== undefined && { downloadKbps: input.download_kbps }),
      ...(input.upload_kbps !== undefined && { uploadKbps: input.upload_kbps }),
      ...(input.price_minor !== undefined && { priceMinor: input.price_minor }),
      ...(input.billing_period !== undefined && { billingPeriod: input.billing_period }),
      ...(input.status !== undefined && { status: input.status }),
      ...aaaColumns(input),
      updatedAt: new Date(),
    }).where(eq(subscriptionPlans.id, planId)).returning();
    const dto = toPlanDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'plan.updated', entityType: 'plan', entityId: planId, before: toPlanDto(before), after: dto });
    return dto;
  });
}

/** A plan in use is archived, not deleted: invoices and history keep pointing at it. */
export async function deletePlan(ctx: AppContext, { actor, scope }: ActorInScope, planId: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(subscriptionPlans).where(eq(subscriptionPlans.id, planId)).for('update');
    if (!before) throw notFound('Plan');
    const [use] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM subscribers WHERE plan_id = ${planId}`);
    if ((use?.n ?? 0) > 0) throw conflict(`${use!.n} subscribers are on this plan: move them or archive the plan`);
    await tx.delete(subscriptionPlans).where(eq(subscriptionPlans.id, planId));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'plan.deleted', entityType: 'plan', entityId: planId, before: toPlanDto(before) });
  });
}
