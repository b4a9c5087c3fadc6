import { isIP } from 'node:net';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { iso } from '../../../platform/http/api.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { nasDevices, nasVendors } from '../schema.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

const address = z.string().max(64).refine((v) => {
  const [ip, bits, ...rest] = v.split('/');
  if (rest.length || !ip || !isIP(ip)) return false;
  if (bits === undefined) return true;
  const max = isIP(ip) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) >= (max === 32 ? 16 : 48) && Number(bits) <= max;
}, 'must be an IP address or a subnet (at most /16 for IPv4, /48 for IPv6)');

/** A NAS group (location), like a FreeRADIUS huntgroup: what plans restrict logins to. */
export const nasGroup = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, 'letters, digits, space, dot, dash or underscore, up to 64');

export const createNasBody = z.strictObject({
  name: z.string().min(1).max(120),
  address,
  secret: z.string().min(6).max(128).describe('RADIUS shared secret; stored encrypted'),
  vendor: z.enum(nasVendors).default('mikrotik'),
  coa_port: z.number().int().min(1).max(65535).default(3799),
  require_message_authenticator: z.boolean().default(false),
  description: z.string().max(500).nullable().optional(),
  nas_group: nasGroup.nullable().optional(),
});
export const updateNasBody = z.strictObject({
  name: z.string().min(1).max(120).optional(),
  address: address.optional(),
  secret: z.string().min(6).max(128).optional(),
  vendor: z.enum(nasVendors).optional(),
  coa_port: z.number().int().min(1).max(65535).optional(),
  require_message_authenticator: z.boolean().optional(),
  description: z.string().max(500).nullable().optional(),
  nas_group: nasGroup.nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const nasDto = z.object({
  id: z.string(), isp_id: z.string(), name: z.string(), address: z.string(), vendor: z.string(), coa_port: z.number().int(),
  require_message_authenticator: z.boolean(), description: z.string().nullable(), status: z.string(),
  nas_group: z.string().nullable().describe('Group (location) that plans may restrict logins to, like a FreeRADIUS huntgroup'),
  sessions_online: z.number().int().optional(), created_at: z.string(), updated_at: z.string(),
});

type NasRow = typeof nasDevices.$inferSelect;
const toDto = (n: NasRow) => ({
  id: n.id, isp_id: n.ispId, name: n.name, address: n.address, vendor: n.vendor, coa_port: n.coaPort,
  require_message_authenticator: n.requireMessageAuthenticator, description: n.description, status: n.status, nas_group: n.nasGroup,
  created_at: iso(n.createdAt)!, updated_at: iso(n.updatedAt)!,
});

/** Overlap is checked platform-wide: a source address must lead to one NAS of one ISP. */
async function assertNoOverlap(ctx: AppContext, addressText: string, exceptId: string | null) {
  const [hit] = await withScope(ctx.db, platformScope, (tx) =>
    rows<{ id: string }>(tx, sql`SELECT id FROM nas_devices WHERE address && ${addressText}::cidr AND id IS DISTINCT FROM ${exceptId}::uuid LIMIT 1`));
  if (hit) throw conflict('This address or subnet is already used by another NAS on the platform');
}

export async function createNas(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof createNasBody>) {
  await assertNoOverlap(ctx, input.address, null);
  return withScope(ctx.db, scope, async (tx) => {
    const [row] = await tx.insert(nasDevices).values({
      ispId, name: input.name, address: input.address, secretEnc: ctx.secrets.seal(input.secret), vendor: input.vendor, coaPort: input.coa_port,
      requireMessageAuthenticator: input.require_message_authenticator, description: input.description ?? null, status: 'active',
      nasGroup: input.nas_group ?? null,
    }).returning();
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId, action: 'nas.created', entityType: 'nas', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function listNas(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    // Qualified by hand: inside a select list drizzle renders the column without its table.
    const list = await tx.select({ n: nasDevices, online: sql<number>`(SELECT count(*)::int FROM radius_sessions s WHERE s.nas_id = nas_devices.id AND s.stop_time IS NULL)` })
      .from(nasDevices).where(eq(nasDevices.ispId, ispId)).orderBy(asc(nasDevices.name));
    return list.map((r) => ({ ...toDto(r.n), sessions_online: r.online }));
  });
}

export async function getNas(ctx: AppContext, scope: Scope, id: string) {
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select().from(nasDevices).where(eq(nasDevices.id, id)));
  if (!row) throw notFound('NAS');
  return toDto(row);
}

export async function updateNas(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof updateNasBody>) {
  if (input.address) await assertNoOverlap(ctx, input.address, id);
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nasDevices).where(eq(nasDevices.id, id)).for('update');
    if (!before) throw notFound('NAS');
    const [after] = await tx.update(nasDevices).set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.secret !== undefined && { secretEnc: ctx.secrets.seal(input.secret) }),
      ...(input.vendor !== undefined && { vendor: input.vendor }),
      ...(input.coa_port !== undefined && { coaPort: input.coa_port }),
      ...(input.require_message_authenticator !== undefined && { requireMessageAuthenticator: input.require_message_authenticator }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.nas_group !== undefined && { nasGroup: input.nas_group }),
      ...(input.status !== undefined && { status: input.status }),
      updatedAt: new Date(),
    }).where(eq(nasDevices.id, id)).returning();
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'nas.updated', entityType: 'nas', entityId: id, before: toDto(before), after: { ...dto, secret_changed: input.secret !== undefined } });
    return dto;
  });
}

export async function deleteNas(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nasDevices).where(eq(nasDevices.id, id)).for('update');
    if (!before) throw notFound('NAS');
    await tx.delete(nasDevices).where(eq(nasDevices.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'nas.deleted', entityType: 'nas', entityId: id, before: toDto(before) });
  });
}
