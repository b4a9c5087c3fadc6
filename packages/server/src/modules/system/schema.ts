import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Table of migrations/0031_platform_settings_outbound.sql: the platform owner's settings (one row).
export const platformSettings = pgTable('platform_settings', {
  id: boolean('id').primaryKey().default(true),
  outboundAllowCidrs: text('outbound_allow_cidrs').array().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
