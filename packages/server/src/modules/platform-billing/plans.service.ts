import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { iso } from '../../platform/http/api.ts';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { trimDecimal } from '../billing/index.ts';
import { platformBillingSettings, platformPlanAssignments, platformPlans, type PlatformPlanRow, type PlatformSettingsRow } from './schema.ts';
import type { assignBody, assignmentDto, planBody, planDto, planPatch, settingsBody, settingsDto } from './platform-billing.schemas.ts';

type SettingsDto = z.infer<typeof settingsDto>;

export const settingsToDto = (s: PlatformSettingsRow): SettingsDto => ({
  legal_name: s.legalName, address: s.address, country: s.country, region: s.region, tax_id: s.taxId, currency: s.currency.trim(),
  invoice_series: s.invoiceSeries, payment_terms_days: s.paymentTermsDays, prices_include_tax: s.pricesIncludeTax, tax_name: s.taxName,
  tax_rate: trimDecimal(s.taxRate), tax_reverse_charge_b2b: s.taxReverseChargeB2b, invoice_footer: s.invoiceFooter, updated_at: iso(s.updatedAt)!,
});

export async function getPlatformSettings(ctx: AppContext): Promise<SettingsDto> {
  const [s] = await withScope(ctx.db, platformScope, (tx) => tx.select().from(platformBillingSettings));
  return settingsToDto(s!);
}

export async function updatePlatformSettings(ctx: AppContext, actor: Actor, input: z.infer<typeof settingsBody>): Promise<SettingsDto> {
  return withScope(ctx.db, platformScope, async (tx) => {
    const [before] = await tx.select().from(platformBillingSettings).for('update');
    // Plans are priced in the platform currency; changing it under them would re-denominate every price.
    if (input.currency !== undefined && input.currency !== before!.currency.trim()) {
      const [used] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM platform_plans`);
      if (used!.n > 0) throw conflict('The platform currency cannot change once plans exist');
    }
    const [after] = await tx.update(platformBillingSettings).set({
      ...(input.legal_name !== undefined && { legalName: input.legal_name }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.country !== undefined && { country: input.country }),
      ...(input.region !== undefined && { region: input.region }),
      ...(input.tax_id !== undefined && { taxId: input.tax_id }),
      ...(input.currency !== undefined && { currency: input.currency }),
      ...(input.invoice_series !== undefined && { invoiceSeries: input.invoice_series }),
      ...(input.payment_terms_days !== undefined && { paymentTermsDays: input.payment_terms_days }),
      ...(input.prices_include_tax !== undefined && { pricesIncludeTax: input.prices_include_tax }),
      ...(input.tax_name !== undefined && { taxName: input.tax_name }),
      ...(input.tax_rate !== undefined && { taxRate: input.tax_rate }),
      ...(input.tax_reverse_charge_b2b !== undefined && { taxReverseChargeB2b: input.tax_reverse_charge_b2b }),
      ...(input.invoice_footer !== undefined && { invoiceFooter: input.invoice_footer }),
      updatedAt: new Date(),
    }).returning();
    const dto = settingsToDto(after!);
    await recordChange(tx, actor, { ispId: null, action: 'platform_billing.settings_updated', entityType: 'platform_billing_settings', entityId: 'platform', before: settingsToDto(before!), after: dto });
    return dto;
  });
}

const planToDto = (p: PlatformPlanRow, isps: number): z.infer<typeof planDto> => ({
  id: p.id, name: p.name, kind: p.kind, price_minor: p.priceMinor, minimum_minor: p.minimumMinor, currency: p.currency.trim(), status: p.status,
  isps, created_at: iso(p.createdAt)!,
});

export async function listPlatformPlans(ctx: AppContext): Promise<z.infer<typeof planDto>[]> {
  return withScope(ctx.db, platformScope, async (tx) => {
    const list = await tx.select().from(platformPlans).orderBy(platformPlans.status, platformPlans.name);
    const counts = await rows<{ plan_id: string; n: number }>(tx, sql`SELECT plan_id, count(*)::int AS n FROM platform_plan_assignments GROUP BY plan_id`);
    const by = new Map(counts.map((c) => [c.plan_id, c.n]));
    return list.map((p) => planToDto(p, by.get(p.id) ?? 0));
  });
}

const uniqueName = (e: unknown) => (e as { code?: string; cause?: { code?: string } }).code === '23505' || (e as { cause?: { code?: string } }).cause?.code === '23505';

export async function createPlatformPlan(ctx: AppContext, actor: Actor, input: z.infer<typeof planBody>): Promise<z.infer<typeof planDto>> {
  return withScope(ctx.db, platformScope, async (tx) => {
    const [s] = await tx.select({ currency: platformBillingSettings.currency }).from(platformBillingSettings);
    const [plan] = await tx.insert(platformPlans).values({
      name: input.name, kind: input.kind, priceMinor: input.price_minor, minimumMinor: input.kind === 'per_subscriber' ? input.minimum_minor ?? 0 : 0, currency: s!.currency,
    }).returning().catch((e: unknown) => { throw uniqueName(e) ? conflict(`A SaaS plan named "${input.name}" exists`) : e; });
    const dto = planToDto(plan!, 0);
    await recordChange(tx, actor, { ispId: null, action: 'platform_plan.created', entityType: 'platform_plan', entityId: plan!.id, after: dto });
    return dto;
  });
}

export async function updatePlatformPlan(ctx: AppContext, actor: Actor, planId: string, input: z.infer<typeof planPatch>): Promise<z.infer<typeof planDto>> {
  return withScope(ctx.db, platformScope, async (tx) => {
    const [before] = await tx.select().from(platformPlans).where(eq(platformPlans.id, planId)).for('update');
    if (!before) throw notFound('SaaS plan');
    const [after] = await tx.update(platformPlans).set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.price_minor !== undefined && { priceMinor: input.price_minor }),
      ...(input.minimum_minor !== undefined && before.kind === 'per_subscriber' && { minimumMinor: input.minimum_minor }),
      ...(input.status !== undefined && { status: input.status }),
      updatedAt: new Date(),
    }).where(eq(platformPlans.id, planId)).returning().catch((e: unknown) => { throw uniqueName(e) ? conflict(`A SaaS plan named "${input.name ?? ''}" exists`) : e; });
    const [n] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM platform_plan_assignments WHERE plan_id = ${planId}`);
    const dto = planToDto(after!, n!.n);
    await recordChange(tx, actor, { ispId: null, action: 'platform_plan.updated', entityType: 'platform_plan', entityId: planId, before: planToDto(before, n!.n), after: dto });
    return dto;
  });
}

