import { bigint, boolean, char, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../../platform/db/tenant-key.ts';
import { invoices } from '../schema.ts';
import { subscribers } from '../../subscribers/index.ts';
import { branches } from '../../tenancy/index.ts';

// Tables of migrations/0009_payments.sql. Money columns are integer minor units of the row's
// currency; `mode: 'number'` is exact up to 2^53 minor units.

const money = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const paymentMethods = ['cash', 'bank_transfer', 'cheque', 'card', 'gateway'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentStatuses = ['pending', 'held', 'succeeded', 'failed', 'refunded', 'partially_refunded'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export type RiskReason = { code: string; points: number; detail: string };

export const paymentGateways = pgTable('payment_gateways', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  provider: text('provider').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  config: jsonb('config').$type<Record<string, string>>().notNull().default({}),
  secretsEnc: text('secrets_enc').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const payments = pgTable('payments', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  subscriberId: uuid('subscriber_id').notNull(),
  number: text('number'),
  method: text('method', { enum: paymentMethods }).notNull(),
  provider: text('provider'),
  status: text('status', { enum: paymentStatuses }).notNull(),
  amount: money('amount').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  amountRefunded: money('amount_refunded').notNull().default(0),
  gatewayReference: text('gateway_reference'),
  reference: text('reference'),
  targetInvoiceIds: uuid('target_invoice_ids').array(),
  payerFingerprint: text('payer_fingerprint'),
  payerCountry: char('payer_country', { length: 2 }),
  riskScore: integer('risk_score').notNull().default(0),
  riskLevel: text('risk_level', { enum: riskLevels }).notNull().default('low'),
  riskReasons: jsonb('risk_reasons').$type<RiskReason[]>().notNull().default([]),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: ts('reviewed_at'),
  reviewNote: text('review_note'),
  failureReason: text('failure_reason'),
  notes: text('notes'),
  receivedBy: uuid('received_by'),
  receivedAt: ts('received_at').notNull().defaultNow(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('payments', t),
  tenantKey('payments_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('payments_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('restrict'),
]);
export type PaymentRow = typeof payments.$inferSelect;

export const paymentAllocations = pgTable('payment_allocations', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  /** Empty for wallet credit that came from no payment (a value card, a returned deposit). */
  paymentId: uuid('payment_id'),
  invoiceId: uuid('invoice_id').notNull(),
  /** In `currency`, the money's side (the payment's or the wallet's currency). */
  amount: money('amount').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  /** What the invoice received, in its own currency, at `exchangeRate` (1 currency = rate invoice currency). */
  invoiceAmount: money('invoice_amount').notNull(),
  invoiceCurrency: char('invoice_currency', { length: 3 }).notNull(),
  exchangeRate: numeric('exchange_rate', { precision: 24, scale: 10 }).notNull().default('1'),
  rateDate: date('rate_date'),
  rateSource: text('rate_source'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('payment_allocations_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('payment_allocations_invoice_id_fkey', t.ispId, t.invoiceId, invoices).onDelete('restrict'),
  tenantKey('payment_allocations_payment_id_fkey', t.ispId, t.paymentId, payments).onDelete('cascade'),
]);

export const refunds = pgTable('refunds', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  paymentId: uuid('payment_id').notNull(),
  amount: money('amount').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
  reason: text('reason'),
  gatewayReference: text('gateway_reference'),
  failureReason: text('failure_reason'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('refunds_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('refunds_payment_id_fkey', t.ispId, t.paymentId, payments).onDelete('cascade'),
]);
export type RefundRow = typeof refunds.$inferSelect;

export const walletEntryKinds = ['overpayment', 'allocation', 'refund', 'adjustment', 'voucher'] as const;
export const walletEntries = pgTable('wallet_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  subscriberId: uuid('subscriber_id').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  amount: money('amount').notNull(),
  kind: text('kind', { enum: walletEntryKinds }).notNull(),
  paymentId: uuid('payment_id'),
  invoiceId: uuid('invoice_id'),
  /** The value card this credit came from (kind 'voucher'); unique, so a card credits once. */
  voucherCardId: uuid('voucher_card_id'),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('wallet_entries_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('wallet_entries_invoice_id_fkey', t.ispId, t.invoiceId, invoices).onDelete('restrict'),
  tenantKey('wallet_entries_payment_id_fkey', t.ispId, t.paymentId, payments).onDelete('restrict'),
  tenantKey('wallet_entries_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('restrict'),
]);

export const gatewayEvents = pgTable('gateway_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  provider: text('provider').notNull(),
  eventId: text('event_id').notNull(),
  type: text('type').notNull(),
  paymentId: uuid('payment_id'),
  payload: jsonb('payload').notNull(),
  outcome: text('outcome'),
  receivedAt: ts('received_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('gateway_events_payment_id_fkey', t.ispId, t.paymentId, payments).onDelete('set null'),
]);

export const dunningSettings = pgTable('dunning_settings', {
  ispId: uuid('isp_id').primaryKey(),
  enabled: boolean('enabled').notNull().default(false),
  reminderDaysBefore: integer('reminder_days_before').array().notNull().default([3]),
  reminderDaysAfter: integer('reminder_days_after').array().notNull().default([1, 7]),
  graceDays: integer('grace_days').notNull().default(10),
  smsEnabled: boolean('sms_enabled').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const smsProviders = pgTable('sms_providers', {
  ispId: uuid('isp_id').primaryKey(),
  provider: text('provider').notNull(),
  config: jsonb('config').$type<Record<string, string>>().notNull().default({}),
  secretsEnc: text('secrets_enc').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const dunningActions = pgTable('dunning_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  subscriberId: uuid('subscriber_id').notNull(),
  invoiceId: uuid('invoice_id'),
  kind: text('kind', { enum: ['reminder', 'suspended', 'restored'] }).notNull(),
  offsetDays: integer('offset_days').notNull().default(0),
  channel: text('channel', { enum: ['email', 'sms', 'none'] }).notNull().default('none'),
  outcome: text('outcome').notNull().default('done'),
  detail: text('detail'),
  restoredAt: ts('restored_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('dunning_actions_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('dunning_actions_invoice_id_fkey', t.ispId, t.invoiceId, invoices).onDelete('cascade'),
  tenantKey('dunning_actions_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('cascade'),
]);
