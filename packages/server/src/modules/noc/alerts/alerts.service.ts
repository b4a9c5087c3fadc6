import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { withScope, type Scope } from '../../../platform/db/scope.ts';
import { notFound } from '../../../platform/errors.ts';
import { nocDevices } from '../schema.ts';
import { clearAlerts, raiseAlerts } from './alert-engine.ts';
import { alertDto, openIncidentRoots, toAlertDto } from './incidents.service.ts';
import { nocAlerts, severities } from './schema.ts';
import { lldpLinkDto, lldpLinks } from '../lldp/lldp.service.ts';
import type { Tenant } from '../../../platform/tenant.ts';

export const postAlertBody = z.strictObject({
  key: z.string().trim().min(1).max(200).describe('Identity of the condition: a second POST with the same key while it fires changes nothing'),
  title: z.string().trim().min(1).max(300),
  severity: z.enum(severities).default('major'),
  device_id: z.uuid().nullable().default(null),
  detail: z.string().max(4000).nullable().default(null),
  status: z.enum(['firing', 'resolved']).default('firing').describe('"resolved" clears the firing alert with this key'),
});
export const postAlertResult = z.object({ alert: alertDto.nullable(), cleared: z.number().int() });

/** Alerts from outside (another monitoring system, a script): correlated and escalated like our own. */
export async function postAlert(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof postAlertBody>) {
  const key = `api:${input.key}`;
  if (input.device_id) {
    const [d] = await withScope(ctx.db, scope, (tx) => tx.select({ id: nocDevices.id }).from(nocDevices).where(eq(nocDevices.id, input.device_id!)));
    if (!d) throw notFound('Device');
  }
  if (input.status === 'resolved') return { created: false, result: { alert: null, cleared: await clearAlerts(ctx, ispId, [key], new Date(), actor) } };
  const [created] = await raiseAlerts(ctx, ispId, [{ ruleId: null, deviceId: input.device_id, interfaceId: null, key, source: 'api', severity: input.severity, title: input.title, detail: input.detail, value: null }], new Date(), actor);
  const [row] = await withScope(ctx.db, scope, (tx) => tx.select({ a: nocAlerts, name: nocDevices.name }).from(nocAlerts).leftJoin(nocDevices, eq(nocDevices.id, nocAlerts.deviceId))
    .where(and(eq(nocAlerts.ispId, ispId), eq(nocAlerts.key, key), eq(nocAlerts.state, 'firing'))));
  return { created: Boolean(created), result: { alert: row ? toAlertDto(row.a, row.name) : null, cleared: 0 } };
}

export const topologyDto = z.object({
  nodes: z.array(z.object({
    id: z.string(), name: z.string(), kind: z.string(), site: z.string().nullable(), status: z.enum(['up', 'down', 'unknown']), parent_id: z.string().nullable(),
    mgmt_ip: z.string(), alerts_firing: z.number().int(), worst_severity: z.enum(severities).nullable(), incident_number: z.number().int().nullable(),
  })),
  lldp_links: z.array(lldpLinkDto).describe('Links the devices report over LLDP, beside the parent (uplink) links'),
});

/** The device tree from parent (uplink) links and the LLDP links, with each device's state, for the map. */
export async function topology(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const devices = await tx.select({ id: nocDevices.id, name: nocDevices.name, kind: nocDevices.kind, site: nocDevices.site, status: nocDevices.status, parentId: nocDevices.parentId, mgmtIp: nocDevices.mgmtIp })
      .from(nocDevices).where(eq(nocDevices.ispId, ispId)).limit(5000);
    const firing = await tx.select({ deviceId: nocAlerts.deviceId, severity: nocAlerts.severity }).from(nocAlerts)
      .where(and(eq(nocAlerts.ispId, ispId), eq(nocAlerts.state, 'firing'), ne(nocAlerts.source, 'flapping')));
    const incidents = await openIncidentRoots(tx, ispId, devices.map((d) => d.id));
    const rank = (s: string) => severities.indexOf(s as (typeof severities)[number]);
    const links = await lldpLinks(tx, ispId);
    return {
      lldp_links: links,
      nodes: devices.map((d) => {
        const mine = firing.filter((f) => f.deviceId === d.id);
        const worst = mine.reduce<(typeof severities)[number] | null>((w, f) => (w === null || rank(f.severity) < rank(w) ? f.severity : w), null);
        return {
          id: d.id, name: d.name, kind: d.kind, site: d.site, status: d.status, parent_id: d.parentId, mgmt_ip: d.mgmtIp.replace(/\/(32|128)$/, ''),
          alerts_firing: mine.length, worst_severity: worst, incident_number: incidents.find((i) => i.root === d.id)?.number ?? null,
        };
      }),
    };
  });
}
