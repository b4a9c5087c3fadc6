import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withScope, type Scope } from '../../platform/db/scope.ts';
import { notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { billingSettings, taxKinds, taxRules, taxScopes, type TaxRuleRow } from './schema.ts';
import type { TaxRuleInput } from './tax-engine.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code');
const region = z.string().min(1).max(16);
const rate = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'percent with at most 4 decimals').refine((v) => Number(v) <= 100, 'at most 100');

const ruleFields = {
  name: z.string().min(1).max(80),
  kind: z.enum(taxKinds),
  country: country.nullable().default(null),
  region: region.nullable().default(null),
  scope: z.enum(taxScopes).default('any').describe("India GST: 'intra' (CGST/SGST) or 'inter' (IGST)"),
  rate: rate.describe('percent, e.g. "18" or "8.875"'),
  compound: z.boolean().default(false),
  reverse_charge_b2b: z.boolean().default(false).describe('EU VAT: a business buyer with a VAT number in another country self-assesses'),
  category: z.string().min(1).max(40).default('*'),
  priority: z.number().int().min(0).max(1000).default(0),
  active: z.boolean().default(true),
  valid_from: z.iso.date().nullable().default(null),
  valid_to: z.iso.date().nullable().default(null),
};
export const createTaxRuleBody = z.strictObject(ruleFields);
export const updateTaxRuleBody = z.strictObject(Object.fromEntries(Object.entries(ruleFields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
  [K in keyof typeof ruleFields]: z.ZodOptional<(typeof ruleFields)[K]>
});
export const taxRuleDto = z.object({
  id: z.string(), name: z.string(), kind: z.string(), country: z.string().nullable(), region: z.string().nullable(), scope: z.string(), rate: z.string(),
  compound: z.boolean(), reverse_charge_b2b: z.boolean(), category: z.string(), priority: z.number().int(), active: z.boolean(),
  valid_from: z.string().nullable(), valid_to: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
});
export type TaxRuleDto = z.infer<typeof taxRuleDto>;

const trim = (r: string) => (r.includes('.') ? r.replace(/0+$/, '').replace(/\.$/, '') : r);
const toDto = (r: TaxRuleRow): TaxRuleDto => ({
  id: r.id, name: r.name, kind: r.kind, country: r.country?.trim() ?? null, region: r.region, scope: r.scope, rate: trim(r.rate), compound: r.compound,
  reverse_charge_b2b: r.reverseChargeB2b, category: r.category, priority: r.priority, active: r.active, valid_from: r.validFrom, valid_to: r.validTo,
  created_at: iso(r.createdAt)!, updated_at: iso(r.updatedAt)!,
});
export const toEngineRule = (r: TaxRuleRow): TaxRuleInput => ({
  id: r.id, name: r.name, kind: r.kind, country: r.country?.trim() ?? null, region: r.region, scope: r.scope, rate: trim(r.rate), compound: r.compound,
  reverseChargeB2b: r.reverseChargeB2b, category: r.category, priority: r.priority, active: r.active, validFrom: r.validFrom, validTo: r.validTo,
});

const columns = (i: Partial<z.infer<typeof createTaxRuleBody>>) => ({
  ...(i.name !== undefined && { name: i.name }), ...(i.kind !== undefined && { kind: i.kind }),
  ...(i.country !== undefined && { country: i.country }), ...(i.region !== undefined && { region: i.region }),
  ...(i.scope !== undefined && { scope: i.scope }), ...(i.rate !== undefined && { rate: i.rate }),
  ...(i.compound !== undefined && { compound: i.compound }), ...(i.reverse_charge_b2b !== undefined && { reverseChargeB2b: i.reverse_charge_b2b }),
  ...(i.category !== undefined && { category: i.category }), ...(i.priority !== undefined && { priority: i.priority }),
  ...(i.active !== undefined && { active: i.active }), ...(i.valid_from !== undefined && { validFrom: i.valid_from }),
  ...(i.valid_to !== undefined && { validTo: i.valid_to }),
});

export async function loadTaxRules(tx: Tx, ispId: string): Promise<TaxRuleInput[]> {
  const list = await tx.select().from(taxRules).where(and(eq(taxRules.ispId, ispId), eq(taxRules.active, true)));
  return list.map(toEngineRule);
}

export async function listTaxRules(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, async (tx) =>
    (await tx.select().from(taxRules).where(eq(taxRules.ispId, ispId)).orderBy(asc(taxRules.country), asc(taxRules.region), asc(taxRules.priority), asc(taxRules.name))).map(toDto));
}

