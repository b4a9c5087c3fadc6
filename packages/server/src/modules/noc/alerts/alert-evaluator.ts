import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import { clearAlerts, raiseAlerts, releaseMaintenance, type RaiseInput } from './alert-engine.ts';
import { evaluateDeviceDown, evaluateMetric, type Sample } from './rule-eval.ts';
import { nocAlertRules, nocAlerts, nocDeviceStatusLog } from './schema.ts';

type Device = { id: string; isp_id: string; branch_id: string | null; name: string; kind: string; status: 'up' | 'down' | 'unknown'; status_changed_at: Date | string | null; nas_id: string | null };
type Rule = typeof nocAlertRules.$inferSelect;
const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());

const appliesTo = (rule: Rule, d: Device) => (!rule.deviceId || rule.deviceId === d.id) && (!rule.deviceKind || rule.deviceKind === d.kind);

/**
 * One pass of the alert evaluator over every ISP: records device status changes (the SLA
 * timeline), samples NAS sessions, evaluates device-down and metric rules against the
 * collector's series, and clears log alerts past their auto-clear time and flapping
 * alerts that settled. Safe to run from several processes: raising is keyed.
 */
export async function evaluateAlerts(ctx: AppContext, now = new Date()): Promise<{ raised: number; cleared: number }> {
  const devices = await withScope(ctx.db, platformScope, (tx) => rows<Device>(tx,
    sql`SELECT id, isp_id, branch_id, name, kind, status, status_changed_at, nas_id FROM noc_devices WHERE enabled`));
  await recordStatusChanges(ctx, devices, now);
  await sampleNasSessions(ctx, devices, now);
  const rules = await withScope(ctx.db, platformScope, (tx) => tx.select().from(nocAlertRules).where(eq(nocAlertRules.enabled, true)));
  const firing = await withScope(ctx.db, platformScope, (tx) => tx.select({ ispId: nocAlerts.ispId, key: nocAlerts.key, raisedAt: nocAlerts.raisedAt, ruleId: nocAlerts.ruleId, source: nocAlerts.source })
    .from(nocAlerts).where(eq(nocAlerts.state, 'firing')));
  const firingKeys = new Set(firing.map((f) => `${f.ispId}|${f.key}`));
  const raise = new Map<string, RaiseInput[]>();
  const clear = new Map<string, string[]>();
  const add = <T>(m: Map<string, T[]>, isp: string, v: T) => m.set(isp, [...(m.get(isp) ?? []), v]);

  for (const rule of rules) {
    const targets = devices.filter((d) => d.isp_id === rule.ispId && appliesTo(rule, d));
    const flap = { count: rule.flapCount, windowS: rule.flapWindowS };
    if (rule.kind === 'device_down') {
      for (const d of targets) {
        const key = `down:${rule.id}:${d.id}`;
        const v = evaluateDeviceDown(d.status, ms(d.status_changed_at), rule.durationS, firingKeys.has(`${rule.ispId}|${key}`), now.getTime());
        if (v.transition === 'raise') add(raise, rule.ispId, { ruleId: rule.id, deviceId: d.id, interfaceId: null, key, source: 'rule', severity: rule.severity, title: `Device down: ${d.name}`, detail: rule.name, value: 0, flap });
        if (v.transition === 'clear') add(clear, rule.ispId, key);
      }
    } else if (rule.kind === 'metric' && rule.metric && rule.mode && rule.comparator && rule.raiseValue !== null && rule.clearValue !== null) {
      const lookbackS = rule.durationS + (rule.windowS ?? 300) + 600;
      const series = await withScope(ctx.db, tenantScope(rule.ispId), (tx) => rows<{ device_id: string; interface_id: string | null; if_name: string | null; ts: Date | string; value: number }>(tx, sql`
        SELECT m.device_id, m.interface_id, i.name AS if_name, m.ts, m.value FROM noc_metrics_raw m LEFT JOIN noc_interfaces i ON i.id = m.interface_id
        WHERE m.isp_id = ${rule.ispId} AND m.metric = ${rule.metric} AND m.ts > ${new Date(now.getTime() - lookbackS * 1000).toISOString()}::timestamptz
          AND m.ts <= ${now.toISOString()}::timestamptz ${rule.deviceId ? sql`AND m.device_id = ${rule.deviceId}` : sql``}
        ORDER BY m.ts`));
      const bySeries = new Map<string, { deviceId: string; interfaceId: string | null; ifName: string | null; samples: Sample[] }>();
      for (const s of series) {
        const k = `${s.device_id}:${s.interface_id ?? ''}`;
        const e = bySeries.get(k) ?? { deviceId: s.device_id, interfaceId: s.interface_id, ifName: s.if_name, samples: [] };
        e.samples.push({ ts: new Date(s.ts).getTime(), value: Number(s.value) });
        bySeries.set(k, e);
      }
      for (const s of bySeries.values()) {
        const d = targets.find((x) => x.id === s.deviceId);
        if (!d) continue;
        const key = `rule:${rule.id}:${s.deviceId}:${s.interfaceId ?? ''}`;
        const v = evaluateMetric({ mode: rule.mode, comparator: rule.comparator, raise: rule.raiseValue, clear: rule.clearValue, durationS: rule.durationS, windowS: rule.windowS ?? 300 },
          s.samples, firingKeys.has(`${rule.ispId}|${key}`), now.getTime());
        if (v.transition === 'raise') add(raise, rule.ispId, {
          ruleId: rule.id, deviceId: d.id, interfaceId: s.interfaceId, key, source: 'rule', severity: rule.severity,
          title: `${rule.name}: ${d.name}${s.ifName ? ` ${s.ifName}` : ''}`, detail: `${rule.metric} ${rule.mode} ${rule.comparator} ${rule.raiseValue} (now ${v.value?.toFixed(2)})`, value: v.value, flap,
        });
        if (v.transition === 'clear') add(clear, rule.ispId, key);
      }
    }
  }
  // Log alerts have no "back to normal" sample: they clear after the rule's auto-clear time.
  const byRule = new Map(rules.map((r) => [r.id, r]));
  for (const f of firing) {
    const rule = f.ruleId ? byRule.get(f.ruleId) : undefined;
    if (f.source === 'log' && rule?.autoClearS && now.getTime() - f.raisedAt.getTime() >= rule.autoClearS * 1000) add(clear, f.ispId, f.key);
  }
  await clearSettledFlapping(ctx, firing, byRule, now, (isp, key) => add(clear, isp, key));

  let raised = 0;
  let cleared = 0;
  for (const [isp, keys] of clear) cleared += await clearAlerts(ctx, isp, keys, now);
  for (const [isp, inputs] of raise) raised += (await raiseAlerts(ctx, isp, inputs, now)).length;
  for (const isp of new Set(firing.map((f) => f.ispId))) await releaseMaintenance(ctx, isp, now);
  return { raised, cleared };
}

