import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { withScope, type Scope } from '../../../platform/db/scope.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { iso } from '../../../platform/http/api.ts';
import { invalidField, conflict, notFound } from '../../../platform/errors.ts';
import { pageQuery, type Page } from '../../../platform/http/paging.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { users } from '../../identity/index.ts';
import { nocDevices } from '../schema.ts';
import { incidentStatuses, nocAlerts, nocIncidentEvents, nocIncidents, severities } from './schema.ts';
import type { ActorInScope } from '../../../platform/tenant.ts';

export const incidentQuery = z.object({
  ...pageQuery,
  status: z.enum([...incidentStatuses, 'active']).optional().describe('"active" = open or acknowledged'),
  severity: z.enum(severities).optional(),
});
export const alertQuery = z.object({ ...pageQuery, state: z.enum(['firing', 'cleared']).optional(), device_id: z.uuid().optional() });

export const alertDto = z.object({
  id: z.string(), rule_id: z.string().nullable(), device_id: z.string().nullable(), device_name: z.string().nullable(), interface_id: z.string().nullable(),
  key: z.string(), source: z.string(), severity: z.enum(severities), title: z.string(), detail: z.string().nullable(), value: z.number().nullable(),
  state: z.enum(['firing', 'cleared']), suppressed: z.string().nullable(), incident_id: z.string().nullable(), raised_at: z.string(), cleared_at: z.string().nullable(),
});
export const incidentDto = z.object({
  id: z.string(), number: z.number().int(), title: z.string(), severity: z.enum(severities), status: z.enum(incidentStatuses),
  root_device_id: z.string().nullable(), root_device_name: z.string().nullable(), assignee_id: z.string().nullable(), assignee_name: z.string().nullable(),
  escalation_level: z.number().int(), alerts_firing: z.number().int(), alerts_total: z.number().int(),
  opened_at: z.string(), acknowledged_at: z.string().nullable(), resolved_at: z.string().nullable(),
});
export const incidentEventDto = z.object({ id: z.number().int(), kind: z.string(), actor_name: z.string().nullable(), body: z.string().nullable(), at: z.string() });
export const incidentDetailDto = incidentDto.extend({ alerts: z.array(alertDto), timeline: z.array(incidentEventDto) });

export const assignBody = z.strictObject({ user_id: z.uuid().nullable() });
export const commentBody = z.strictObject({ body: z.string().trim().min(1).max(4000) });
export const resolveBody = z.strictObject({ note: z.string().trim().max(4000).optional() });

type AlertRow = typeof nocAlerts.$inferSelect;
export const toAlertDto = (a: AlertRow, deviceName: string | null) => ({
  id: a.id, rule_id: a.ruleId, device_id: a.deviceId, device_name: deviceName, interface_id: a.interfaceId, key: a.key, source: a.source,
  severity: a.severity, title: a.title, detail: a.detail, value: a.value, state: a.state, suppressed: a.suppressed, incident_id: a.incidentId,
  raised_at: iso(a.raisedAt)!, cleared_at: iso(a.clearedAt),
});

