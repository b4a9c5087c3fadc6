import { RadiusCode, decodePacket, encodeRequest, type AttributeInput } from '@astranetix/radius';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { badRequest } from '../../../platform/http/errors.ts';
import { tenantRequest } from '../../../platform/http/tenant-request.ts';
import { authorize } from '../policy/authorize.ts';
import { enforcerFor } from '../enforcement/enforcement.ts';

const check = z.object({ check: z.string(), ok: z.boolean(), detail: z.string() });

/**
 * "Test login": the support desk's question "why can't this customer connect?" answered by
 * running the real authorisation on a real Access-Request built as the chosen NAS would send it.
 */
export function registerTestLoginRoutes(app: Api, ctx: AppContext): void {
  app.post('/api/isp/:isp_id/aaa/test-login', {
    schema: {
      tags: ['aaa'], summary: 'Run the authorisation for a username and password and show each check',
      params: z.object({ isp_id: z.uuid() }),
      body: z.strictObject({
        username: z.string().min(1).max(64),
        password: z.string().min(1).max(128),
        nas_id: z.uuid().optional().describe('Decide as this NAS would see it (vendor attributes); default: the first NAS'),
        calling_station_id: z.string().max(64).optional(),
        called_station_id: z.string().max(64).optional().describe('For check items on the SSID or service (e.g. hotspot-lobby)'),
      }),
      response: {
        200: z.object({ result: z.enum(['accept', 'reject']), reason: z.string(), checks: z.array(check), reply: z.array(z.object({ name: z.string(), value: z.string() })) }),
        ...commonErrors,
      },
    },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'subscriber:read');
    const enforcer = await enforcerFor(ctx);
    const nas = await enforcer.nasFor(t.ispId, req.body.nas_id);
    if (!nas) throw badRequest('Register an active NAS first: the decision depends on its vendor', [{ pointer: '/body/nas_id', detail: 'no active NAS' }]);
    const attributes: AttributeInput[] = [['User-Name', req.body.username], ['User-Password', req.body.password]];
    if (req.body.calling_station_id) attributes.push(['Calling-Station-Id', req.body.calling_station_id]);
    if (req.body.called_station_id) attributes.push(['Called-Station-Id', req.body.called_station_id]);
    const { packet } = encodeRequest({ code: RadiusCode.AccessRequest, identifier: 1, attributes, secret: nas.secret });
    const decoded = decodePacket(packet, { secret: nas.secret });
    const { sub, usage, sessions } = await enforcer.lookup(t.ispId, req.body.username);
    const d = authorize({ packet: decoded, nas, subscriber: sub, activeSessions: sessions, usage, now: new Date() });
    return {
      result: d.accept ? ('accept' as const) : ('reject' as const),
      reason: d.reason,
      checks: d.checks,
      reply: d.attributes.flatMap((a) => (Array.isArray(a) ? [{ name: String(a[0]), value: Buffer.isBuffer(a[1]) ? a[1].toString('utf8') : String(a[1]) }] : [])),
    };
  });
}
