import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';

export const isps = pgTable('isps', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  displayName: text('display_name').notNull(),
  customDomain: text('custom_domain'),
  logoUrl: text('logo_url'),
  primaryColor: text('primary_color').notNull(),
  secondaryColor: text('secondary_color').notNull(),
  defaultLocale: text('default_locale').notNull(),
  currency: text('currency').notNull(),
  timezone: text('timezone').notNull(),
  status: text('status', { enum: ['active', 'suspended', 'terminated'] }).notNull(),
  saasPlan: text('saas_plan').notNull(),
  requireMfa: boolean('require_mfa').notNull(),
  contactEmail: text('contact_email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const branches = pgTable('branches', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  parentBranchId: uuid('parent_branch_id'),
  name: text('name').notNull(),
  code: text('code').notNull(),
  address: text('address'),
  phone: text('phone'),
  status: text('status', { enum: ['active', 'inactive'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('branches', t),
  tenantKey('branches_parent_branch_id_fkey', t.ispId, t.parentBranchId, t).onDelete('restrict'),
]);

export type IspRow = typeof isps.$inferSelect;
export type BranchRow = typeof branches.$inferSelect;
