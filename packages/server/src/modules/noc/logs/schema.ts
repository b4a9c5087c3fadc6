import { bigint, boolean, inet, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { nocDevices } from '../schema.ts';

export const nocLogMessages = pgTable('noc_log_messages', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  deviceId: uuid('device_id').references(() => nocDevices.id, { onDelete: 'set null' }),
  kind: text('kind', { enum: ['syslog', 'trap'] }).notNull(),
  sourceIp: inet('source_ip').notNull(),
  facility: smallint('facility'),
  severity: smallint('severity').notNull(),
  host: text('host'),
  app: text('app'),
  procId: text('proc_id'),
  msgId: text('msg_id'),
  message: text('message').notNull(),
  structuredData: jsonb('structured_data'),
  trapOid: text('trap_oid'),
  communityMismatch: boolean('community_mismatch').notNull().default(false),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
