import { bigint, boolean, doublePrecision, inet, integer, numeric, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';
import { nasDevices } from '../aaa/index.ts';
import { branches } from '../tenancy/index.ts';

export const deviceKinds = ['router', 'nas', 'switch', 'olt', 'access_point', 'server', 'other'] as const;
export const deviceVendors = ['mikrotik', 'cisco', 'juniper', 'huawei', 'ubiquiti', 'zte', 'nokia', 'linux', 'other'] as const;
export const snmpVersions = ['v2c', 'v3', 'none'] as const;
export const snmpV3Levels = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;
export const snmpAuthProtocols = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export const snmpPrivProtocols = ['des', 'aes', 'aes256b', 'aes256r'] as const;
export const deviceStatuses = ['up', 'down', 'unknown'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

export const nocDevices = pgTable('noc_devices', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  name: text('name').notNull(),
  kind: text('kind', { enum: deviceKinds }).notNull().default('router'),
  vendor: text('vendor', { enum: deviceVendors }).notNull().default('other'),
  model: text('model'),
  site: text('site'),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  mgmtIp: inet('mgmt_ip').notNull(),
  snmpVersion: text('snmp_version', { enum: snmpVersions }).notNull().default('v2c'),
  snmpPort: integer('snmp_port').notNull().default(161),
  snmpCommunityEnc: text('snmp_community_enc'),
  snmpV3User: text('snmp_v3_user'),
  snmpV3Level: text('snmp_v3_level', { enum: snmpV3Levels }),
  snmpV3AuthProtocol: text('snmp_v3_auth_protocol', { enum: snmpAuthProtocols }),
  snmpV3AuthKeyEnc: text('snmp_v3_auth_key_enc'),
  snmpV3PrivProtocol: text('snmp_v3_priv_protocol', { enum: snmpPrivProtocols }),
  snmpV3PrivKeyEnc: text('snmp_v3_priv_key_enc'),
  tcpProbePort: integer('tcp_probe_port'),
  probeCount: integer('probe_count').notNull().default(3),
  apiPort: integer('api_port'),
  apiTls: boolean('api_tls').notNull().default(false),
  apiUser: text('api_user'),
  apiPasswordEnc: text('api_password_enc'),
  parentId: uuid('parent_id'),
  nasId: uuid('nas_id'),
  pollIntervalS: integer('poll_interval_s').notNull().default(60),
  enabled: boolean('enabled').notNull().default(true),
  status: text('status', { enum: deviceStatuses }).notNull().default('unknown'),
  statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
  lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  lastError: text('last_error'),
  sysDescr: text('sys_descr'),
  sysName: text('sys_name'),
  sysObjectId: text('sys_object_id'),
  uptimeS: bigint('uptime_s', { mode: 'number' }),
  cpuPercent: doublePrecision('cpu_percent'),
  memoryPercent: doublePrecision('memory_percent'),
  latencyMs: doublePrecision('latency_ms'),
  lossPercent: doublePrecision('loss_percent'),
  lldpChassisId: text('lldp_chassis_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('noc_devices', t),
  tenantKey('noc_devices_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('set null'),
  tenantKey('noc_devices_nas_id_fkey', t.ispId, t.nasId, nasDevices).onDelete('set null'),
  tenantKey('noc_devices_parent_id_fkey', t.ispId, t.parentId, t).onDelete('set null'),
]);

export const nocInterfaces = pgTable('noc_interfaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  deviceId: uuid('device_id').notNull(),
  ifIndex: integer('if_index').notNull(),
  name: text('name').notNull(),
  alias: text('alias'),
  ifType: integer('if_type'),
  mac: text('mac'),
  speedBps: bigint('speed_bps', { mode: 'number' }),
  adminStatus: text('admin_status'),
  operStatus: text('oper_status'),
  counterBits: smallint('counter_bits'),
  // Unsigned 64-bit counters: kept as decimal strings, converted to bigint in code.
  lastInOctets: numeric('last_in_octets', { precision: 20, scale: 0 }),
  lastOutOctets: numeric('last_out_octets', { precision: 20, scale: 0 }),
  lastInErrors: numeric('last_in_errors', { precision: 20, scale: 0 }),
  lastOutErrors: numeric('last_out_errors', { precision: 20, scale: 0 }),
  lastInDiscards: numeric('last_in_discards', { precision: 20, scale: 0 }),
  lastOutDiscards: numeric('last_out_discards', { precision: 20, scale: 0 }),
  lastUptimeCs: bigint('last_uptime_cs', { mode: 'number' }),
  lastSampleAt: timestamp('last_sample_at', { withTimezone: true }),
  inBps: doublePrecision('in_bps'),
  outBps: doublePrecision('out_bps'),
  utilisationPercent: doublePrecision('utilisation_percent'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('noc_interfaces', t),
  tenantKey('noc_interfaces_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
]);

export const nocMetricsRaw = pgTable('noc_metrics_raw', {
  ispId: uuid('isp_id').notNull(),
  deviceId: uuid('device_id').notNull(),
  interfaceId: uuid('interface_id'),
  metric: text('metric').notNull(),
  ts: timestamp('ts', { withTimezone: true }).notNull(),
  value: doublePrecision('value').notNull(),
}, (t) => [
  tenantKey('noc_metrics_raw_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
  tenantKey('noc_metrics_raw_interface_id_fkey', t.ispId, t.interfaceId, nocInterfaces).onDelete('cascade'),
]);

const rollupColumns = {
  ispId: uuid('isp_id').notNull(),
  deviceId: uuid('device_id').notNull(),
  interfaceId: uuid('interface_id'),
  metric: text('metric').notNull(),
  bucket: timestamp('bucket', { withTimezone: true }).notNull(),
  samples: integer('samples').notNull(),
  min: doublePrecision('min').notNull(),
  avg: doublePrecision('avg').notNull(),
  max: doublePrecision('max').notNull(),
};
export const nocMetrics5m = pgTable('noc_metrics_5m', { ...rollupColumns }, (t) => [
  tenantKey('noc_metrics_5m_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
  tenantKey('noc_metrics_5m_interface_id_fkey', t.ispId, t.interfaceId, nocInterfaces).onDelete('cascade'),
]);
export const nocMetrics1h = pgTable('noc_metrics_1h', { ...rollupColumns }, (t) => [
  tenantKey('noc_metrics_1h_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
  tenantKey('noc_metrics_1h_interface_id_fkey', t.ispId, t.interfaceId, nocInterfaces).onDelete('cascade'),
]);
