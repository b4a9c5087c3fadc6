import { createHmac } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { platformScope, tenantScope, withScope, type Scope } from '../../../platform/db/scope.ts';
import { iso } from '../../../platform/http/api.ts';
import { invalidField, notFound } from '../../../platform/errors.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { nocEscalationPolicies, nocIncidentEvents, nocIncidents, severities, severityRank, type EscalationStep } from './schema.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

const step = z.strictObject({
  after_minutes: z.number().int().min(0).max(10080).describe('Minutes after the incident opened, while it is still unacknowledged'),
  emails: z.array(z.email().max(254)).max(20).default([]),
  phones: z.array(z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number such as +15551234567')).max(20).default([])
    .describe("Texted through the ISP's SMS provider (Billing → Dunning)"),
  webhook_url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null).describe('Receives a JSON POST, signed with X-AstraNetix-Signature when a secret is set'),
});
export const policyBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  min_severity: z.enum(severities).default('major').describe('Incidents at least this severe follow this policy'),
  steps: z.array(step).min(1).max(10),
  webhook_secret: z.string().min(16).max(200).nullable().optional().describe('HMAC-SHA256 key for webhook signatures; stored encrypted'),
  enabled: z.boolean().default(true),
});
export const updatePolicyBody = policyBody.partial();
export const policyDto = z.object({
  id: z.string(), name: z.string(), min_severity: z.enum(severities), steps: z.array(z.object({ after_minutes: z.number().int(), emails: z.array(z.string()), phones: z.array(z.string()), webhook_url: z.string().nullable() })),
  has_webhook_secret: z.boolean(), enabled: z.boolean(), created_at: z.string(), updated_at: z.string(),
});
type Row = typeof nocEscalationPolicies.$inferSelect;
const toDto = (p: Row) => ({
  id: p.id, name: p.name, min_severity: p.minSeverity, steps: p.steps.map((s) => ({ ...s, phones: s.phones ?? [] })), has_webhook_secret: p.webhookSecretEnc !== null, enabled: p.enabled,
  created_at: iso(p.createdAt)!, updated_at: iso(p.updatedAt)!,
});
const sorted = (steps: EscalationStep[]) => [...steps].sort((a, b) => a.after_minutes - b.after_minutes);

/** A webhook whose host is a literal internal address is refused when saved, naming the step. */
function checkWebhooks(ctx: AppContext, steps: readonly EscalationStep[] | undefined): void {
  for (const [i, s] of (steps ?? []).entries()) {
    const why = s.webhook_url ? ctx.outbound.urlRefusal(s.webhook_url) : null;
    if (why) throw invalidField(`steps[${i}].webhook_url: ${why}`, [{ pointer: `/body/steps/${i}/webhook_url`, detail: why }]);
  }
}

export async function listPolicies(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, async (tx) => (await tx.select().from(nocEscalationPolicies).where(eq(nocEscalationPolicies.ispId, ispId)).orderBy(asc(nocEscalationPolicies.name))).map(toDto));
}

export async function createPolicy(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof policyBody>) {
  checkWebhooks(ctx, input.steps);
  return withScope(ctx.db, scope, async (tx) => {
    const [row] = await tx.insert(nocEscalationPolicies).values({
      ispId, name: input.name, minSeverity: input.min_severity, steps: sorted(input.steps), enabled: input.enabled,
      webhookSecretEnc: input.webhook_secret ? ctx.secrets.seal(input.webhook_secret) : null,
    }).returning();
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId, action: 'noc_escalation_policy.created', entityType: 'noc_escalation_policy', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function updatePolicy(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof updatePolicyBody>) {
  checkWebhooks(ctx, input.steps);
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nocEscalationPolicies).where(eq(nocEscalationPolicies.id, id)).for('update');
    if (!before) throw notFound('Escalation policy');
    const [after] = await tx.update(nocEscalationPolicies).set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.min_severity !== undefined && { minSeverity: input.min_severity }),
      ...(input.steps !== undefined && { steps: sorted(input.steps) }),
      ...(input.enabled !== undefined && { enabled: input.enabled }),
      ...(input.webhook_secret !== undefined && { webhookSecretEnc: input.webhook_secret ? ctx.secrets.seal(input.webhook_secret) : null }),
      updatedAt: new Date(),
    }).where(eq(nocEscalationPolicies.id, id)).returning();
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'noc_escalation_policy.updated', entityType: 'noc_escalation_policy', entityId: id, before: toDto(before), after: dto });
    return dto;
  });
}

export async function deletePolicy(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nocEscalationPolicies).where(eq(nocEscalationPolicies.id, id)).for('update');
    if (!before) throw notFound('Escalation policy');
    await tx.delete(nocEscalationPolicies).where(eq(nocEscalationPolicies.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'noc_escalation_policy.deleted', entityType: 'noc_escalation_policy', entityId: id, before: toDto(before) });
  });
}

