import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { platformScope, rows, tenantScope, withScope, type Scope } from '../../../platform/db/scope.ts';
import { iso } from '../../../platform/http/api.ts';
import { invalidField, conflict, notFound } from '../../../platform/errors.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { subscribers } from '../../subscribers/index.ts';
import { nocDevices } from '../schema.ts';
import { nocSlaDefinitions } from '../alerts/schema.ts';
import { availabilityOf, breaches, dailyTimeline, type StatusChange } from './sla-calc.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

const fields = {
  name: z.string().trim().min(1).max(120),
  subscriber_id: z.uuid().nullable().describe('A business customer; null for an ISP-wide SLA'),
  device_ids: z.array(z.uuid()).min(1).max(100).describe('The devices that carry the service: it is down while any of them is'),
  availability_target: z.number().gt(0).max(100).describe('Percent, e.g. 99.9'),
  latency_target_ms: z.number().positive().max(100000).nullable(),
  mttr_target_minutes: z.number().int().positive().max(100000).nullable(),
  notify_emails: z.array(z.email().max(254)).max(20),
};
export const createSlaBody = z.strictObject({ ...fields, subscriber_id: fields.subscriber_id.default(null), latency_target_ms: fields.latency_target_ms.default(null), mttr_target_minutes: fields.mttr_target_minutes.default(null), notify_emails: fields.notify_emails.default([]) });
export const updateSlaBody = z.strictObject(fields).partial();
export const reportQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Default: the first of this month (UTC)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
});
const measured = z.object({ availability: z.number().nullable(), latency_ms: z.number().nullable(), mttr_minutes: z.number().nullable(), incidents: z.number().int(), breaches: z.array(z.string()) });
export const slaDto = z.object({
  id: z.string(), ...fields, subscriber_name: z.string().nullable(), breached: z.boolean(), breach_reason: z.string().nullable(), last_checked_at: z.string().nullable(),
  month: measured, created_at: z.string(), updated_at: z.string(),
});
export const slaReportDto = z.object({
  id: z.string(), from: z.string(), to: z.string(), measured,
  days: z.array(z.object({ date: z.string(), up_s: z.number().int(), down_s: z.number().int(), unknown_s: z.number().int(), availability: z.number().nullable(), latency_ms: z.number().nullable() })),
});

type Row = typeof nocSlaDefinitions.$inferSelect;
const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/** Measures one SLA over [from, to) from the status log, the latency rollups and the incidents of its devices. */
async function measure(tx: Tx, sla: Row, from: Date, to: Date) {
  const ids = sla.deviceIds;
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const changes = await rows<{ device_id: string; status: 'up' | 'down' | 'unknown'; at: Date | string }>(tx, sql`
    SELECT device_id, status, at FROM (
      SELECT DISTINCT ON (device_id) device_id, status, at FROM noc_device_status_log WHERE device_id IN (${idList}) AND at <= ${from.toISOString()}::timestamptz ORDER BY device_id, at DESC, id DESC
    ) before_period
    UNION ALL
    SELECT device_id, status, at FROM noc_device_status_log WHERE device_id IN (${idList}) AND at > ${from.toISOString()}::timestamptz AND at < ${to.toISOString()}::timestamptz`);
  const list: StatusChange[] = changes.map((c) => ({ deviceId: c.device_id, status: c.status, at: new Date(c.at).getTime() }));
  const days = dailyTimeline(ids, list, from.getTime(), to.getTime());
  // Latency: the collector's probe round trips (SNMP or TCP), 5-minute averages weighted by samples.
  const latency = await rows<{ day: string; avg: number | null }>(tx, sql`
    SELECT to_char(date_trunc('day', bucket AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, sum(avg * samples) / nullif(sum(samples), 0) AS avg
    FROM noc_metrics_5m WHERE device_id IN (${idList}) AND metric IN ('snmp_rtt_ms', 'tcp_rtt_ms')
      AND bucket >= ${from.toISOString()}::timestamptz AND bucket < ${to.toISOString()}::timestamptz GROUP BY 1`);
  const latencyBy = new Map(latency.map((l) => [l.day, l.avg === null ? null : Number(l.avg)]));
  const [overall] = await rows<{ avg: number | null }>(tx, sql`
    SELECT sum(avg * samples) / nullif(sum(samples), 0) AS avg FROM noc_metrics_5m WHERE device_id IN (${idList}) AND metric IN ('snmp_rtt_ms', 'tcp_rtt_ms')
      AND bucket >= ${from.toISOString()}::timestamptz AND bucket < ${to.toISOString()}::timestamptz`);
  // MTTR: incidents about these devices (as root, or through one of their alerts) resolved in the period.
  const [mttr] = await rows<{ n: number; minutes: number | null }>(tx, sql`
    SELECT count(*)::int AS n, avg(extract(epoch FROM (i.resolved_at - i.opened_at)) / 60) AS minutes FROM noc_incidents i
    WHERE i.resolved_at >= ${from.toISOString()}::timestamptz AND i.resolved_at < ${to.toISOString()}::timestamptz
      AND (i.root_device_id IN (${idList}) OR EXISTS (SELECT 1 FROM noc_alerts a WHERE a.incident_id = i.id AND a.device_id IN (${idList})))`);
  const m = { availability: availabilityOf(days), latencyMs: overall?.avg === null || overall?.avg === undefined ? null : Number(overall.avg), mttrMinutes: mttr?.minutes === null || mttr?.minutes === undefined ? null : Number(mttr.minutes) };
  const found = breaches({ availability: sla.availabilityTarget, latencyMs: sla.latencyTargetMs, mttrMinutes: sla.mttrTargetMinutes }, m);
  return {
    measured: { availability: m.availability, latency_ms: m.latencyMs, mttr_minutes: m.mttrMinutes, incidents: mttr?.n ?? 0, breaches: found },
    days: days.map((d) => ({ ...d, latency_ms: latencyBy.get(d.date) ?? null })),
  };
}