type AssignmentRow = { isp_id: string; isp_name: string; plan_id: string; plan_name: string; start_date: string; updated_at: Date | string };
const assignmentSql = sql`SELECT a.isp_id, i.display_name AS isp_name, a.plan_id, p.name AS plan_name, to_char(a.start_date, 'YYYY-MM-DD') AS start_date, a.updated_at
  FROM platform_plan_assignments a JOIN isps i ON i.id = a.isp_id JOIN platform_plans p ON p.id = a.plan_id`;
const assignmentToDto = (r: AssignmentRow): z.infer<typeof assignmentDto> => ({ ...r, updated_at: iso(r.updated_at)! });

export async function listAssignments(ctx: AppContext): Promise<z.infer<typeof assignmentDto>[]> {
  return withScope(ctx.db, platformScope, async (tx) => (await rows<AssignmentRow>(tx, sql`${assignmentSql} ORDER BY i.display_name`)).map(assignmentToDto));
}

/** Puts an ISP on a SaaS plan; the next billing run bills the plan it is on at that time. */
export async function assignPlatformPlan(ctx: AppContext, actor: Actor, ispId: string, input: z.infer<typeof assignBody>): Promise<z.infer<typeof assignmentDto>> {
  return withScope(ctx.db, platformScope, async (tx) => {
    const [isp] = await rows<{ id: string }>(tx, sql`SELECT id FROM isps WHERE id = ${ispId}`);
    if (!isp) throw notFound('ISP');
    const [plan] = await tx.select().from(platformPlans).where(eq(platformPlans.id, input.plan_id));
    if (!plan) throw notFound('SaaS plan');
    if (plan.status !== 'active') throw conflict('An archived SaaS plan cannot be assigned');
    const [before] = await tx.select().from(platformPlanAssignments).where(eq(platformPlanAssignments.ispId, ispId));
    const startDate = input.start_date ?? before?.startDate ?? new Date().toISOString().slice(0, 10);
    await tx.insert(platformPlanAssignments).values({ ispId, planId: plan.id, startDate })
      .onConflictDoUpdate({ target: platformPlanAssignments.ispId, set: { planId: plan.id, startDate, updatedAt: new Date() } });
    const [row] = await rows<AssignmentRow>(tx, sql`${assignmentSql} WHERE a.isp_id = ${ispId}`);
    const dto = assignmentToDto(row!);
    await recordChange(tx, actor, {
      ispId, action: 'platform_plan.assigned', entityType: 'platform_plan_assignment', entityId: ispId,
      before: before ? { plan_id: before.planId, start_date: before.startDate } : undefined, after: dto,
    });
    return dto;
  });
}
