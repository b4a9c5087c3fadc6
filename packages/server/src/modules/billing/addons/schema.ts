import { bigint, boolean, char, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../../platform/db/tenant-key.ts';
import { invoices, subscriptions } from '../schema.ts';
import { subscribers } from '../../subscribers/index.ts';
import { branches } from '../../tenancy/index.ts';

// Tables of migrations/0018_billing_addons.sql. Money in integer minor units of the row's currency.

const money = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const addonKinds = ['static_ip', 'data_pack', 'speed_boost', 'other'] as const;
export const addonBillings = ['one_off', 'recurring'] as const;

export const billingAddons = pgTable('billing_addons', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  kind: text('kind', { enum: addonKinds }).notNull(),
  billing: text('billing', { enum: addonBillings }).notNull(),
  priceMinor: money('price_minor').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  taxable: boolean('taxable').notNull().default(true),
  dataBytes: bigint('data_bytes', { mode: 'number' }),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('billing_addons', t),
]);

export const subscriptionAddons = pgTable('subscription_addons', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  subscriberId: uuid('subscriber_id').notNull(),
  subscriptionId: uuid('subscription_id').notNull(),
  addonId: uuid('addon_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: addonKinds }).notNull(),
  billing: text('billing', { enum: addonBillings }).notNull(),
  priceMinor: money('price_minor').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  taxable: boolean('taxable').notNull(),
  dataBytes: bigint('data_bytes', { mode: 'number' }),
  quantity: integer('quantity').notNull().default(1),
  startDate: date('start_date').notNull(),
  endDate: date('end_date'),
  invoiceId: uuid('invoice_id'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('subscription_addons_addon_id_fkey', t.ispId, t.addonId, billingAddons).onDelete('restrict'),
  tenantKey('subscription_addons_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('subscription_addons_invoice_id_fkey', t.ispId, t.invoiceId, invoices).onDelete('set null'),
  tenantKey('subscription_addons_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('cascade'),
  tenantKey('subscription_addons_subscription_id_fkey', t.ispId, t.subscriptionId, subscriptions).onDelete('cascade'),
]);

export const coupons = pgTable('coupons', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  code: text('code').notNull(),
  description: text('description'),
  kind: text('kind', { enum: ['percent', 'fixed'] }).notNull(),
  percent: numeric('percent', { precision: 7, scale: 4 }),
  amountMinor: money('amount_minor'),
  currency: char('currency', { length: 3 }),
  maxRedemptions: integer('max_redemptions'),
  maxPerSubscriber: integer('max_per_subscriber').notNull().default(1),
  redeemedCount: integer('redeemed_count').notNull().default(0),
  validFrom: date('valid_from'),
  validTo: date('valid_to'),
  cycles: integer('cycles'),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('coupons', t),
]);

export const couponRedemptions = pgTable('coupon_redemptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  couponId: uuid('coupon_id').notNull(),
  subscriberId: uuid('subscriber_id').notNull(),
  subscriptionId: uuid('subscription_id').notNull(),
  cyclesTotal: integer('cycles_total'),
  cyclesUsed: integer('cycles_used').notNull().default(0),
  status: text('status', { enum: ['active', 'used_up', 'cancelled'] }).notNull().default('active'),
  lastInvoiceId: uuid('last_invoice_id'),
  redeemedBy: uuid('redeemed_by'),
  redeemedAt: ts('redeemed_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('coupon_redemptions_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('coupon_redemptions_coupon_id_fkey', t.ispId, t.couponId, coupons).onDelete('restrict'),
  tenantKey('coupon_redemptions_last_invoice_id_fkey', t.ispId, t.lastInvoiceId, invoices).onDelete('set null'),
  tenantKey('coupon_redemptions_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('cascade'),
  tenantKey('coupon_redemptions_subscription_id_fkey', t.ispId, t.subscriptionId, subscriptions).onDelete('cascade'),
]);

export const depositMethods = ['cash', 'bank_transfer', 'cheque', 'card', 'other'] as const;
export const deposits = pgTable('deposits', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  subscriberId: uuid('subscriber_id').notNull(),
  description: text('description').notNull(),
  amountMinor: money('amount_minor').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  method: text('method', { enum: depositMethods }).notNull(),
  reference: text('reference'),
  status: text('status', { enum: ['held', 'returned_to_wallet', 'refunded'] }).notNull().default('held'),
  receivedAt: ts('received_at').notNull().defaultNow(),
  releasedAt: ts('released_at'),
  releaseNote: text('release_note'),
  createdBy: uuid('created_by'),
  releasedBy: uuid('released_by'),
}, (t) => [
  tenantKey('deposits_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('deposits_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('restrict'),
]);

export type BillingAddonRow = typeof billingAddons.$inferSelect;
export type SubscriptionAddonRow = typeof subscriptionAddons.$inferSelect;
export type CouponRow = typeof coupons.$inferSelect;
export type CouponRedemptionRow = typeof couponRedemptions.$inferSelect;
export type DepositRow = typeof deposits.$inferSelect;