async function toDto(tx: Tx, s: Row, now = new Date()) {
  let subscriberName: string | null = null;
  if (s.subscriberId) {
    const [sub] = await tx.select({ first: subscribers.firstName, last: subscribers.lastName }).from(subscribers).where(eq(subscribers.id, s.subscriberId));
    subscriberName = sub ? `${sub.first} ${sub.last}` : null;
  }
  return {
    id: s.id, name: s.name, subscriber_id: s.subscriberId, subscriber_name: subscriberName, device_ids: s.deviceIds, availability_target: Number(s.availabilityTarget),
    latency_target_ms: s.latencyTargetMs, mttr_target_minutes: s.mttrTargetMinutes, notify_emails: s.notifyEmails, breached: s.breached, breach_reason: s.breachReason,
    last_checked_at: iso(s.lastCheckedAt), month: (await measure(tx, s, monthStart(now), now)).measured, created_at: iso(s.createdAt)!, updated_at: iso(s.updatedAt)!,
  };
}

async function validateRefs(tx: Tx, input: { subscriber_id?: string | null; device_ids?: string[] }) {
  if (input.subscriber_id) {
    const [sub] = await tx.select({ id: subscribers.id }).from(subscribers).where(eq(subscribers.id, input.subscriber_id));
    if (!sub) throw notFound('Subscriber');
  }
  if (input.device_ids) {
    const unique = [...new Set(input.device_ids)];
    const found = await tx.select({ id: nocDevices.id }).from(nocDevices).where(inArray(nocDevices.id, unique));
    if (found.length !== unique.length) throw notFound('Device');
  }
}
const uniqueName = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  if (e.code === '23505' || e.cause?.code === '23505') throw conflict('An SLA with this name exists');
  throw err;
};

export async function listSlas(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const list = await tx.select().from(nocSlaDefinitions).where(eq(nocSlaDefinitions.ispId, ispId)).orderBy(asc(nocSlaDefinitions.name));
    const out = [];
    for (const s of list) out.push(await toDto(tx, s));
    return out;
  });
}

