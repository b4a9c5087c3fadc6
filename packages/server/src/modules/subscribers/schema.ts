import { boolean, doublePrecision, inet, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CheckItem, CustomAttribute } from '../aaa/index.ts';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';
import { subscriptionPlans } from '../catalog/index.ts';
import { branches } from '../tenancy/index.ts';

export const subscriberStatuses = ['active', 'suspended', 'expired', 'terminated'] as const;
export type SubscriberStatus = (typeof subscriberStatuses)[number];

export const subscribers = pgTable('subscribers', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  planId: uuid('plan_id'),
  accountNumber: text('account_number').notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  city: text('city'),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  username: text('username').notNull(),
  networkPasswordEnc: text('network_password_enc').notNull(),
  portalPasswordHash: text('portal_password_hash'),
  status: text('status', { enum: subscriberStatuses }).notNull().default('active'),
  locale: text('locale'),
  macAddress: text('mac_address'),
  staticIp: inet('static_ip'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  radiusReply: jsonb('radius_reply').$type<CustomAttribute[]>().notNull().default([]),
  radiusCheck: jsonb('radius_check').$type<CheckItem[]>().notNull().default([]),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('subscribers', t),
  tenantKey('subscribers_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('subscribers_plan_id_fkey', t.ispId, t.planId, subscriptionPlans).onDelete('restrict'),
]);

export type SubscriberRow = typeof subscribers.$inferSelect;
