import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { withScope, type Scope } from '../../platform/db/scope.ts';
import type { Tx } from '../../platform/db/database.ts';
import { invalidField, conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { parseSort, type Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { branches } from '../tenancy/index.ts';
import { nasDevices } from '../aaa/index.ts';
import { nocDevices, nocInterfaces } from './schema.ts';
import type { CreateDeviceInput, DeviceDto, UpdateDeviceInput } from './devices.schemas.ts';
import type { z } from 'zod';
import type { listDevicesQuery } from './devices.schemas.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

export type DeviceRow = typeof nocDevices.$inferSelect;
type InterfaceRow = typeof nocInterfaces.$inferSelect;

export const deviceToDto = (d: DeviceRow): DeviceDto => ({
  id: d.id, isp_id: d.ispId, branch_id: d.branchId, name: d.name, kind: d.kind, vendor: d.vendor, model: d.model, site: d.site,
  latitude: d.latitude, longitude: d.longitude, mgmt_ip: d.mgmtIp, snmp_version: d.snmpVersion, snmp_port: d.snmpPort,
  has_snmp_community: d.snmpCommunityEnc !== null, snmp_v3_user: d.snmpV3User, snmp_v3_level: d.snmpV3Level,
  snmp_v3_auth_protocol: d.snmpV3AuthProtocol, has_snmp_v3_auth_key: d.snmpV3AuthKeyEnc !== null,
  snmp_v3_priv_protocol: d.snmpV3PrivProtocol, has_snmp_v3_priv_key: d.snmpV3PrivKeyEnc !== null,
  tcp_probe_port: d.tcpProbePort, probe_count: d.probeCount, api_port: d.apiPort, api_tls: d.apiTls, api_user: d.apiUser,
  has_api_password: d.apiPasswordEnc !== null, parent_id: d.parentId, nas_id: d.nasId, poll_interval_s: d.pollIntervalS,
  enabled: d.enabled, status: d.status, status_changed_at: iso(d.statusChangedAt), last_polled_at: iso(d.lastPolledAt),
  last_seen_at: iso(d.lastSeenAt), last_error: d.lastError, sys_descr: d.sysDescr, sys_name: d.sysName, sys_object_id: d.sysObjectId,
  uptime_s: d.uptimeS, cpu_percent: d.cpuPercent, memory_percent: d.memoryPercent, latency_ms: d.latencyMs, loss_percent: d.lossPercent,
  created_at: iso(d.createdAt)!, updated_at: iso(d.updatedAt)!,
});

export const interfaceToDto = (i: InterfaceRow) => ({
  id: i.id, device_id: i.deviceId, if_index: i.ifIndex, name: i.name, alias: i.alias, if_type: i.ifType, mac: i.mac,
  speed_bps: i.speedBps, admin_status: i.adminStatus, oper_status: i.operStatus, in_bps: i.inBps, out_bps: i.outBps,
  utilisation_percent: i.utilisationPercent, last_sample_at: iso(i.lastSampleAt),
});

/** What the credentials of the resulting device must contain, whatever was changed. */
function assertCredentials(d: DeviceRow) {
  if (d.snmpVersion === 'v2c' && !d.snmpCommunityEnc) throw invalidField('SNMP v2c needs a community', [{ pointer: '/snmp_community', detail: 'required for v2c' }]);
  if (d.snmpVersion === 'v3') {
    if (!d.snmpV3User || !d.snmpV3Level) throw invalidField('SNMP v3 needs a user and a security level', [{ pointer: '/snmp_v3_user', detail: 'required for v3' }]);
    if (d.snmpV3Level !== 'noAuthNoPriv' && (!d.snmpV3AuthProtocol || !d.snmpV3AuthKeyEnc))
      throw invalidField('This security level needs an auth protocol and key', [{ pointer: '/snmp_v3_auth_key', detail: 'required' }]);
    if (d.snmpV3Level === 'authPriv' && (!d.snmpV3PrivProtocol || !d.snmpV3PrivKeyEnc))
      throw invalidField('authPriv needs a privacy protocol and key', [{ pointer: '/snmp_v3_priv_key', detail: 'required' }]);
  }
}

/** References must be visible in the caller's scope (RLS hides other tenants' rows: 404 as for any unknown id), and the uplink tree stays a tree. */
async function assertReferences(tx: Tx, id: string | null, input: { parent_id?: string | null; nas_id?: string | null; branch_id?: string | null }) {
  if (input.branch_id) {
    const [b] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branch_id));
    if (!b) throw notFound('Branch');
  }
  if (input.nas_id) {
    const [n] = await tx.select({ id: nasDevices.id }).from(nasDevices).where(eq(nasDevices.id, input.nas_id));
    if (!n) throw notFound('NAS');
  }
  let cursor = input.parent_id ?? null;
  for (let depth = 0; cursor; depth++) {
    if (cursor === id) throw conflict('A device cannot be its own uplink (directly or through its children)');
    if (depth > 64) throw conflict('The uplink chain is too deep');
    const [p]: { parentId: string | null }[] = await tx.select({ parentId: nocDevices.parentId }).from(nocDevices).where(eq(nocDevices.id, cursor));
    if (!p) throw notFound('Parent device');
    cursor = p.parentId;
  }
}

function uniqueName(err: unknown): never {
  const e = err as { code?: string; cause?: { code?: string } };
  if ((e.code ?? e.cause?.code) === '23505') throw conflict('A device with this name already exists');
  throw err;
}

const seal = (ctx: AppContext, v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : ctx.secrets.seal(v));

