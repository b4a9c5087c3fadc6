import { and, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { systemActor, type Actor } from '../../../platform/auth/actor.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { tenantScope, withScope } from '../../../platform/db/scope.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { nocDevices } from '../schema.ts';
import { planIncidents, topologyOf } from './correlate.ts';
import { nocAlerts, nocIncidentEvents, nocIncidents, nocMaintenanceWindows, severities, severityRank, type Severity } from './schema.ts';

export type RaiseInput = {
  ruleId: string | null;
  deviceId: string | null;
  interfaceId: string | null;
  /** Identity of the condition: at most one firing alert per key. */
  key: string;
  source: 'rule' | 'log' | 'api' | 'anomaly' | 'forecast';
  severity: Severity;
  title: string;
  detail: string | null;
  value: number | null;
  flap?: { count: number; windowS: number };
};

type DeviceRow = { id: string; name: string; parentId: string | null; status: string; site: string | null; branchId: string | null };
const worst = (list: Severity[]) => list.reduce<Severity>((w, s) => (severityRank(s) < severityRank(w) ? s : w), 'info');

/** Alert lifecycle events for the incident timeline, and recordChange for the trail and the outbox. */
async function timeline(tx: Tx, ispId: string, incidentId: string, kind: (typeof nocIncidentEvents.$inferInsert)['kind'], body: string | null, actor: Actor | null = null, at = new Date()) {
  await tx.insert(nocIncidentEvents).values({ ispId, incidentId, kind, body, actorId: actor?.id ?? null, actorName: actor?.email ?? null, at });
}

/** Which devices are inside an active maintenance window: the device itself, its site, or the whole ISP. */
async function inMaintenance(tx: Tx, ispId: string, devices: Map<string, DeviceRow>, now: Date): Promise<(deviceId: string | null) => boolean> {
  const windows = await tx.select().from(nocMaintenanceWindows)
    .where(and(eq(nocMaintenanceWindows.ispId, ispId), sql`${nocMaintenanceWindows.startsAt} <= ${now.toISOString()}::timestamptz`, sql`${nocMaintenanceWindows.endsAt} > ${now.toISOString()}::timestamptz`));
  return (deviceId) => windows.some((w) => {
    if (!w.deviceId && !w.site) return true;
    if (!deviceId) return false;
    if (w.deviceId === deviceId) return true;
    return w.site !== null && devices.get(deviceId)?.site === w.site;
  });
}

async function loadDevices(tx: Tx, ispId: string): Promise<Map<string, DeviceRow>> {
  const list = await tx.select({ id: nocDevices.id, name: nocDevices.name, parentId: nocDevices.parentId, status: nocDevices.status, site: nocDevices.site, branchId: nocDevices.branchId })
    .from(nocDevices).where(eq(nocDevices.ispId, ispId));
  return new Map(list.map((d) => [d.id, d]));
}

/**
 * Raises alerts for one ISP in one transaction: duplicates of a firing alert are ignored,
 * maintenance and flapping mark an alert suppressed (kept, but no incident), and the rest
 * are correlated into incidents by the device tree.
 */
export async function raiseAlerts(ctx: AppContext, ispId: string, inputs: RaiseInput[], now = new Date(), actor: Actor = systemActor) {
  if (!inputs.length) return [];
  return withScope(ctx.db, tenantScope(ispId), async (tx) => {
    const devices = await loadDevices(tx, ispId);
    const maintenance = await inMaintenance(tx, ispId, devices, now);
    const keys = inputs.flatMap((i) => [i.key, `flap:${i.key}`]);
    const firing = new Set((await tx.select({ key: nocAlerts.key }).from(nocAlerts)
      .where(and(eq(nocAlerts.ispId, ispId), eq(nocAlerts.state, 'firing'), inArray(nocAlerts.key, keys)))).map((r) => r.key));
    const created: (typeof nocAlerts.$inferSelect)[] = [];
    for (const input of inputs) {
      if (firing.has(input.key)) continue;
      firing.add(input.key);
      let suppressed: 'maintenance' | 'flapping' | null = input.deviceId !== null && !devices.has(input.deviceId) ? null : maintenance(input.deviceId) ? 'maintenance' : null;
      if (!suppressed && input.flap) {
        // Each raise is a down/up cycle; this one makes `count` within the window: flapping.
        const since = new Date(now.getTime() - input.flap.windowS * 1000);
        const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(nocAlerts)
          .where(and(eq(nocAlerts.ispId, ispId), eq(nocAlerts.key, input.key), gte(nocAlerts.raisedAt, since)));
        if (n + 1 >= input.flap.count) {
          suppressed = 'flapping';
          const flapKey = `flap:${input.key}`;
          if (!firing.has(flapKey)) {
            firing.add(flapKey);
            const [f] = await tx.insert(nocAlerts).values({
              ispId, branchId: input.deviceId ? devices.get(input.deviceId)?.branchId ?? null : null, ruleId: input.ruleId, deviceId: input.deviceId, interfaceId: input.interfaceId,
              key: flapKey, source: 'flapping', severity: input.severity, title: `Flapping: ${input.title}`,
              detail: `${n + 1} times within ${Math.round(input.flap.windowS / 60)} min; further changes are suppressed until it settles`, value: n + 1, raisedAt: now,
            }).returning();
            created.push(f!);
          }
        }
      }
      const [row] = await tx.insert(nocAlerts).values({
        ispId, branchId: input.deviceId ? devices.get(input.deviceId)?.branchId ?? null : null, ruleId: input.ruleId, deviceId: input.deviceId, interfaceId: input.interfaceId,
        key: input.key, source: input.source, severity: input.severity, title: input.title, detail: input.detail, value: input.value, suppressed, raisedAt: now,
      }).returning();
      created.push(row!);
    }
    for (const a of created) await recordChange(tx, actor, { ispId, action: 'noc_alert.raised', entityType: 'noc_alert', entityId: a.id, after: a });
    await correlate(tx, ispId, devices, created.filter((a) => !a.suppressed), now, actor);
    return created;
  });
}

/**
 * Alerts silenced by a maintenance window that has ended (or was cancelled) while they
 * still fire are released: they lose the mark and are correlated into incidents as if
 * raised now, so an outage that outlasts its window is not hidden.
 */
export async function releaseMaintenance(ctx: AppContext, ispId: string, now = new Date()): Promise<number> {
  return withScope(ctx.db, tenantScope(ispId), async (tx) => {
    const held = await tx.select().from(nocAlerts).where(and(eq(nocAlerts.ispId, ispId), eq(nocAlerts.state, 'firing'), eq(nocAlerts.suppressed, 'maintenance')));
    if (!held.length) return 0;
    const devices = await loadDevices(tx, ispId);
    const maintenance = await inMaintenance(tx, ispId, devices, now);
    const released = held.filter((a) => !maintenance(a.deviceId));
    if (!released.length) return 0;
    await tx.update(nocAlerts).set({ suppressed: null }).where(inArray(nocAlerts.id, released.map((a) => a.id)));
    await correlate(tx, ispId, devices, released.map((a) => ({ ...a, suppressed: null })), now, systemActor);
    return released.length;
  });
}

/** Down devices for correlation: status down, or a firing device-down alert (keys "down:…"; it may come before the collector's status). */
async function correlate(tx: Tx, ispId: string, devices: Map<string, DeviceRow>, alerts: (typeof nocAlerts.$inferSelect)[], now: Date, actor: Actor) {
  if (!alerts.length) return;
  const downByAlert = new Set((await tx.select({ d: nocAlerts.deviceId }).from(nocAlerts)
    .where(and(eq(nocAlerts.ispId, ispId), eq(nocAlerts.state, 'firing'), sql`${nocAlerts.key} LIKE 'down:%'`))).map((r) => r.d));
  const topo = topologyOf([...devices.values()].map((d) => ({ id: d.id, parentId: d.parentId, down: d.status === 'down' || downByAlert.has(d.id) })));
  const open = await tx.select().from(nocIncidents).where(and(eq(nocIncidents.ispId, ispId), ne(nocIncidents.status, 'resolved')));
  const plan = planIncidents(topo, alerts.map((a) => ({ id: a.id, deviceId: a.deviceId && devices.has(a.deviceId) ? a.deviceId : null })), open.map((i) => ({ id: i.id, rootDeviceId: i.rootDeviceId })));
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const incidentByRoot = new Map(open.filter((i) => i.rootDeviceId).map((i) => [i.rootDeviceId!, i]));

  for (const o of plan.open) {
    const list = o.alertIds.map((id) => byId.get(id)!);
    const root = o.rootDeviceId ? devices.get(o.rootDeviceId) : undefined;
    const [{ next } = { next: 1 }] = await tx.select({ next: sql<number>`coalesce(max(${nocIncidents.number}), 0)::int + 1` }).from(nocIncidents).where(eq(nocIncidents.ispId, ispId));
    // Named after the root device's own alert when it has one, else after the first consequence.
    const own = list.find((a) => a.deviceId === o.rootDeviceId);
    const title = own?.title ?? (root ? `${root.name}: ${list[0]?.title ?? 'devices behind it affected'}` : list[0]!.title);
    const [inc] = await tx.insert(nocIncidents).values({
      ispId, branchId: root?.branchId ?? null, number: next, title: title.slice(0, 300), severity: list.length ? worst(list.map((a) => a.severity)) : 'major',
      rootDeviceId: o.rootDeviceId, openedAt: now,
    }).returning();
    await timeline(tx, ispId, inc!.id, 'opened', title, null, now);
    for (const a of list) {
      await tx.update(nocAlerts).set({ incidentId: inc!.id }).where(eq(nocAlerts.id, a.id));
      await timeline(tx, ispId, inc!.id, 'alert', a.title, null, now);
    }
    await recordChange(tx, actor, { ispId, action: 'noc_incident.opened', entityType: 'noc_incident', entityId: inc!.id, after: inc! });
    if (o.rootDeviceId) incidentByRoot.set(o.rootDeviceId, inc!);
  }
  for (const a of plan.attach) {
    const alert = byId.get(a.alertId)!;
    await tx.update(nocAlerts).set({ incidentId: a.incidentId }).where(eq(nocAlerts.id, a.alertId));
    await timeline(tx, ispId, a.incidentId, 'alert', alert.title, null, now);
    const inc = open.find((i) => i.id === a.incidentId);
    if (inc && severityRank(alert.severity) < severityRank(inc.severity)) await tx.update(nocIncidents).set({ severity: alert.severity, updatedAt: now }).where(eq(nocIncidents.id, inc.id));
  }
  for (const m of plan.merge) {
    const into = incidentByRoot.get(m.intoRootDeviceId);
    if (!into) continue;
    await tx.update(nocAlerts).set({ incidentId: into.id }).where(eq(nocAlerts.incidentId, m.incidentId));
    await tx.update(nocIncidents).set({ status: 'resolved', resolvedAt: now, updatedAt: now }).where(eq(nocIncidents.id, m.incidentId));
    const merged = open.find((i) => i.id === m.incidentId);
    await timeline(tx, ispId, m.incidentId, 'merged', `Merged into #${into.number}: its uplink is down`, null, now);
    await timeline(tx, ispId, into.id, 'merged', `#${merged?.number ?? '?'} merged: ${merged?.title ?? ''}`, null, now);
    await recordChange(tx, actor, { ispId, action: 'noc_incident.merged', entityType: 'noc_incident', entityId: m.incidentId, after: { into: into.id } });
  }
}

/**
 * Clears the firing alerts with these keys. An incident whose alerts have all cleared
 * resolves itself (its time to resolve is what MTTR measures).
 */
export async function clearAlerts(ctx: AppContext, ispId: string, keys: string[], now = new Date(), actor: Actor = systemActor, note: string | null = null) {
  if (!keys.length) return 0;
  return withScope(ctx.db, tenantScope(ispId), async (tx) => {
    const cleared = await tx.update(nocAlerts).set({ state: 'cleared', clearedAt: now })
      .where(and(eq(nocAlerts.ispId, ispId), eq(nocAlerts.state, 'firing'), inArray(nocAlerts.key, keys))).returning();
    const incidents = new Set<string>();
    for (const a of cleared) {
      await recordChange(tx, actor, { ispId, action: 'noc_alert.cleared', entityType: 'noc_alert', entityId: a.id, after: a });
      if (a.incidentId) {
        incidents.add(a.incidentId);
        await timeline(tx, ispId, a.incidentId, 'cleared', a.title, null, now);
      }
    }
    for (const id of incidents) {
      const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(nocAlerts).where(and(eq(nocAlerts.incidentId, id), eq(nocAlerts.state, 'firing')));
      if (n > 0) continue;
      const [inc] = await tx.update(nocIncidents).set({ status: 'resolved', resolvedAt: now, updatedAt: now })
        .where(and(eq(nocIncidents.id, id), ne(nocIncidents.status, 'resolved'))).returning();
      if (!inc) continue;
      await timeline(tx, ispId, id, 'resolved', note ?? 'All alerts cleared', null, now);
      await recordChange(tx, actor, { ispId, action: 'noc_incident.resolved', entityType: 'noc_incident', entityId: id, after: inc });
    }
    return cleared.length;
  });
}

/** Firing alerts of an ISP by key (the evaluator's memory of what is already raised). */
export async function firingKeys(ctx: AppContext, ispId: string): Promise<Map<string, { raisedAt: Date; ruleId: string | null; source: string }>> {
  const list = await withScope(ctx.db, tenantScope(ispId), (tx) => tx.select({ key: nocAlerts.key, raisedAt: nocAlerts.raisedAt, ruleId: nocAlerts.ruleId, source: nocAlerts.source })
    .from(nocAlerts).where(and(eq(nocAlerts.ispId, ispId), eq(nocAlerts.state, 'firing'), isNull(nocAlerts.clearedAt))));
  return new Map(list.map((r) => [r.key, r]));
}

export const isSeverity = (s: string): s is Severity => (severities as readonly string[]).includes(s);
