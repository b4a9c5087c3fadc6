import { isIP } from 'node:net';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { withScope, type Scope } from '../../platform/db/scope.ts';
import { commonErrors, problemSchema, type Api } from '../../platform/http/api.ts';
import { conflict, HttpProblem } from '../../platform/http/errors.ts';
import { loadDevice } from './devices.service.ts';
import { RouterOsClient, RouterOsError, type RouterProvisioning } from './providers/routeros.ts';

const tags = ['noc'];
const deviceParams = z.object({ isp_id: z.uuid(), device_id: z.uuid() });
const errors = { ...commonErrors, 502: problemSchema };

const queueDto = z.object({ id: z.string(), name: z.string(), target: z.string(), max_limit: z.string().nullable(), rate: z.string().nullable(), bytes: z.string().nullable(), disabled: z.boolean() });
const ifStatDto = z.object({ id: z.string(), name: z.string(), type: z.string().nullable(), running: z.boolean(), disabled: z.boolean(), rx_bytes: z.number().nullable(), tx_bytes: z.number().nullable(), rx_packets: z.number().nullable(), tx_packets: z.number().nullable() });
const addressListBody = z.strictObject({
  list: z.string().min(1).max(63).regex(/^[\w.-]+$/, 'letters, digits, _ . -'),
  address: z.string().max(64).refine((v) => isIP(v.split('/')[0]!) !== 0, 'an IP address or subnet'),
  comment: z.string().max(200).optional(),
  timeout: z.string().regex(/^\d+[smhdw]?$/).optional().describe('RouterOS duration, e.g. 1d'),
});

/** Opens the RouterOS API of a device of the caller's scope; the router's answers stay on our side of a 502. */
async function withRouter<T>(ctx: AppContext, scope: Scope, deviceId: string, fn: (r: RouterProvisioning) => Promise<T>) {
  const d = await withScope(ctx.db, scope, (tx) => loadDevice(tx, deviceId));
  if (d.vendor !== 'mikrotik' || !d.apiPort || !d.apiUser || !d.apiPasswordEnc) throw conflict('The RouterOS API of this device is not configured (MikroTik vendor, API port, user and password)');
  let router: RouterOsClient;
  try {
    router = await RouterOsClient.connect({ host: d.mgmtIp, port: d.apiPort, tls: d.apiTls, user: d.apiUser, password: ctx.secrets.open(d.apiPasswordEnc), timeoutMs: ctx.config.noc.tcpTimeoutMs * 2 });
  } catch (err) {
    throw new HttpProblem(502, 'Bad Gateway', `RouterOS API: ${(err as Error).message}`);
  }
  try {
    return { device: d, result: await fn(router) };
  } catch (err) {
    if (err instanceof RouterOsError || err instanceof Error) throw new HttpProblem(502, 'Bad Gateway', `RouterOS API: ${err.message}`);
    throw err;
  } finally {
    router.close();
  }
}

export function registerRouterOsRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/noc/:isp_id/devices/:device_id/routeros/queues', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Simple queues read live over the MikroTik RouterOS API', params: deviceParams, response: { 200: z.array(queueDto), ...errors } },
  }, async (req) => {
    const { result } = await withRouter(ctx, req.tenant.scope, req.params.device_id, (r) => r.simpleQueues());
    return result.map((q) => ({ id: q.id, name: q.name, target: q.target, max_limit: q.maxLimit, rate: q.rate, bytes: q.bytes, disabled: q.disabled }));
  });
  app.get('/api/noc/:isp_id/devices/:device_id/routeros/interfaces', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Interface statistics read live over the MikroTik RouterOS API', params: deviceParams, response: { 200: z.array(ifStatDto), ...errors } },
  }, async (req) => {
    const { result } = await withRouter(ctx, req.tenant.scope, req.params.device_id, (r) => r.interfaceStats());
    return result.map((i) => ({ id: i.id, name: i.name, type: i.type, running: i.running, disabled: i.disabled, rx_bytes: i.rxBytes, tx_bytes: i.txBytes, rx_packets: i.rxPackets, tx_packets: i.txPackets }));
  });
  app.post('/api/noc/:isp_id/devices/:device_id/routeros/address-list', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Add an entry to a firewall address list on the router', params: deviceParams, body: addressListBody, response: { 201: z.object({ id: z.string() }), ...errors } },
  }, async (req, reply) => {
    const { device, result } = await withRouter(ctx, req.tenant.scope, req.params.device_id, (r) => r.addAddressListEntry(req.body.list, req.body.address, req.body));
    await audit(ctx, req.tenant.actor, req.tenant.scope, device.ispId, device.id, { ...req.body, router_id: result });
    return reply.code(201).send({ id: result });
  });
}

/** The router holds the change; the audit trail records who made it. */
async function audit(ctx: AppContext, actor: Actor, scope: Scope, ispId: string, deviceId: string, after: Record<string, unknown>) {
  await withScope(ctx.db, scope, (tx) => recordChange(tx, actor, { ispId, action: 'noc_device.address_list_added', entityType: 'noc_device', entityId: deviceId, after }));
}
