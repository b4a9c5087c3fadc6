import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { subscribers } from '../../subscribers/index.ts';
import { nocDevices } from '../schema.ts';
import { createSla } from '../sla/sla.service.ts';
import { createPolicy } from './escalation.service.ts';
import { createMaintenance } from './maintenance.service.ts';
import { createRule } from './rules.service.ts';
import type { ActorInScope } from '../../../platform/tenant.ts';

const base = {
  enabled: true, device_id: null, device_kind: null, metric: null, mode: null, comparator: null, raise_value: null, clear_value: null, window_s: null, duration_s: 0,
  log_source: null, trap_oid: null, pattern: null, max_severity: null, clear_trap_oid: null, clear_pattern: null, auto_clear_s: null, flap_count: 5, flap_window_s: 600,
} as const;

/**
 * Demo NOC configuration, through the services (audited like any change): the usual rules,
 * an escalation policy, and — when the demo has devices — next week's maintenance and an SLA.
 * Alerts and incidents are not invented: they come from what the collector and receivers see.
 */
export async function seedNocAlertsDemo(ctx: AppContext, { actor, scope }: ActorInScope, ispId: string): Promise<void> {
  await createRule(ctx, { actor, scope, ispId }, { ...base, name: 'Device down', kind: 'device_down', severity: 'critical', duration_s: 120 });
  await createRule(ctx, { actor, scope, ispId }, { ...base, name: 'Link above 90%', kind: 'metric', severity: 'warning', metric: 'if_utilisation', mode: 'threshold', comparator: 'above', raise_value: 90, clear_value: 80, duration_s: 600 });
  await createRule(ctx, { actor, scope, ispId }, { ...base, name: 'CPU above 85%', kind: 'metric', severity: 'minor', metric: 'cpu_percent', mode: 'threshold', comparator: 'above', raise_value: 85, clear_value: 70, duration_s: 300 });
  await createRule(ctx, { actor, scope, ispId }, { ...base, name: 'Interface errors', kind: 'metric', severity: 'minor', metric: 'if_in_errors', mode: 'threshold', comparator: 'above', raise_value: 10, clear_value: 1, duration_s: 300 });
  await createRule(ctx, { actor, scope, ispId }, { ...base, name: 'NAS sessions dropped 30%', kind: 'metric', severity: 'major', device_kind: 'nas', metric: 'nas_sessions', mode: 'change_percent', comparator: 'below', raise_value: -30, clear_value: -10, window_s: 300 });
  await createRule(ctx, { actor, scope, ispId }, { ...base, name: 'Link down (trap)', kind: 'log', severity: 'major', log_source: 'trap', trap_oid: '1.3.6.1.6.3.1.1.5.3', clear_trap_oid: '1.3.6.1.6.3.1.1.5.4', auto_clear_s: 3600 });
  await createRule(ctx, { actor, scope, ispId }, { ...base, name: 'Syslog errors', kind: 'log', severity: 'warning', log_source: 'syslog', pattern: 'link down', max_severity: 3, clear_pattern: 'link up', auto_clear_s: 3600 });
  await createPolicy(ctx, { actor, scope, ispId }, { name: 'On-call', min_severity: 'major', enabled: true, steps: [
    { after_minutes: 0, emails: ['noc@demo-isp.com'], phones: [], webhook_url: null },
    { after_minutes: 30, emails: ['admin@demo-isp.com'], phones: [], webhook_url: null },
  ] });
  const devices = await withScope(ctx.db, scope, (tx) => tx.select({ id: nocDevices.id, site: nocDevices.site }).from(nocDevices).where(eq(nocDevices.ispId, ispId)).orderBy(asc(nocDevices.createdAt)).limit(3));
  if (!devices.length) return;
  const nextWeek = new Date(Date.now() + 7 * 86400_000);
  nextWeek.setUTCHours(2, 0, 0, 0);
  await createMaintenance(ctx, { actor, scope, ispId }, { device_id: devices[0]!.id, site: null, starts_at: nextWeek.toISOString(), ends_at: new Date(nextWeek.getTime() + 2 * 3600_000).toISOString(), reason: 'Firmware upgrade' });
  const [customer] = await withScope(ctx.db, scope, (tx) => tx.select({ id: subscribers.id }).from(subscribers).where(and(eq(subscribers.ispId, ispId), eq(subscribers.username, 'jane.smith'))));
  await createSla(ctx, { actor, scope, ispId }, { name: 'Core network', subscriber_id: null, device_ids: devices.map((d) => d.id), availability_target: 99.9, latency_target_ms: 50, mttr_target_minutes: 240, notify_emails: ['noc@demo-isp.com'] });
  if (customer) await createSla(ctx, { actor, scope, ispId }, { name: 'Jane Smith business line', subscriber_id: customer.id, device_ids: [devices.at(-1)!.id], availability_target: 99.5, latency_target_ms: null, mttr_target_minutes: 480, notify_emails: [] });
}
