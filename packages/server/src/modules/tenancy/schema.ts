import { boolean, char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';

export const isps = pgTable('isps', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  displayName: text('display_name').notNull(),
  customDomain: text('custom_domain'),
  logoUrl: text('logo_url'),
  primaryColor: text('primary_color').notNull().default('#1565c0'),
  secondaryColor: text('secondary_color').notNull().default('#00897b'),
  defaultLocale: text('default_locale').notNull().default('en'),
  currency: char('currency', { length: 3 }).notNull().default('USD'),
  timezone: text('timezone').notNull().default('UTC'),
  status: text('status', { enum: ['active', 'suspended', 'terminated'] }).notNull().default('active'),
  saasPlan: text('saas_plan').notNull().default('starter'),
  requireMfa: boolean('require_mfa').notNull().default(false),
  contactEmail: text('contact_email'),
  // What the AAA engine does with an expired subscriber (migrations/0002_aaa.sql).
  expiredAction: text('expired_action', { enum: ['reject', 'walled_garden'] }).notNull().default('reject'),
  walledGardenAddressList: text('walled_garden_address_list').notNull().default('expired'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const branches = pgTable('branches', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull().references(() => isps.id, { onDelete: 'cascade' }),
  parentBranchId: uuid('parent_branch_id'),
  name: text('name').notNull(),
  code: text('code').notNull(),
  address: text('address'),
  phone: text('phone'),
  status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('branches', t),
  tenantKey('branches_parent_branch_id_fkey', t.ispId, t.parentBranchId, t).onDelete('restrict'),
]);

export type IspRow = typeof isps.$inferSelect;
export type BranchRow = typeof branches.$inferSelect;
