import { bigint, char, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';
import { subscriptionPlans } from '../catalog/index.ts';
import { subscribers } from '../subscribers/index.ts';
import { branches } from '../tenancy/index.ts';

export const voucherKinds = ['recharge', 'hotspot'] as const;
export type VoucherKind = (typeof voucherKinds)[number];
/** Stored card states; "expired" is derived when read (see effectiveStatus in vouchers.service.ts). */
export const cardStatuses = ['unused', 'sold', 'used', 'disabled'] as const;
export const cardViewStatuses = ['unused', 'sold', 'used', 'expired', 'disabled'] as const;
export type CardViewStatus = (typeof cardViewStatuses)[number];

export const voucherBatches = pgTable('voucher_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  number: integer('number').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: voucherKinds }).notNull(),
  cardCount: integer('card_count').notNull(),
  pinLength: integer('pin_length').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  valueMinor: bigint('value_minor', { mode: 'number' }),
  planId: uuid('plan_id'),
  priceMinor: bigint('price_minor', { mode: 'number' }).notNull().default(0),
  validityDays: integer('validity_days'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  dataLimitBytes: bigint('data_limit_bytes', { mode: 'number' }),
  timeLimitS: bigint('time_limit_s', { mode: 'number' }),
  status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
  printCount: integer('print_count').notNull().default(0),
  lastPrintedAt: timestamp('last_printed_at', { withTimezone: true }),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('voucher_batches', t),
  tenantKey('voucher_batches_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('voucher_batches_plan_id_fkey', t.ispId, t.planId, subscriptionPlans).onDelete('restrict'),
]);
export type VoucherBatchRow = typeof voucherBatches.$inferSelect;

export const voucherCards = pgTable('voucher_cards', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  batchId: uuid('batch_id').notNull(),
  branchId: uuid('branch_id'),
  serial: text('serial').notNull(),
  pinHash: text('pin_hash').notNull(),
  pinEnc: text('pin_enc').notNull(),
  status: text('status', { enum: cardStatuses }).notNull().default('unused'),
  soldAt: timestamp('sold_at', { withTimezone: true }),
  soldBy: uuid('sold_by'),
  soldBranchId: uuid('sold_branch_id'),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedBySubscriberId: uuid('used_by_subscriber_id'),
  usedMac: text('used_mac'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('voucher_cards', t),
  tenantKey('voucher_cards_batch_id_fkey', t.ispId, t.batchId, voucherBatches).onDelete('cascade'),
  tenantKey('voucher_cards_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('voucher_cards_sold_branch_id_fkey', t.ispId, t.soldBranchId, branches).onDelete('set null'),
  tenantKey('voucher_cards_used_by_subscriber_id_fkey', t.ispId, t.usedBySubscriberId, subscribers).onDelete('set null'),
]);
export type VoucherCardRow = typeof voucherCards.$inferSelect;
