import { z } from 'zod';
import { platformInvoiceStatuses, platformPaymentMethods, platformPlanKinds } from './schema.ts';

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
const day = z.iso.date();

export const settingsFields = {
  legal_name: z.string().min(1).max(200),
  address: z.string().max(500).nullable(),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2').nullable(),
  region: z.string().max(20).nullable(),
  tax_id: z.string().max(40).nullable(),
  currency,
  invoice_series: z.string().regex(/^[A-Z0-9-]{1,12}$/, 'capital letters, digits and hyphens'),
  payment_terms_days: z.number().int().min(0).max(365),
  prices_include_tax: z.boolean(),
  tax_name: z.string().max(40).nullable(),
  tax_rate: z.string().regex(/^\d{1,2}(\.\d{1,4})?$/, 'a percentage such as 18 or 7.5'),
  tax_reverse_charge_b2b: z.boolean(),
  invoice_footer: z.string().max(1000).nullable(),
};
export const settingsDto = z.object({ ...settingsFields, updated_at: z.string() });
export const settingsBody = z.strictObject(settingsFields).partial();

export const planDto = z.object({
  id: z.string(), name: z.string(), kind: z.enum(platformPlanKinds),
  price_minor: minor.describe('flat: the monthly fee; per_subscriber: per active subscriber a month'),
  minimum_minor: minor.describe('Per-subscriber plans: the least billed a month'), currency: z.string(), status: z.enum(['active', 'archived']),
  isps: z.number().int().describe('ISPs on this plan'), created_at: z.string(),
});
export const planBody = z.strictObject({
  name: z.string().min(1).max(80), kind: z.enum(platformPlanKinds), price_minor: minor, minimum_minor: minor.optional(),
});
export const planPatch = z.strictObject({
  name: z.string().min(1).max(80).optional(), price_minor: minor.optional(), minimum_minor: minor.optional(), status: z.enum(['active', 'archived']).optional(),
});

export const assignmentDto = z.object({
  isp_id: z.string(), isp_name: z.string(), plan_id: z.string(), plan_name: z.string(), start_date: z.string(), updated_at: z.string(),
});
export const assignBody = z.strictObject({ plan_id: z.uuid(), start_date: day.optional().describe('First day billed; today when absent') });

export const invoiceSummaryDto = z.object({
  id: z.string(), isp_id: z.string(), isp_name: z.string().nullable(), number: z.string().nullable(), status: z.enum(platformInvoiceStatuses),
  currency: z.string(), issue_date: z.string(), due_date: z.string(), period_start: z.string(), period_end: z.string(),
  active_subscribers: z.number().int(), subtotal: z.number().int(), tax_total: z.number().int(), total: z.number().int(),
  amount_paid: z.number().int(), balance: z.number().int(), created_at: z.string(),
});
const party = z.object({ name: z.string().nullable().optional(), address: z.string().nullable().optional(), country: z.string().nullable().optional(), tax_id: z.string().nullable().optional() });
export const invoiceDto = invoiceSummaryDto.extend({
  plan_id: z.string().nullable(), seller: party, buyer: party, locale: z.string(), notes: z.string().nullable(), void_reason: z.string().nullable(),
  lines: z.array(z.object({
    id: z.string(), position: z.number().int(), kind: z.string(), description: z.string(), quantity: z.string(), unit: z.string().nullable(),
    unit_price: z.number().int(), net_amount: z.number().int(), tax_amount: z.number().int(), gross_amount: z.number().int(),
  })),
  taxes: z.array(z.object({ line_id: z.string().nullable(), name: z.string(), kind: z.string(), rate: z.string(), taxable_amount: z.number().int(), amount: z.number().int(), reverse_charge: z.boolean() })),
  payments: z.array(z.object({ id: z.string(), amount: z.number().int(), method: z.string(), reference: z.string().nullable(), received_at: z.string() })),
});
export type PlatformInvoiceSummary = z.infer<typeof invoiceSummaryDto>;
export type PlatformInvoiceDto = z.infer<typeof invoiceDto>;

export const invoiceListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
  isp_id: z.uuid().optional(), status: z.enum(platformInvoiceStatuses).optional(),
});
export const voidBody = z.strictObject({ reason: z.string().min(1).max(500) });
export const paymentBody = z.strictObject({
  amount_minor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), method: z.enum(platformPaymentMethods),
  reference: z.string().max(120).nullable().optional(), received_at: z.iso.datetime({ offset: true }).optional(),
});

export const runBody = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').describe('The calendar month billed'),
  issue: z.boolean().default(true).describe('Issue (number) the invoices; false leaves drafts'),
});
export const runDto = z.object({
  id: z.string(), period_start: z.string(), period_end: z.string(), status: z.string(), invoiced: z.number().int(), skipped: z.number().int(),
  total_amount: z.number().int(), started_at: z.string(), finished_at: z.string().nullable(),
});

export const metricsDto = z.object({
  currency: z.string(),
  mrr: z.number().int().describe('Net (before tax) of the invoices of the latest billed month'),
  arr: z.number().int().describe('12 × MRR'),
  paying_isps: z.number().int(),
  churn_rate: z.number().nullable().describe('ISPs billed last month and not in the latest month, over ISPs billed last month'),
  monthly: z.array(z.object({
    month: z.string(), mrr: z.number().int(), isps: z.number().int(), collected: z.number().int(),
    isps_lost: z.number().int(), revenue_lost: z.number().int().describe("The lost ISPs' net of the month before"),
  })).describe('The last 12 calendar months, oldest first'),
  per_isp: z.array(z.object({
    isp_id: z.string(), isp_name: z.string(), plan_name: z.string().nullable(), mrr: z.number().int(), billed_12m: z.number().int(), paid_12m: z.number().int(), outstanding: z.number().int(),
  })),
});
