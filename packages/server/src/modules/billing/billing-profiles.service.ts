import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { notFound } from '../../platform/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { currencyCode } from './rates.service.ts';
import { billingProfiles } from './schema.ts';
import type { ActorInScope } from '../../platform/tenant.ts';

export const billingProfileBody = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/).nullable().default(null),
  region: z.string().min(1).max(16).nullable().default(null).describe('State / province code (place of supply)'),
  tax_id: z.string().max(40).nullable().default(null).describe('GSTIN or VAT number of a business customer'),
  is_business: z.boolean().default(false),
  currency: currencyCode.nullable().default(null).describe('Billing currency; the ISP currency when empty'),
});
export const billingProfileDto = z.object({ country: z.string().nullable(), region: z.string().nullable(), tax_id: z.string().nullable(), is_business: z.boolean(), currency: z.string().nullable() });
export type BillingProfileDto = z.infer<typeof billingProfileDto>;
const empty: BillingProfileDto = { country: null, region: null, tax_id: null, is_business: false, currency: null };

export async function getBillingProfile(ctx: AppContext, scope: Scope, subscriberId: string): Promise<BillingProfileDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const [s] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${subscriberId}`);
    if (!s) throw notFound('Subscriber');
    const [p] = await tx.select().from(billingProfiles).where(eq(billingProfiles.subscriberId, subscriberId));
    return p ? { country: p.country?.trim() ?? null, region: p.region, tax_id: p.taxId, is_business: p.isBusiness, currency: p.currency?.trim() ?? null } : empty;
  });
}

export async function putBillingProfile(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, input: z.infer<typeof billingProfileBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const [s] = await rows<{ id: string; isp_id: string; branch_id: string | null }>(tx, sql`SELECT id, isp_id, branch_id FROM subscribers WHERE id = ${subscriberId} FOR UPDATE`);
    if (!s) throw notFound('Subscriber');
    const values = { country: input.country, region: input.region, taxId: input.tax_id, isBusiness: input.is_business, currency: input.currency, branchId: s.branch_id, updatedAt: new Date() };
    await tx.insert(billingProfiles).values({ subscriberId, ispId: s.isp_id, ...values }).onConflictDoUpdate({ target: billingProfiles.subscriberId, set: values });
    await recordChange(tx, actor, { ispId: s.isp_id, action: 'billing_profile.updated', entityType: 'subscriber', entityId: subscriberId, after: input });
    return input;
  });
}
