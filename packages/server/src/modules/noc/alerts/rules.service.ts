import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { withScope, type Scope } from '../../../platform/db/scope.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { iso } from '../../../platform/http/api.ts';
import { invalidField, conflict, notFound } from '../../../platform/errors.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { deviceKinds, nocDevices } from '../schema.ts';
import { conditionProblem } from './rule-eval.ts';
import { metricModes, nocAlertRules, ruleKinds, severities } from './schema.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

const oid = z.string().regex(/^\.?\d+(\.\d+){1,127}$/, 'must be a numeric OID');
const fields = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean(),
  severity: z.enum(severities),
  kind: z.enum(ruleKinds),
  device_id: z.uuid().nullable().describe('One device; null for every device (of device_kind, when given)'),
  device_kind: z.enum(deviceKinds).nullable(),
  metric: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).nullable().describe('A collector metric (if_utilisation, cpu_percent, reachable, if_in_errors, …) or nas_sessions'),
  mode: z.enum(metricModes).nullable().describe('threshold: the value; rate: per second; change_percent: change against window_s ago'),
  comparator: z.enum(['above', 'below']).nullable(),
  raise_value: z.number().finite().nullable(),
  clear_value: z.number().finite().nullable().describe('Hysteresis: a firing alert clears only past this value'),
  window_s: z.number().int().min(60).max(86400).nullable(),
  duration_s: z.number().int().min(0).max(86400).describe('How long the condition must hold before the alert raises'),
  log_source: z.enum(['syslog', 'trap', 'any']).nullable(),
  trap_oid: oid.nullable(),
  pattern: z.string().min(1).max(200).nullable().describe('Case-insensitive text the message must contain'),
  max_severity: z.number().int().min(0).max(7).nullable().describe('Syslog: only this severity or worse (0 emergency … 7 debug)'),
  clear_trap_oid: oid.nullable(),
  clear_pattern: z.string().min(1).max(200).nullable(),
  auto_clear_s: z.number().int().min(60).max(604800).nullable(),
  flap_count: z.number().int().min(2).max(100),
  flap_window_s: z.number().int().min(60).max(86400),
};
export const createRuleBody = z.strictObject({
  ...fields,
  enabled: fields.enabled.default(true), severity: fields.severity.default('major'),
  device_id: fields.device_id.default(null), device_kind: fields.device_kind.default(null), metric: fields.metric.default(null), mode: fields.mode.default(null),
  comparator: fields.comparator.default(null), raise_value: fields.raise_value.default(null), clear_value: fields.clear_value.default(null), window_s: fields.window_s.default(null),
  duration_s: fields.duration_s.default(0), log_source: fields.log_source.default(null), trap_oid: fields.trap_oid.default(null), pattern: fields.pattern.default(null),
  max_severity: fields.max_severity.default(null), clear_trap_oid: fields.clear_trap_oid.default(null), clear_pattern: fields.clear_pattern.default(null),
  auto_clear_s: fields.auto_clear_s.default(null), flap_count: fields.flap_count.default(5), flap_window_s: fields.flap_window_s.default(600),
});
export const updateRuleBody = z.strictObject(fields).partial();
export const ruleDto = z.object({ id: z.string(), ...fields, created_at: z.string(), updated_at: z.string() });
type RuleDto = z.infer<typeof ruleDto>;
type Row = typeof nocAlertRules.$inferSelect;

const toDto = (r: Row): RuleDto => ({
  id: r.id, name: r.name, enabled: r.enabled, severity: r.severity, kind: r.kind, device_id: r.deviceId, device_kind: r.deviceKind as RuleDto['device_kind'],
  metric: r.metric, mode: r.mode, comparator: r.comparator, raise_value: r.raiseValue, clear_value: r.clearValue, window_s: r.windowS, duration_s: r.durationS,
  log_source: r.logSource, trap_oid: r.trapOid, pattern: r.pattern, max_severity: r.maxSeverity, clear_trap_oid: r.clearTrapOid, clear_pattern: r.clearPattern,
  auto_clear_s: r.autoClearS, flap_count: r.flapCount, flap_window_s: r.flapWindowS, created_at: iso(r.createdAt)!, updated_at: iso(r.updatedAt)!,
});
const toRow = (d: Omit<RuleDto, 'id' | 'created_at' | 'updated_at'>) => ({
  name: d.name, enabled: d.enabled, severity: d.severity, kind: d.kind, deviceId: d.device_id, deviceKind: d.device_kind, metric: d.metric, mode: d.mode,
  comparator: d.comparator, raiseValue: d.raise_value, clearValue: d.clear_value, windowS: d.window_s, durationS: d.duration_s, logSource: d.log_source,
  trapOid: d.trap_oid?.replace(/^\./, '') ?? null, pattern: d.pattern, maxSeverity: d.max_severity, clearTrapOid: d.clear_trap_oid?.replace(/^\./, '') ?? null,
  clearPattern: d.clear_pattern, autoClearS: d.auto_clear_s, flapCount: d.flap_count, flapWindowS: d.flap_window_s,
});

/** The whole rule must make sense, whichever fields a change touched. */
async function validate(tx: Tx, r: Omit<RuleDto, 'id' | 'created_at' | 'updated_at'>) {
  if (r.kind === 'metric') {
    if (!r.metric || !r.mode || !r.comparator || r.raise_value === null || r.clear_value === null) throw invalidField('A metric rule needs metric, mode, comparator, raise_value and clear_value');
    const problem = conditionProblem({ comparator: r.comparator, raise: r.raise_value, clear: r.clear_value });
    if (problem) throw invalidField(problem);
  }
  if (r.kind === 'log' && (!r.log_source || (!r.trap_oid && !r.pattern))) throw invalidField('A log rule needs log_source and a trap_oid or a pattern');
  if (r.device_id) {
    const [d] = await tx.select({ id: nocDevices.id }).from(nocDevices).where(eq(nocDevices.id, r.device_id));
    if (!d) throw notFound('Device');
  }
}

const uniqueName = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  if (e.code === '23505' || e.cause?.code === '23505') throw conflict('A rule with this name exists');
  throw err;
};

export async function listRules(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, async (tx) => (await tx.select().from(nocAlertRules).where(eq(nocAlertRules.ispId, ispId)).orderBy(asc(nocAlertRules.name))).map(toDto));
}

export async function createRule(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof createRuleBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    await validate(tx, input);
    const [row] = await tx.insert(nocAlertRules).values({ ispId, ...toRow(input) }).returning().catch(uniqueName);
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId, action: 'noc_alert_rule.created', entityType: 'noc_alert_rule', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function updateRule(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof updateRuleBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nocAlertRules).where(eq(nocAlertRules.id, id)).for('update');
    if (!before) throw notFound('Alert rule');
    const merged = { ...toDto(before), ...input };
    await validate(tx, merged);
    const [after] = await tx.update(nocAlertRules).set({ ...toRow(merged), updatedAt: new Date() }).where(eq(nocAlertRules.id, id)).returning().catch(uniqueName);
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'noc_alert_rule.updated', entityType: 'noc_alert_rule', entityId: id, before: toDto(before), after: dto });
    return dto;
  });
}

export async function deleteRule(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(nocAlertRules).where(eq(nocAlertRules.id, id)).for('update');
    if (!before) throw notFound('Alert rule');
    await tx.delete(nocAlertRules).where(eq(nocAlertRules.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'noc_alert_rule.deleted', entityType: 'noc_alert_rule', entityId: id, before: toDto(before) });
  });
}