const incidentSelect = {
  i: nocIncidents,
  rootName: sql<string | null>`(SELECT d.name FROM noc_devices d WHERE d.id = noc_incidents.root_device_id)`,
  assigneeName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = noc_incidents.assignee_id)`,
  firing: sql<number>`(SELECT count(*)::int FROM noc_alerts a WHERE a.incident_id = noc_incidents.id AND a.state = 'firing')`,
  total: sql<number>`(SELECT count(*)::int FROM noc_alerts a WHERE a.incident_id = noc_incidents.id)`,
};
type IncidentSel = { i: typeof nocIncidents.$inferSelect; rootName: string | null; assigneeName: string | null; firing: number; total: number };
const toIncidentDto = (r: IncidentSel) => ({
  id: r.i.id, number: r.i.number, title: r.i.title, severity: r.i.severity, status: r.i.status, root_device_id: r.i.rootDeviceId, root_device_name: r.rootName,
  assignee_id: r.i.assigneeId, assignee_name: r.assigneeName, escalation_level: r.i.escalationLevel, alerts_firing: r.firing, alerts_total: r.total,
  opened_at: iso(r.i.openedAt)!, acknowledged_at: iso(r.i.acknowledgedAt), resolved_at: iso(r.i.resolvedAt),
});

export async function listIncidents(ctx: AppContext, scope: Scope, ispId: string, q: z.infer<typeof incidentQuery>): Promise<Page<z.infer<typeof incidentDto>>> {
  const where: SQL[] = [eq(nocIncidents.ispId, ispId)];
  if (q.status === 'active') where.push(ne(nocIncidents.status, 'resolved'));
  else if (q.status) where.push(eq(nocIncidents.status, q.status));
  if (q.severity) where.push(eq(nocIncidents.severity, q.severity));
  return withScope(ctx.db, scope, async (tx) => {
    const list = await tx.select(incidentSelect).from(nocIncidents).where(and(...where)).orderBy(desc(nocIncidents.openedAt)).limit(q.limit).offset(q.offset);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(nocIncidents).where(and(...where));
    return { items: list.map(toIncidentDto), total, limit: q.limit, offset: q.offset };
  });
}

export async function listAlerts(ctx: AppContext, scope: Scope, ispId: string, q: z.infer<typeof alertQuery>) {
  const where: SQL[] = [eq(nocAlerts.ispId, ispId)];
  if (q.state) where.push(eq(nocAlerts.state, q.state));
  if (q.device_id) where.push(eq(nocAlerts.deviceId, q.device_id));
  return withScope(ctx.db, scope, async (tx) => {
    const list = await tx.select({ a: nocAlerts, name: nocDevices.name }).from(nocAlerts).leftJoin(nocDevices, eq(nocDevices.id, nocAlerts.deviceId))
      .where(and(...where)).orderBy(desc(nocAlerts.raisedAt)).limit(q.limit).offset(q.offset);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(nocAlerts).where(and(...where));
    return { items: list.map((r) => toAlertDto(r.a, r.name)), total, limit: q.limit, offset: q.offset };
  });
}

async function loadIncident(tx: Tx, id: string, lock = false) {
  const q = tx.select(incidentSelect).from(nocIncidents).where(eq(nocIncidents.id, id));
  const [row] = lock ? await q.for('update', { of: nocIncidents }) : await q;
  if (!row) throw notFound('Incident');
  return row;
}

export async function getIncident(ctx: AppContext, scope: Scope, id: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const row = await loadIncident(tx, id);
    const alerts = await tx.select({ a: nocAlerts, name: nocDevices.name }).from(nocAlerts).leftJoin(nocDevices, eq(nocDevices.id, nocAlerts.deviceId))
      .where(eq(nocAlerts.incidentId, id)).orderBy(asc(nocAlerts.raisedAt));
    const events = await tx.select().from(nocIncidentEvents).where(eq(nocIncidentEvents.incidentId, id)).orderBy(asc(nocIncidentEvents.id));
    return {
      ...toIncidentDto(row), alerts: alerts.map((r) => toAlertDto(r.a, r.name)),
      timeline: events.map((e) => ({ id: e.id, kind: e.kind, actor_name: e.actorName, body: e.body, at: iso(e.at)! })),
    };
  });
}

type Action = { kind: 'ack' } | { kind: 'assign'; userId: string | null } | { kind: 'comment'; body: string } | { kind: 'resolve'; note: string | null };

/** Acknowledge, assign, comment, resolve: one transaction each, with a timeline entry and the audit/outbox row. */
export async function actOnIncident(ctx: AppContext, { actor, scope }: ActorInScope, id: string, action: Action) {
  await withScope(ctx.db, scope, async (tx) => {
    const before = await loadIncident(tx, id, true);
    const now = new Date();
    const ispId = before.i.ispId;
    const event = (kind: (typeof nocIncidentEvents.$inferInsert)['kind'], body: string | null) =>
      tx.insert(nocIncidentEvents).values({ ispId, incidentId: id, kind, actorId: actor.id, actorName: actor.email, body, at: now });
    if (action.kind === 'ack') {
      if (before.i.status !== 'open') throw conflict(`The incident is ${before.i.status}`);
      await tx.update(nocIncidents).set({ status: 'acknowledged', acknowledgedAt: now, updatedAt: now }).where(eq(nocIncidents.id, id));
      await event('acknowledged', null);
    } else if (action.kind === 'assign') {
      let name: string | null = null;
      if (action.userId) {
        // Staff of this ISP only; RLS hides other ISPs' users, and the branch narrowing hides other branches'.
        const [u] = await tx.select({ name: users.name, status: users.status }).from(users).where(and(eq(users.id, action.userId), eq(users.ispId, ispId)));
        if (!u || u.status !== 'active') throw invalidField('user_id: no active staff member of this ISP has this id');
        name = u.name;
      }
      await tx.update(nocIncidents).set({ assigneeId: action.userId, updatedAt: now }).where(eq(nocIncidents.id, id));
      await event('assigned', name ?? 'Unassigned');
    } else if (action.kind === 'comment') {
      await tx.update(nocIncidents).set({ updatedAt: now }).where(eq(nocIncidents.id, id));
      await event('comment', action.body);
    } else {
      if (before.i.status === 'resolved') throw conflict('The incident is already resolved');
      await tx.update(nocIncidents).set({ status: 'resolved', resolvedAt: now, updatedAt: now }).where(eq(nocIncidents.id, id));
      await event('resolved', action.note);
    }
    const after = await loadIncident(tx, id);
    await recordChange(tx, actor, {
      ispId, action: `noc_incident.${action.kind === 'ack' ? 'acknowledged' : action.kind === 'assign' ? 'assigned' : action.kind === 'comment' ? 'commented' : 'resolved'}`,
      entityType: 'noc_incident', entityId: id, before: toIncidentDto(before), after: toIncidentDto(after),
    });
  });
  return getIncident(ctx, scope, id);
}

/** Open incidents of these devices (for the topology colours). */
export async function openIncidentRoots(tx: Tx, ispId: string, deviceIds: string[]) {
  if (!deviceIds.length) return [];
  return tx.select({ root: nocIncidents.rootDeviceId, number: nocIncidents.number, severity: nocIncidents.severity }).from(nocIncidents)
    .where(and(eq(nocIncidents.ispId, ispId), ne(nocIncidents.status, 'resolved'), inArray(nocIncidents.rootDeviceId, deviceIds)));
}
