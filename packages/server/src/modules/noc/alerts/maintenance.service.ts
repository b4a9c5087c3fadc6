import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { withScope, type Scope } from '../../../platform/db/scope.ts';
import { iso } from '../../../platform/http/api.ts';
import { invalidField, notFound } from '../../../platform/errors.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { nocDevices } from '../schema.ts';
import { nocMaintenanceWindows } from './schema.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

export const maintenanceBody = z.strictObject({
  device_id: z.uuid().nullable().default(null).describe('One device; null with site null = the whole ISP'),
  site: z.string().trim().min(1).max(120).nullable().default(null).describe('Every device of this site'),
  starts_at: z.iso.datetime({ offset: true }),
  ends_at: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1).max(500),
});
export const maintenanceQuery = z.object({ include_past: z.stringbool().default(false) });
export const maintenanceDto = z.object({
  id: z.string(), device_id: z.string().nullable(), device_name: z.string().nullable(), site: z.string().nullable(),
  starts_at: z.string(), ends_at: z.string(), reason: z.string(), active: z.boolean(), created_at: z.string(),
});
type Row = typeof nocMaintenanceWindows.$inferSelect;
const toDto = (w: Row, deviceName: string | null, now = Date.now()) => ({
  id: w.id, device_id: w.deviceId, device_name: deviceName, site: w.site, starts_at: iso(w.startsAt)!, ends_at: iso(w.endsAt)!, reason: w.reason,
  active: w.startsAt.getTime() <= now && w.endsAt.getTime() > now, created_at: iso(w.createdAt)!,
});

export async function listMaintenance(ctx: AppContext, scope: Scope, ispId: string, q: z.infer<typeof maintenanceQuery>) {
  return withScope(ctx.db, scope, async (tx) => {
    const list = await tx.select({ w: nocMaintenanceWindows, name: nocDevices.name }).from(nocMaintenanceWindows)
      .leftJoin(nocDevices, eq(nocDevices.id, nocMaintenanceWindows.deviceId))
      .where(and(eq(nocMaintenanceWindows.ispId, ispId), q.include_past ? undefined : gte(nocMaintenanceWindows.endsAt, sql`now()`)))
      .orderBy(desc(nocMaintenanceWindows.startsAt)).limit(500);
    return list.map((r) => toDto(r.w, r.name));
  });
}

export async function createMaintenance(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof maintenanceBody>) {
  const startsAt = new Date(input.starts_at);
  const endsAt = new Date(input.ends_at);
  if (endsAt <= startsAt) throw invalidField('ends_at must be after starts_at');
  if (input.device_id && input.site) throw invalidField('Give a device or a site, not both');
  return withScope(ctx.db, scope, async (tx) => {
    let name: string | null = null;
    if (input.device_id) {
      const [d] = await tx.select({ name: nocDevices.name }).from(nocDevices).where(eq(nocDevices.id, input.device_id));
      if (!d) throw notFound('Device');
      name = d.name;
    }
    const [row] = await tx.insert(nocMaintenanceWindows).values({ ispId, deviceId: input.device_id, site: input.site, startsAt, endsAt, reason: input.reason, createdBy: actor.id }).returning();
    const dto = toDto(row!, name);
    await recordChange(tx, actor, { ispId, action: 'noc_maintenance.created', entityType: 'noc_maintenance', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function deleteMaintenance(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nocMaintenanceWindows).where(eq(nocMaintenanceWindows.id, id)).for('update');
    if (!before) throw notFound('Maintenance window');
    await tx.delete(nocMaintenanceWindows).where(eq(nocMaintenanceWindows.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'noc_maintenance.deleted', entityType: 'noc_maintenance', entityId: id, before: toDto(before, null) });
  });
}
