import { bigint, boolean, inet, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey } from '../../../platform/db/tenant-key.ts';
import { nocDevices } from '../schema.ts';
import { branches } from '../../tenancy/index.ts';

export const nocLogMessages = pgTable('noc_log_messages', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  deviceId: uuid('device_id'),
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
}, (t) => [
  tenantKey('noc_log_messages_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('set null'),
  tenantKey('noc_log_messages_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('set null'),
]);