function columnsOf(ctx: AppContext, input: UpdateDeviceInput): Partial<DeviceRow> {
  const map: Partial<DeviceRow> = {
    name: input.name, kind: input.kind, vendor: input.vendor, model: input.model, site: input.site, branchId: input.branch_id,
    latitude: input.latitude, longitude: input.longitude, mgmtIp: input.mgmt_ip, snmpVersion: input.snmp_version, snmpPort: input.snmp_port,
    snmpCommunityEnc: seal(ctx, input.snmp_community), snmpV3User: input.snmp_v3_user, snmpV3Level: input.snmp_v3_level,
    snmpV3AuthProtocol: input.snmp_v3_auth_protocol, snmpV3AuthKeyEnc: seal(ctx, input.snmp_v3_auth_key),
    snmpV3PrivProtocol: input.snmp_v3_priv_protocol, snmpV3PrivKeyEnc: seal(ctx, input.snmp_v3_priv_key),
    tcpProbePort: input.tcp_probe_port, probeCount: input.probe_count, apiPort: input.api_port, apiTls: input.api_tls,
    apiUser: input.api_user, apiPasswordEnc: seal(ctx, input.api_password), parentId: input.parent_id, nasId: input.nas_id,
    pollIntervalS: input.poll_interval_s, enabled: input.enabled,
  };
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined)) as Partial<DeviceRow>;
}

/** Audit rows say which secrets changed, never their values. */
const secretsChanged = (input: UpdateDeviceInput) =>
  (['snmp_community', 'snmp_v3_auth_key', 'snmp_v3_priv_key', 'api_password'] as const).filter((k) => input[k] !== undefined);

export async function createDevice(ctx: AppContext, { actor, scope, ispId }: Tenant, input: CreateDeviceInput): Promise<DeviceDto> {
  return withScope(ctx.db, scope, async (tx) => {
    await assertReferences(tx, null, input);
    const values = { ...columnsOf(ctx, input), ispId, status: 'unknown' as const } as DeviceRow;
    assertCredentials(values);
    const [row] = await tx.insert(nocDevices).values(values).returning().catch(uniqueName);
    const dto = deviceToDto(row!);
    await recordChange(tx, actor, { ispId, action: 'noc_device.created', entityType: 'noc_device', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function listDevices(ctx: AppContext, scope: Scope, ispId: string, q: z.infer<typeof listDevicesQuery>): Promise<Page<DeviceDto>> {
  const where: SQL[] = [eq(nocDevices.ispId, ispId)];
  if (q.status) where.push(eq(nocDevices.status, q.status));
  if (q.kind) where.push(eq(nocDevices.kind, q.kind));
  if (q.site) where.push(eq(nocDevices.site, q.site));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(nocDevices.name, like), ilike(nocDevices.site, like), ilike(nocDevices.sysName, like), sql`host(${nocDevices.mgmtIp}) LIKE ${like}`)!);
  }
  const { field, desc: isDesc } = parseSort(q.sort);
  const column = { name: nocDevices.name, status: nocDevices.status, site: nocDevices.site, kind: nocDevices.kind, last_polled_at: nocDevices.lastPolledAt }[field] ?? nocDevices.name;
  return withScope(ctx.db, scope, async (tx) => {
    const [total] = await tx.select({ n: count() }).from(nocDevices).where(and(...where));
    const items = await tx.select().from(nocDevices).where(and(...where))
      .orderBy(isDesc ? desc(column) : asc(column), asc(nocDevices.id)).limit(q.limit).offset(q.offset);
    return { items: items.map(deviceToDto), total: total?.n ?? 0, limit: q.limit, offset: q.offset };
  });
}

export async function loadDevice(tx: Tx, id: string, lock = false): Promise<DeviceRow> {
  const query = tx.select().from(nocDevices).where(eq(nocDevices.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Device');
  return row;
}

export async function getDevice(ctx: AppContext, scope: Scope, id: string): Promise<DeviceDto> {
  return deviceToDto(await withScope(ctx.db, scope, (tx) => loadDevice(tx, id)));
}

export async function updateDevice(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: UpdateDeviceInput): Promise<DeviceDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const before = await loadDevice(tx, id, true);
    await assertReferences(tx, id, input);
    const changes = columnsOf(ctx, input);
    assertCredentials({ ...before, ...changes });
    const [after] = await tx.update(nocDevices).set({ ...changes, updatedAt: new Date() }).where(eq(nocDevices.id, id)).returning().catch(uniqueName);
    const dto = deviceToDto(after!);
    await recordChange(tx, actor, {
      ispId: before.ispId, action: 'noc_device.updated', entityType: 'noc_device', entityId: id,
      before: deviceToDto(before), after: { ...dto, secrets_changed: secretsChanged(input) },
    });
    return dto;
  });
}

export async function deleteDevice(ctx: AppContext, { actor, scope }: ActorInScope, id: string): Promise<void> {
  await withScope(ctx.db, scope, async (tx) => {
    const before = await loadDevice(tx, id, true);
    await tx.delete(nocDevices).where(eq(nocDevices.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'noc_device.deleted', entityType: 'noc_device', entityId: id, before: deviceToDto(before) });
  });
}

export async function listInterfaces(ctx: AppContext, scope: Scope, deviceId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    await loadDevice(tx, deviceId);
    const list = await tx.select().from(nocInterfaces).where(eq(nocInterfaces.deviceId, deviceId)).orderBy(asc(nocInterfaces.ifIndex));
    return list.map(interfaceToDto);
  });
}
