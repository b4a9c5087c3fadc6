import type { AppContext } from '../../platform/context.ts';
import { createDevice } from './devices.service.ts';
import { createDeviceBody } from './devices.schemas.ts';
import type { Tenant } from '../../platform/tenant.ts';

/**
 * Demo devices in an uplink tree (core → NAS → OLT → access point), created through the
 * service like any other. Their agents are the local Net-SNMP test agent on 127.0.0.1:1161
 * (`shared/bench/snmpd-device.sh` starts one): without it they are polled and show as down.
 * Nothing is invented: status and metrics come only from real polls.
 */
export async function seedNocDevicesDemo(ctx: AppContext, { actor, scope, ispId }: Tenant, refs: { nasId: string; northBranchId: string }): Promise<void> {
  const make = (input: Record<string, unknown>) => createDevice(ctx, { actor, scope, ispId }, createDeviceBody.parse({ mgmt_ip: '127.0.0.1', snmp_port: 1161, ...input }));
  const core = await make({ name: 'Core router', kind: 'router', vendor: 'mikrotik', model: 'CCR2004', site: 'Head Office POP', latitude: 40.7128, longitude: -74.006,
    snmp_version: 'v2c', snmp_community: 'public' });
  const nas = await make({ name: 'Lab MikroTik NAS', kind: 'nas', vendor: 'mikrotik', model: 'RB5009', site: 'Head Office POP', parent_id: core.id, nas_id: refs.nasId,
    snmp_version: 'v3', snmp_v3_user: 'noc', snmp_v3_level: 'authPriv', snmp_v3_auth_protocol: 'sha', snmp_v3_auth_key: 'noc-auth-pass',
    snmp_v3_priv_protocol: 'aes', snmp_v3_priv_key: 'noc-priv-pass' });
  const olt = await make({ name: 'North OLT', kind: 'olt', vendor: 'huawei', model: 'MA5800', site: 'North POP', branch_id: refs.northBranchId, parent_id: nas.id,
    latitude: 40.73, longitude: -73.99, snmp_version: 'v2c', snmp_community: 'public' });
  await make({ name: 'North access point', kind: 'access_point', vendor: 'ubiquiti', site: 'North POP', branch_id: refs.northBranchId, parent_id: olt.id,
    snmp_version: 'none', tcp_probe_port: 22 });
}