export async function createSla(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof createSlaBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    await validateRefs(tx, input);
    const [row] = await tx.insert(nocSlaDefinitions).values({
      ispId, name: input.name, subscriberId: input.subscriber_id, deviceIds: [...new Set(input.device_ids)], availabilityTarget: input.availability_target,
      latencyTargetMs: input.latency_target_ms, mttrTargetMinutes: input.mttr_target_minutes, notifyEmails: input.notify_emails,
    }).returning().catch(uniqueName);
    const dto = await toDto(tx, row!);
    await recordChange(tx, actor, { ispId, action: 'noc_sla.created', entityType: 'noc_sla', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function updateSla(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof updateSlaBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nocSlaDefinitions).where(eq(nocSlaDefinitions.id, id)).for('update');
    if (!before) throw notFound('SLA');
    await validateRefs(tx, input);
    const [after] = await tx.update(nocSlaDefinitions).set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.subscriber_id !== undefined && { subscriberId: input.subscriber_id }),
      ...(input.device_ids !== undefined && { deviceIds: [...new Set(input.device_ids)] }),
      ...(input.availability_target !== undefined && { availabilityTarget: input.availability_target }),
      ...(input.latency_target_ms !== undefined && { latencyTargetMs: input.latency_target_ms }),
      ...(input.mttr_target_minutes !== undefined && { mttrTargetMinutes: input.mttr_target_minutes }),
      ...(input.notify_emails !== undefined && { notifyEmails: input.notify_emails }),
      updatedAt: new Date(),
    }).where(eq(nocSlaDefinitions.id, id)).returning().catch(uniqueName);
    const dto = await toDto(tx, after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'noc_sla.updated', entityType: 'noc_sla', entityId: id, before: { ...before }, after: dto });
    return dto;
  });
}

export async function deleteSla(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nocSlaDefinitions).where(eq(nocSlaDefinitions.id, id)).for('update');
    if (!before) throw notFound('SLA');
    await tx.delete(nocSlaDefinitions).where(eq(nocSlaDefinitions.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'noc_sla.deleted', entityType: 'noc_sla', entityId: id, before: { ...before } });
  });
}

export async function slaReport(ctx: AppContext, scope: Scope, id: string, q: z.infer<typeof reportQuery>) {
  const now = new Date();
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : monthStart(now);
  if (from >= to) throw invalidField('from must be before to');
  if (to.getTime() - from.getTime() > 366 * 86400_000) throw invalidField('At most 366 days per report');
  return withScope(ctx.db, scope, async (tx) => {
    const [s] = await tx.select().from(nocSlaDefinitions).where(eq(nocSlaDefinitions.id, id));
    if (!s) throw notFound('SLA');
    const r = await measure(tx, s, from, to);
    return { id: s.id, from: from.toISOString(), to: to.toISOString(), ...r };
  });
}

/**
 * Breach detection, month to date: an SLA that starts missing a target is marked breached
 * (audit + event) and its contacts get an e-mail once; it is marked recovered when the
 * measurement meets the targets again (a new month starts clean).
 */
export async function checkSlas(ctx: AppContext, now = new Date()): Promise<number> {
  const all = await withScope(ctx.db, platformScope, (tx) => tx.select().from(nocSlaDefinitions));
  let notified = 0;
  for (const s of all) {
    const change = await withScope(ctx.db, tenantScope(s.ispId), async (tx) => {
      const { measured } = await measure(tx, s, monthStart(now), now);
      const breached = measured.breaches.length > 0;
      await tx.update(nocSlaDefinitions).set({ breached, breachReason: breached ? measured.breaches.join('; ') : null, lastCheckedAt: now }).where(eq(nocSlaDefinitions.id, s.id));
      if (breached === s.breached) return null;
      await recordChange(tx, systemActor, { ispId: s.ispId, action: breached ? 'noc_sla.breached' : 'noc_sla.recovered', entityType: 'noc_sla', entityId: s.id, after: { name: s.name, ...measured } });
      return breached ? measured.breaches : null;
    });
    if (!change) continue;
    for (const to of s.notifyEmails) {
      await ctx.mailer.send({ to, subject: `SLA breached: ${s.name}`, text: `The SLA "${s.name}" is missing its targets this month:\n\n${change.map((c) => `- ${c}`).join('\n')}\n\nMeasured at ${now.toISOString()}.` })
        .catch((err: unknown) => ctx.log.error({ err, sla: s.id }, 'SLA breach mail failed'));
      notified++;
    }
  }
  return notified;
}
