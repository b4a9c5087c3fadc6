import { bigint, boolean, char, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PartyInfo } from '../billing/index.ts';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';

// Tables of migrations/0017_platform_billing.sql: the founder's invoices to ISPs. Money
// columns are integer minor units of the platform's currency.

const money = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const platformPlanKinds = ['flat', 'per_subscriber'] as const;
export const platformInvoiceStatuses = ['draft', 'issued', 'paid', 'void'] as const;
export type PlatformInvoiceStatus = (typeof platformInvoiceStatuses)[number];
export const platformPaymentMethods = ['bank_transfer', 'card', 'cash', 'cheque', 'other'] as const;

export const platformBillingSettings = pgTable('platform_billing_settings', {
  id: boolean('id').primaryKey().default(true),
  legalName: text('legal_name').notNull().default('AstraNetix'),
  address: text('address'),
  country: char('country', { length: 2 }),
  region: text('region'),
  taxId: text('tax_id'),
  currency: char('currency', { length: 3 }).notNull().default('USD'),
  invoiceSeries: text('invoice_series').notNull().default('SAAS'),
  paymentTermsDays: integer('payment_terms_days').notNull().default(15),
  pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
  taxName: text('tax_name'),
  taxRate: numeric('tax_rate', { precision: 9, scale: 4 }).notNull().default('0'),
  taxReverseChargeB2b: boolean('tax_reverse_charge_b2b').notNull().default(false),
  invoiceFooter: text('invoice_footer'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const platformPlans = pgTable('platform_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind', { enum: platformPlanKinds }).notNull(),
  priceMinor: money('price_minor').notNull(),
  minimumMinor: money('minimum_minor').notNull().default(0),
  currency: char('currency', { length: 3 }).notNull(),
  status: text('status', { enum: ['active', 'archived'] }).notNull().default('active'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const platformPlanAssignments = pgTable('platform_plan_assignments', {
  ispId: uuid('isp_id').primaryKey(),
  planId: uuid('plan_id').notNull().references(() => platformPlans.id, { onDelete: 'restrict' }),
  startDate: date('start_date').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const platformBillingRuns = pgTable('platform_billing_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  periodStart: date('period_start').notNull(),
  periodEnd: date('period_end').notNull(),
  status: text('status', { enum: ['completed', 'failed'] }).notNull().default('completed'),
  invoiced: integer('invoiced').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  totalAmount: money('total_amount').notNull().default(0),
  startedBy: uuid('started_by'),
  startedAt: ts('started_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
});

export const platformInvoices = pgTable('platform_invoices', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  planId: uuid('plan_id').references(() => platformPlans.id, { onDelete: 'set null' }),
  runId: uuid('run_id').references(() => platformBillingRuns.id, { onDelete: 'set null' }),
  series: text('series').notNull(),
  sequence: bigint('sequence', { mode: 'number' }),
  number: text('number'),
  status: text('status', { enum: platformInvoiceStatuses }).notNull().default('draft'),
  currency: char('currency', { length: 3 }).notNull(),
  issueDate: date('issue_date').notNull(),
  dueDate: date('due_date').notNull(),
  periodStart: date('period_start').notNull(),
  periodEnd: date('period_end').notNull(),
  activeSubscribers: integer('active_subscribers').notNull().default(0),
  pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
  subtotal: money('subtotal').notNull().default(0),
  taxTotal: money('tax_total').notNull().default(0),
  total: money('total').notNull().default(0),
  amountPaid: money('amount_paid').notNull().default(0),
  seller: jsonb('seller').$type<PartyInfo>().notNull().default({}),
  buyer: jsonb('buyer').$type<PartyInfo>().notNull().default({}),
  locale: text('locale').notNull().default('en'),
  notes: text('notes'),
  issuedAt: ts('issued_at'),
  paidAt: ts('paid_at'),
  voidedAt: ts('voided_at'),
  voidReason: text('void_reason'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('platform_invoices', t),
]);

export const platformInvoiceLines = pgTable('platform_invoice_lines', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  invoiceId: uuid('invoice_id').notNull(),
  position: integer('position').notNull(),
  kind: text('kind', { enum: ['plan', 'adjustment'] }).notNull(),
  description: text('description').notNull(),
  quantity: numeric('quantity', { precision: 18, scale: 6 }).notNull().default('1'),
  unit: text('unit'),
  unitPrice: money('unit_price').notNull(),
  netAmount: money('net_amount').notNull(),
  taxAmount: money('tax_amount').notNull().default(0),
  grossAmount: money('gross_amount').notNull(),
}, (t) => [
  tenantRowKey('platform_invoice_lines', t),
  tenantKey('platform_invoice_lines_invoice_id_fkey', t.ispId, t.invoiceId, platformInvoices).onDelete('cascade'),
]);

export const platformInvoiceTaxes = pgTable('platform_invoice_taxes', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  invoiceId: uuid('invoice_id').notNull(),
  lineId: uuid('line_id'),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  rate: numeric('rate', { precision: 9, scale: 4 }).notNull(),
  taxableAmount: money('taxable_amount').notNull(),
  amount: money('amount').notNull(),
  reverseCharge: boolean('reverse_charge').notNull().default(false),
}, (t) => [
  tenantKey('platform_invoice_taxes_invoice_id_fkey', t.ispId, t.invoiceId, platformInvoices).onDelete('cascade'),
  tenantKey('platform_invoice_taxes_line_id_fkey', t.ispId, t.lineId, platformInvoiceLines).onDelete('cascade'),
]);

export const platformPayments = pgTable('platform_payments', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  invoiceId: uuid('invoice_id').notNull(),
  amount: money('amount').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  method: text('method', { enum: platformPaymentMethods }).notNull(),
  reference: text('reference'),
  receivedAt: ts('received_at').notNull().defaultNow(),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('platform_payments_invoice_id_fkey', t.ispId, t.invoiceId, platformInvoices).onDelete('restrict'),
]);

export type PlatformSettingsRow = typeof platformBillingSettings.$inferSelect;
export type PlatformPlanRow = typeof platformPlans.$inferSelect;
export type PlatformInvoiceRow = typeof platformInvoices.$inferSelect;
export type PlatformInvoiceLineRow = typeof platformInvoiceLines.$inferSelect;
export type PlatformInvoiceTaxRow = typeof platformInvoiceTaxes.$inferSelect;
export type PlatformPaymentRow = typeof platformPayments.$inferSelect;
