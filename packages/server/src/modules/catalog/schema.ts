import { bigint, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  currency: text('currency').notNull(),
  billingPeriod: text('billing_period', { enum: billingPeriods }).notNull(),
  status: text('status', { enum: ['active', 'archived'] }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type PlanRow = typeof subscriptionPlans.$inferSelect;
