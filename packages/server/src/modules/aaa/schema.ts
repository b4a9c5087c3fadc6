import { bigint, bigserial, boolean, cidr, date, inet, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';

export const nasVendors = ['mikrotik', 'cisco', 'juniper', 'huawei', 'chillispot', 'ubiquiti', 'other'] as const;
export type NasVendor = (typeof nasVendors)[number];

export const nasDevices = pgTable('nas_devices', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  name: text('name').notNull(),
  address: cidr('address').notNull(),
  secretEnc: text('secret_enc').notNull(),
  vendor: text('vendor', { enum: nasVendors }).notNull().default('mikrotik'),
  coaPort: integer('coa_port').notNull().default(3799),
  nasGroup: text('nas_group'),
  requireMessageAuthenticator: boolean('require_message_authenticator').notNull().default(false),
  description: text('description'),
  status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('nas_devices', t),
]);

export const radiusSessions = pgTable('radius_sessions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ispId: uuid('isp_id').notNull(),
  subscriberId: uuid('subscriber_id'),
  nasId: uuid('nas_id'),
  username: text('username').notNull(),
  acctSessionId: text('acct_session_id').notNull(),
  acctUniqueId: text('acct_unique_id').notNull(),
  nasIp: inet('nas_ip').notNull(),
  nasPort: bigint('nas_port', { mode: 'number' }),
  nasPortId: text('nas_port_id'),
  nasPortType: text('nas_port_type'),
  framedIp: inet('framed_ip'),
  framedIpv6Prefix: text('framed_ipv6_prefix'),
  callingStationId: text('calling_station_id'),
  calledStationId: text('called_station_id'),
  serviceType: text('service_type'),
  startTime: timestamp('start_time', { withTimezone: true }),
  updateTime: timestamp('update_time', { withTimezone: true }).notNull().defaultNow(),
  stopTime: timestamp('stop_time', { withTimezone: true }),
  sessionTime: bigint('session_time', { mode: 'number' }).notNull().default(0),
  inputOctets: bigint('input_octets', { mode: 'number' }).notNull().default(0),
  outputOctets: bigint('output_octets', { mode: 'number' }).notNull().default(0),
  interimInterval: integer('interim_interval'),
  terminateCause: text('terminate_cause'),
  class: text('class'),
// Its key to subscribers points up the module order (aaa is below subscribers): it is
// declared in the migrations alone, as app/tenant-keys.test.ts lists.
}, (t) => [
  tenantRowKey('radius_sessions', t),
  tenantKey('radius_sessions_nas_id_fkey', t.ispId, t.nasId, nasDevices).onDelete('set null'),
]);

export const radiusPostauth = pgTable('radius_postauth', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ispId: uuid('isp_id').notNull(),
  subscriberId: uuid('subscriber_id'),
  nasId: uuid('nas_id'),
  username: text('username').notNull(),
  result: text('result', { enum: ['accept', 'reject'] }).notNull(),
  reason: text('reason').notNull(),
  authMethod: text('auth_method'),
  callingStationId: text('calling_station_id'),
  nasIp: inet('nas_ip'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const usageDaily = pgTable('usage_daily', {
  ispId: uuid('isp_id').notNull(),
  subscriberId: uuid('subscriber_id').notNull(),
  day: date('day').notNull(),
  inputOctets: bigint('input_octets', { mode: 'number' }).notNull().default(0),
  outputOctets: bigint('output_octets', { mode: 'number' }).notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.subscriberId, t.day] }),
]);
