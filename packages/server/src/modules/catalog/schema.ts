import { bigint, char, integer, jsonb, pgTable, smallint, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CheckItem, CustomAttribute } from '../aaa/index.ts';
import { tenantRowKey } from '../../platform/db/tenant-key.ts';

export const billingPeriods = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;

export const subscriptionPlans = pgTable('subscription_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  downloadKbps: integer('download_kbps').notNull(),
  uploadKbps: integer('upload_kbps').notNull(),
  // Integer minor units of `currency` (cents, paise, fils): money is never a float.
  priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  billingPeriod: text('billing_period', { enum: billingPeriods }).notNull().default('monthly'),
  status: text('status', { enum: ['active', 'archived'] }).notNull().default('active'),
  // AAA: what the NAS enforces (migrations/0002_aaa.sql).
  burstDownloadKbps: integer('burst_download_kbps'),
  burstUploadKbps: integer('burst_upload_kbps'),
  burstThresholdDownloadKbps: integer('burst_threshold_download_kbps'),
  burstThresholdUploadKbps: integer('burst_threshold_upload_kbps'),
  burstTimeS: integer('burst_time_s'),
  priority: smallint('priority'),
  minDownloadKbps: integer('min_download_kbps'),
  minUploadKbps: integer('min_upload_kbps'),
  sessionTimeoutS: integer('session_timeout_s'),
  idleTimeoutS: integer('idle_timeout_s'),
  interimIntervalS: integer('interim_interval_s').notNull().default(300),
  simultaneousUse: integer('simultaneous_use').notNull().default(1),
  fupDailyBytes: bigint('fup_daily_bytes', { mode: 'number' }),
  fupMonthlyBytes: bigint('fup_monthly_bytes', { mode: 'number' }),
  fupDownloadKbps: integer('fup_download_kbps'),
  fupUploadKbps: integer('fup_upload_kbps'),
  framedPool: text('framed_pool'),
  addressList: text('address_list'),
  validityDays: integer('validity_days'),
  nightDownloadKbps: integer('night_download_kbps'),
  nightUploadKbps: integer('night_upload_kbps'),
  nightStart: time('night_start'),
  nightEnd: time('night_end'),
  ipPoolId: uuid('ip_pool_id'),
  allowedNasGroup: text('allowed_nas_group'),
  loginTime: text('login_time'),
  radiusReply: jsonb('radius_reply').$type<CustomAttribute[]>().notNull().default([]),
  radiusCheck: jsonb('radius_check').$type<CheckItem[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('subscription_plans', t),
]);

export type PlanRow = typeof subscriptionPlans.$inferSelect;