/**
 * The escalation job: an incident still open (not acknowledged) gets the next step of the
 * first enabled policy that covers its severity once that step's time has come. The level
 * is committed before anything is sent, so two processes never send the same step; a
 * failed delivery is written to the incident's timeline instead of being retried forever.
 */
export async function runEscalations(ctx: AppContext, now = new Date()): Promise<number> {
  const candidates = await withScope(ctx.db, platformScope, (tx) => tx.select().from(nocIncidents).where(eq(nocIncidents.status, 'open')));
  if (!candidates.length) return 0;
  const policies = await withScope(ctx.db, platformScope, (tx) => tx.select().from(nocEscalationPolicies).where(eq(nocEscalationPolicies.enabled, true)).orderBy(asc(nocEscalationPolicies.createdAt)));
  let sent = 0;
  for (const inc of candidates) {
    const policy = policies.find((p) => p.ispId === inc.ispId && severityRank(inc.severity) <= severityRank(p.minSeverity));
    const next = policy ? sorted(policy.steps)[inc.escalationLevel] : undefined;
    if (!policy || !next || now.getTime() - inc.openedAt.getTime() < next.after_minutes * 60_000) continue;
    const claimed = await withScope(ctx.db, tenantScope(inc.ispId), async (tx) => {
      const [row] = await tx.update(nocIncidents).set({ escalationLevel: inc.escalationLevel + 1, updatedAt: now })
        .where(and(eq(nocIncidents.id, inc.id), eq(nocIncidents.escalationLevel, inc.escalationLevel), eq(nocIncidents.status, 'open'))).returning();
      if (!row) return null;
      const to = [...next.emails, ...(next.phones ?? []), ...(next.webhook_url ? [new URL(next.webhook_url).host] : [])].join(', ');
      await tx.insert(nocIncidentEvents).values({ ispId: inc.ispId, incidentId: inc.id, kind: 'escalated', body: `Level ${row.escalationLevel} (${policy.name}): ${to}`, at: now });
      await recordChange(tx, systemActor, { ispId: inc.ispId, action: 'noc_incident.escalated', entityType: 'noc_incident', entityId: inc.id, after: { level: row.escalationLevel, policy: policy.id } });
      return row;
    });
    if (!claimed) continue;
    const failures = await notify(ctx, policy, next, claimed);
    sent++;
    if (failures.length) await withScope(ctx.db, tenantScope(inc.ispId), (tx) =>
      tx.insert(nocIncidentEvents).values({ ispId: inc.ispId, incidentId: inc.id, kind: 'notify_failed', body: failures.join('; ').slice(0, 2000), at: new Date() }));
  }
  return sent;
}

async function notify(ctx: AppContext, policy: typeof nocEscalationPolicies.$inferSelect, step: EscalationStep, inc: typeof nocIncidents.$inferSelect): Promise<string[]> {
  const failures: string[] = [];
  const subject = `[${inc.severity.toUpperCase()}] Incident #${inc.number}: ${inc.title}`;
  const text = `${inc.title}\nSeverity: ${inc.severity}\nOpened: ${inc.openedAt.toISOString()}\nEscalation level: ${inc.escalationLevel}\n\nAcknowledge it in the NOC board to stop further escalation.`;
  for (const to of step.emails) {
    await ctx.mailer.send({ to, subject, text }).catch((err: unknown) => failures.push(`mail ${to}: ${err instanceof Error ? err.message : String(err)}`));
  }
  if (step.phones?.length) {
    const sms = await ctx.sms.senderFor(inc.ispId);
    if (!sms) failures.push('sms: no SMS provider configured (Billing → Dunning)');
    else for (const to of step.phones) {
      await sms.send(to, `${subject}. Acknowledge it in the NOC board.`.slice(0, 320))
        .catch((err: unknown) => failures.push(`sms ${to}: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
  if (step.webhook_url) {
    const body = JSON.stringify({ type: 'noc.incident.escalated', incident: { id: inc.id, isp_id: inc.ispId, number: inc.number, title: inc.title, severity: inc.severity, status: inc.status, opened_at: inc.openedAt.toISOString(), escalation_level: inc.escalationLevel } });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'AstraNetix-NOC' };
    if (policy.webhookSecretEnc) headers['x-astranetix-signature'] = `sha256=${createHmac('sha256', ctx.secrets.open(policy.webhookSecretEnc)).update(body).digest('hex')}`;
    try {
      // The receiver is the ISP's to name: through the outbound policy, checked again at every send.
      const res = await ctx.outbound.fetch(step.webhook_url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000), redirect: 'error' });
      // Only the status matters; the body is dropped so the connection is free again.
      await res.body?.cancel();
      if (!res.ok) failures.push(`webhook ${new URL(step.webhook_url).host}: HTTP ${res.status}`);
    } catch (err) {
      failures.push(`webhook ${new URL(step.webhook_url).host}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failures;
}
