import { bigint, boolean, char, date, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';
import { subscriptionPlans } from '../catalog/index.ts';
import { subscribers } from '../subscribers/index.ts';
import { branches } from '../tenancy/index.ts';

// Tables of migrations/0008_billing.sql. Money columns are integer minor units of the row's
// currency; `mode: 'number'` is exact up to 2^53 minor units, far beyond any invoice.

const money = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const invoiceStatuses = ['draft', 'issued', 'paid', 'partially_paid', 'overdue', 'void'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
export const taxKinds = ['gst', 'vat', 'sales_tax', 'other'] as const;
export const taxScopes = ['any', 'intra', 'inter'] as const;
export const lineKinds = ['plan', 'proration', 'one_time', 'overage', 'adjustment', 'credit', 'addon', 'discount'] as const;

export const billingSettings = pgTable('billing_settings', {
  ispId: uuid('isp_id').primaryKey(),
  legalName: text('legal_name'),
  address: text('address'),
  country: char('country', { length: 2 }),
  region: text('region'),
  taxId: text('tax_id'),
  pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
  invoiceSeries: text('invoice_series').notNull().default('INV'),
  creditNoteSeries: text('credit_note_series').notNull().default('CN'),
  paymentTermsDays: integer('payment_terms_days').notNull().default(15),
  overagePerGbMinor: money('overage_per_gb_minor').notNull().default(0),
  invoiceFooter: text('invoice_footer'),
  /** The daily automatic billing run (migrations/0022): on or off, and the hour in the ISP's time zone. */
  autoRunEnabled: boolean('auto_run_enabled').notNull().default(true),
  autoRunHour: smallint('auto_run_hour').notNull().default(2),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const billingProfiles = pgTable('billing_profiles', {
  subscriberId: uuid('subscriber_id').primaryKey(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  country: char('country', { length: 2 }),
  region: text('region'),
  taxId: text('tax_id'),
  isBusiness: boolean('is_business').notNull().default(false),
  currency: char('currency', { length: 3 }),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('billing_profiles_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('billing_profiles_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('cascade'),
]);

export const taxRules = pgTable('tax_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: taxKinds }).notNull(),
  country: char('country', { length: 2 }),
  region: text('region'),
  scope: text('scope', { enum: taxScopes }).notNull().default('any'),
  rate: numeric('rate', { precision: 9, scale: 4 }).notNull(),
  compound: boolean('compound').notNull().default(false),
  reverseChargeB2b: boolean('reverse_charge_b2b').notNull().default(false),
  category: text('category').notNull().default('*'),
  priority: integer('priority').notNull().default(0),
  active: boolean('active').notNull().default(true),
  validFrom: date('valid_from'),
  validTo: date('valid_to'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('tax_rules', t),
]);

export const exchangeRates = pgTable('exchange_rates', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  base: char('base', { length: 3 }).notNull(),
  quote: char('quote', { length: 3 }).notNull(),
  rate: numeric('rate', { precision: 24, scale: 10 }).notNull(),
  rateDate: date('rate_date').notNull(),
  source: text('source', { enum: ['manual', 'ecb'] }).notNull().default('manual'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const subscriptions = pgTable('subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  subscriberId: uuid('subscriber_id').notNull(),
  planId: uuid('plan_id').notNull(),
  kind: text('kind', { enum: ['prepaid', 'postpaid'] }).notNull(),
  status: text('status', { enum: ['active', 'cancelled'] }).notNull().default('active'),
  anchor: text('anchor', { enum: ['calendar', 'anniversary'] }).notNull().default('calendar'),
  billingDay: smallint('billing_day').notNull().default(1),
  startDate: date('start_date').notNull(),
  nextPeriodStart: date('next_period_start').notNull(),
  nextPeriodEnd: date('next_period_end').notNull(),
  priceMinor: money('price_minor'),
  currency: char('currency', { length: 3 }).notNull(),
  cancelledAt: ts('cancelled_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('subscriptions', t),
  tenantKey('subscriptions_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('subscriptions_plan_id_fkey', t.ispId, t.planId, subscriptionPlans).onDelete('restrict'),
  tenantKey('subscriptions_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('cascade'),
]);

export type PartyInfo = {
  name?: string | null; address?: string | null; country?: string | null; region?: string | null;
  tax_id?: string | null; email?: string | null; account_number?: string | null; is_business?: boolean;
  logo_url?: string | null; primary_color?: string | null;
};

export const invoices = pgTable('invoices', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  subscriberId: uuid('subscriber_id').notNull(),
  subscriptionId: uuid('subscription_id'),
  kind: text('kind', { enum: ['invoice', 'credit_note'] }).notNull().default('invoice'),
  source: text('source', { enum: ['cycle', 'recharge', 'manual', 'credit_note'] }).notNull().default('manual'),
  series: text('series').notNull(),
  sequence: bigint('sequence', { mode: 'number' }),
  number: text('number'),
  status: text('status', { enum: invoiceStatuses }).notNull().default('draft'),
  currency: char('currency', { length: 3 }).notNull(),
  baseCurrency: char('base_currency', { length: 3 }).notNull(),
  exchangeRate: numeric('exchange_rate', { precision: 24, scale: 10 }).notNull().default('1'),
  exchangeRateDate: date('exchange_rate_date'),
  issueDate: date('issue_date'),
  dueDate: date('due_date'),
  periodStart: date('period_start'),
  periodEnd: date('period_end'),
  pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
  subtotal: money('subtotal').notNull().default(0),
  taxTotal: money('tax_total').notNull().default(0),
  total: money('total').notNull().default(0),
  amountPaid: money('amount_paid').notNull().default(0),
  amountCredited: money('amount_credited').notNull().default(0),
  creditNoteOf: uuid('credit_note_of'),
  seller: jsonb('seller').$type<PartyInfo>().notNull().default({}),
  buyer: jsonb('buyer').$type<PartyInfo>().notNull().default({}),
  locale: text('locale').notNull().default('en'),
  notes: text('notes'),
  issuedAt: ts('issued_at'),
  voidedAt: ts('voided_at'),
  voidReason: text('void_reason'),
  emailedAt: ts('emailed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('invoices', t),
  tenantKey('invoices_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('invoices_credit_note_of_fkey', t.ispId, t.creditNoteOf, t).onDelete('restrict'),
  tenantKey('invoices_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('restrict'),
  tenantKey('invoices_subscription_id_fkey', t.ispId, t.subscriptionId, subscriptions).onDelete('set null'),
]);

export const invoiceLines = pgTable('invoice_lines', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  invoiceId: uuid('invoice_id').notNull(),
  position: integer('position').notNull(),
  kind: text('kind', { enum: lineKinds }).notNull(),
  category: text('category').notNull().default('internet'),
  description: text('description').notNull(),
  quantity: numeric('quantity', { precision: 18, scale: 6 }).notNull().default('1'),
  unit: text('unit'),
  unitPrice: money('unit_price').notNull(),
  netAmount: money('net_amount').notNull(),
  taxAmount: money('tax_amount').notNull().default(0),
  grossAmount: money('gross_amount').notNull(),
  periodStart: date('period_start'),
  periodEnd: date('period_end'),
  usageBytes: bigint('usage_bytes', { mode: 'number' }),
  includedBytes: bigint('included_bytes', { mode: 'number' }),
}, (t) => [
  tenantRowKey('invoice_lines', t),
  tenantKey('invoice_lines_invoice_id_fkey', t.ispId, t.invoiceId, invoices).onDelete('cascade'),
]);

export const invoiceTaxes = pgTable('invoice_taxes', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  invoiceId: uuid('invoice_id').notNull(),
  lineId: uuid('line_id'),
  taxRuleId: uuid('tax_rule_id'),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  rate: numeric('rate', { precision: 9, scale: 4 }).notNull(),
  taxableAmount: money('taxable_amount').notNull(),
  amount: money('amount').notNull(),
  reverseCharge: boolean('reverse_charge').notNull().default(false),
}, (t) => [
  tenantKey('invoice_taxes_invoice_id_fkey', t.ispId, t.invoiceId, invoices).onDelete('cascade'),
  tenantKey('invoice_taxes_line_id_fkey', t.ispId, t.lineId, invoiceLines).onDelete('cascade'),
  tenantKey('invoice_taxes_tax_rule_id_fkey', t.ispId, t.taxRuleId, taxRules).onDelete('set null'),
]);

export const invoiceCounters = pgTable('invoice_counters', {
  ispId: uuid('isp_id').notNull(),
  series: text('series').notNull(),
  lastValue: bigint('last_value', { mode: 'number' }).notNull().default(0),
}, (t) => [primaryKey({ columns: [t.ispId, t.series] })]);

export const billingCharges = pgTable('billing_charges', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  subscriberId: uuid('subscriber_id').notNull(),
  subscriptionId: uuid('subscription_id'),
  kind: text('kind', { enum: ['one_time', 'proration'] }).notNull(),
  description: text('description').notNull(),
  amount: money('amount').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  invoiceId: uuid('invoice_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('billing_charges_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('billing_charges_invoice_id_fkey', t.ispId, t.invoiceId, invoices).onDelete('set null'),
  tenantKey('billing_charges_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('cascade'),
  tenantKey('billing_charges_subscription_id_fkey', t.ispId, t.subscriptionId, subscriptions).onDelete('set null'),
]);

export const billingRuns = pgTable('billing_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  asOf: date('as_of').notNull(),
  status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull().default('running'),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  invoiced: integer('invoiced').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  totalAmount: money('total_amount').notNull().default(0),
  error: text('error'),
  startedBy: uuid('started_by'),
  /** 'schedule' runs are unique per ISP and as_of day (the ISP's local day). */
  trigger: text('trigger', { enum: ['manual', 'schedule'] }).notNull().default('manual'),
  startedAt: ts('started_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
});

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type TaxRuleRow = typeof taxRules.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