/** A flapping alert clears once its condition went a whole window without a new raise. */
async function clearSettledFlapping(ctx: AppContext, firing: { ispId: string; key: string; ruleId: string | null; source: string }[], rules: Map<string, Rule>, now: Date, clear: (isp: string, key: string) => void) {
  for (const f of firing.filter((x) => x.source === 'flapping')) {
    const windowS = (f.ruleId ? rules.get(f.ruleId)?.flapWindowS : undefined) ?? 600;
    const base = f.key.slice('flap:'.length);
    const [{ n } = { n: 0 }] = await withScope(ctx.db, tenantScope(f.ispId), (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(nocAlerts)
      .where(and(eq(nocAlerts.ispId, f.ispId), eq(nocAlerts.key, base), sql`${nocAlerts.raisedAt} > ${new Date(now.getTime() - windowS * 1000).toISOString()}::timestamptz`)));
    if (n === 0) clear(f.ispId, f.key);
  }
}

/** Appends a status row when a device's status differs from the last one recorded. */
async function recordStatusChanges(ctx: AppContext, devices: Device[], now: Date) {
  if (!devices.length) return;
  await withScope(ctx.db, platformScope, async (tx) => {
    const last = await rows<{ device_id: string; status: string }>(tx, sql`SELECT DISTINCT ON (device_id) device_id, status FROM noc_device_status_log ORDER BY device_id, at DESC, id DESC`);
    const lastBy = new Map(last.map((l) => [l.device_id, l.status]));
    const changes = devices.filter((d) => lastBy.get(d.id) !== d.status && !(d.status === 'unknown' && !lastBy.has(d.id)));
    if (changes.length) await tx.insert(nocDeviceStatusLog).values(changes.map((d) => ({ ispId: d.isp_id, branchId: d.branch_id, deviceId: d.id, status: d.status, at: d.status_changed_at ? new Date(d.status_changed_at) : now })));
  });
}

/** NAS devices: their online sessions (from AAA) as the metric "nas_sessions", for "sessions dropped by X%" rules. */
async function sampleNasSessions(ctx: AppContext, devices: Device[], now: Date) {
  const nas = devices.filter((d) => d.nas_id);
  if (!nas.length) return;
  await withScope(ctx.db, platformScope, async (tx) => {
    const counts = await rows<{ nas_id: string; n: number }>(tx, sql`SELECT nas_id, count(*)::int AS n FROM radius_sessions WHERE stop_time IS NULL AND nas_id IS NOT NULL GROUP BY nas_id`);
    const by = new Map(counts.map((c) => [c.nas_id, c.n]));
    for (const d of nas) await tx.execute(sql`INSERT INTO noc_metrics_raw (isp_id, device_id, interface_id, metric, ts, value) VALUES (${d.isp_id}, ${d.id}, NULL, 'nas_sessions', ${now.toISOString()}::timestamptz, ${by.get(d.nas_id!) ?? 0})`);
  });
}
