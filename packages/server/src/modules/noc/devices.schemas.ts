import { isIP } from 'node:net';
import { z } from 'zod';
import { pageQuery, sortParam } from '../../platform/http/paging.ts';
import { deviceKinds, deviceStatuses, deviceVendors, snmpAuthProtocols, snmpPrivProtocols, snmpV3Levels, snmpVersions } from './schema.ts';

const ip = z.string().max(64).refine((v) => isIP(v) !== 0, 'must be an IPv4 or IPv6 address');
const port = z.number().int().min(1).max(65535);
const secret = (what: string) => z.string().min(1).max(256).describe(`${what}; write-only, stored encrypted`);

const deviceFields = {
  name: z.string().trim().min(1).max(120),
  kind: z.enum(deviceKinds),
  vendor: z.enum(deviceVendors),
  model: z.string().max(120).nullable(),
  site: z.string().trim().max(120).nullable().describe('Site or POP name; the health score is computed per site'),
  branch_id: z.uuid().nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  mgmt_ip: ip,
  snmp_version: z.enum(snmpVersions),
  snmp_port: port,
  snmp_community: secret('SNMP v2c community').nullable(),
  snmp_v3_user: z.string().min(1).max(64).nullable(),
  snmp_v3_level: z.enum(snmpV3Levels).nullable(),
  snmp_v3_auth_protocol: z.enum(snmpAuthProtocols).nullable(),
  snmp_v3_auth_key: z.string().min(8).max(256).describe('SNMPv3 auth passphrase (min 8); write-only').nullable(),
  snmp_v3_priv_protocol: z.enum(snmpPrivProtocols).nullable(),
  snmp_v3_priv_key: z.string().min(8).max(256).describe('SNMPv3 privacy passphrase (min 8); write-only').nullable(),
  tcp_probe_port: port.nullable().describe('TCP port for the connect check (e.g. 22, 8728); none: SNMP only'),
  probe_count: z.number().int().min(1).max(10),
  api_port: port.nullable().describe('MikroTik RouterOS API port (8728, or 8729 with TLS)'),
  api_tls: z.boolean(),
  api_user: z.string().min(1).max(64).nullable(),
  api_password: secret('RouterOS API password').nullable(),
  parent_id: z.uuid().nullable().describe('Uplink device'),
  nas_id: z.uuid().nullable().describe('The AAA NAS this device is'),
  poll_interval_s: z.number().int().min(10).max(86400),
  enabled: z.boolean(),
};

export const createDeviceBody = z.strictObject({
  ...deviceFields,
  kind: deviceFields.kind.default('router'),
  vendor: deviceFields.vendor.default('other'),
  model: deviceFields.model.optional(),
  site: deviceFields.site.optional(),
  branch_id: deviceFields.branch_id.optional(),
  latitude: deviceFields.latitude.optional(),
  longitude: deviceFields.longitude.optional(),
  snmp_version: deviceFields.snmp_version.default('v2c'),
  snmp_port: deviceFields.snmp_port.default(161),
  snmp_community: deviceFields.snmp_community.optional(),
  snmp_v3_user: deviceFields.snmp_v3_user.optional(),
  snmp_v3_level: deviceFields.snmp_v3_level.optional(),
  snmp_v3_auth_protocol: deviceFields.snmp_v3_auth_protocol.optional(),
  snmp_v3_auth_key: deviceFields.snmp_v3_auth_key.optional(),
  snmp_v3_priv_protocol: deviceFields.snmp_v3_priv_protocol.optional(),
  snmp_v3_priv_key: deviceFields.snmp_v3_priv_key.optional(),
  tcp_probe_port: deviceFields.tcp_probe_port.optional(),
  probe_count: deviceFields.probe_count.default(3),
  api_port: deviceFields.api_port.optional(),
  api_tls: deviceFields.api_tls.default(false),
  api_user: deviceFields.api_user.optional(),
  api_password: deviceFields.api_password.optional(),
  parent_id: deviceFields.parent_id.optional(),
  nas_id: deviceFields.nas_id.optional(),
  poll_interval_s: deviceFields.poll_interval_s.default(60),
  enabled: deviceFields.enabled.default(true),
});
export type CreateDeviceInput = z.infer<typeof createDeviceBody>;

export const updateDeviceBody = z.strictObject(
  Object.fromEntries(Object.entries(deviceFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof deviceFields]: z.ZodOptional<(typeof deviceFields)[K]> },
);
export type UpdateDeviceInput = z.infer<typeof updateDeviceBody>;

export const deviceDto = z.object({
  id: z.string(), isp_id: z.string(), branch_id: z.string().nullable(), name: z.string(), kind: z.string(), vendor: z.string(),
  model: z.string().nullable(), site: z.string().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable(),
  mgmt_ip: z.string(), snmp_version: z.string(), snmp_port: z.number().int(),
  has_snmp_community: z.boolean(), snmp_v3_user: z.string().nullable(), snmp_v3_level: z.string().nullable(),
  snmp_v3_auth_protocol: z.string().nullable(), has_snmp_v3_auth_key: z.boolean(), snmp_v3_priv_protocol: z.string().nullable(),
  has_snmp_v3_priv_key: z.boolean(), tcp_probe_port: z.number().int().nullable(), probe_count: z.number().int(),
  api_port: z.number().int().nullable(), api_tls: z.boolean(), api_user: z.string().nullable(), has_api_password: z.boolean(),
  parent_id: z.string().nullable(), nas_id: z.string().nullable(), poll_interval_s: z.number().int(), enabled: z.boolean(),
  status: z.enum(deviceStatuses), status_changed_at: z.string().nullable(), last_polled_at: z.string().nullable(),
  last_seen_at: z.string().nullable(), last_error: z.string().nullable(), sys_descr: z.string().nullable(), sys_name: z.string().nullable(),
  sys_object_id: z.string().nullable(), uptime_s: z.number().nullable(), cpu_percent: z.number().nullable(), memory_percent: z.number().nullable(),
  latency_ms: z.number().nullable(), loss_percent: z.number().nullable(), created_at: z.string(), updated_at: z.string(),
});
export type DeviceDto = z.infer<typeof deviceDto>;

export const listDevicesQuery = z.object({
  ...pageQuery,
  q: z.string().max(120).optional().describe('Name, IP, site or sysName contains'),
  status: z.enum(deviceStatuses).optional(),
  kind: z.enum(deviceKinds).optional(),
  site: z.string().max(120).optional(),
  sort: sortParam(['name', 'status', 'site', 'kind', 'last_polled_at'], 'name'),
});

export const interfaceDto = z.object({
  id: z.string(), device_id: z.string(), if_index: z.number().int(), name: z.string(), alias: z.string().nullable(),
  if_type: z.number().int().nullable(), mac: z.string().nullable(), speed_bps: z.number().nullable(), admin_status: z.string().nullable(),
  oper_status: z.string().nullable(), in_bps: z.number().nullable(), out_bps: z.number().nullable(),
  utilisation_percent: z.number().nullable(), last_sample_at: z.string().nullable(),
});