export async function createTaxRule(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof createTaxRuleBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const [row] = await tx.insert(taxRules).values({ ispId, name: input.name, kind: input.kind, rate: input.rate, ...columns(input) }).returning();
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId, action: 'tax_rule.created', entityType: 'tax_rule', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function getTaxRule(ctx: AppContext, scope: Scope, id: string) {
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select().from(taxRules).where(eq(taxRules.id, id)));
  if (!row) throw notFound('Tax rule');
  return toDto(row);
}

export async function updateTaxRule(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof updateTaxRuleBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(taxRules).where(eq(taxRules.id, id)).for('update');
    if (!before) throw notFound('Tax rule');
    const [after] = await tx.update(taxRules).set({ ...columns(input), updatedAt: new Date() }).where(eq(taxRules.id, id)).returning();
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'tax_rule.updated', entityType: 'tax_rule', entityId: id, before: toDto(before), after: dto });
    return dto;
  });
}

/** Issued invoices keep their own copy of each tax (invoice_taxes), so deleting a rule changes no invoice. */
export async function deleteTaxRule(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(taxRules).where(eq(taxRules.id, id)).for('update');
    if (!before) throw notFound('Tax rule');
    await tx.delete(taxRules).where(eq(taxRules.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'tax_rule.deleted', entityType: 'tax_rule', entityId: id, before: toDto(before) });
  });
}

// ── Billing settings (the seller's tax identity, series, terms) ──

export const settingsBody = z.strictObject({
  legal_name: z.string().max(200).nullable().optional(),
  address: z.string().max(500).nullable().optional(),
  country: country.nullable().optional(),
  region: region.nullable().optional(),
  tax_id: z.string().max(40).nullable().optional().describe('GSTIN, VAT number or sales-tax permit, printed on invoices'),
  prices_include_tax: z.boolean().optional(),
  invoice_series: z.string().regex(/^[A-Z0-9-]{1,12}$/).optional(),
  credit_note_series: z.string().regex(/^[A-Z0-9-]{1,12}$/).optional(),
  payment_terms_days: z.number().int().min(0).max(365).optional(),
  overage_per_gb_minor: z.number().int().min(0).max(1e12).optional(),
  invoice_footer: z.string().max(1000).nullable().optional(),
});
export const settingsDto = z.object({
  legal_name: z.string().nullable(), address: z.string().nullable(), country: z.string().nullable(), region: z.string().nullable(), tax_id: z.string().nullable(),
  prices_include_tax: z.boolean(), invoice_series: z.string(), credit_note_series: z.string(), payment_terms_days: z.number().int(),
  overage_per_gb_minor: z.number().int(), invoice_footer: z.string().nullable(),
});
export type BillingSettings = z.infer<typeof settingsDto>;
const defaults: BillingSettings = {
  legal_name: null, address: null, country: null, region: null, tax_id: null, prices_include_tax: false, invoice_series: 'INV',
  credit_note_series: 'CN', payment_terms_days: 15, overage_per_gb_minor: 0, invoice_footer: null,
};

export async function loadSettings(tx: Tx, ispId: string): Promise<BillingSettings> {
  const [s] = await tx.select().from(billingSettings).where(eq(billingSettings.ispId, ispId));
  if (!s) return defaults;
  return {
    legal_name: s.legalName, address: s.address, country: s.country?.trim() ?? null, region: s.region, tax_id: s.taxId, prices_include_tax: s.pricesIncludeTax,
    invoice_series: s.invoiceSeries, credit_note_series: s.creditNoteSeries, payment_terms_days: s.paymentTermsDays,
    overage_per_gb_minor: s.overagePerGbMinor, invoice_footer: s.invoiceFooter,
  };
}

export async function getSettings(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, (tx) => loadSettings(tx, ispId));
}

export async function updateSettings(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof settingsBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const before = await loadSettings(tx, ispId);
    const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as BillingSettings;
    const values = {
      legalName: next.legal_name, address: next.address, country: next.country, region: next.region, taxId: next.tax_id,
      pricesIncludeTax: next.prices_include_tax, invoiceSeries: next.invoice_series, creditNoteSeries: next.credit_note_series,
      paymentTermsDays: next.payment_terms_days, overagePerGbMinor: next.overage_per_gb_minor, invoiceFooter: next.invoice_footer, updatedAt: new Date(),
    };
    await tx.insert(billingSettings).values({ ispId, ...values }).onConflictDoUpdate({ target: billingSettings.ispId, set: values });
    await recordChange(tx, actor, { ispId, action: 'billing_settings.updated', entityType: 'billing_settings', entityId: ispId, before, after: next });
    return next;
  });
}
