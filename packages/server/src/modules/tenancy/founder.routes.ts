import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { getIsp, setIspStatus, updateIsp } from './isps.service.ts';
import { ispDto, updateIspBody } from './isps.schemas.ts';
import { platformScope } from '../../platform/db/scope.ts';

const tags = ['founder'];
const ispParams = z.object({ isp_id: z.uuid() });

export function registerFounderRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/founder/isp/:isp_id', {
    schema: { tags, summary: 'One ISP', params: ispParams, response: { 200: ispDto, ...commonErrors } },
  }, async (req) => {
    requireActor(req, 'platform:manage');
    return getIsp(ctx, platformScope, req.params.isp_id);
  });

  app.patch('/api/founder/isp/:isp_id', {
    schema: { tags, summary: "Change an ISP's settings or SaaS plan", params: ispParams, body: updateIspBody, response: { 200: ispDto, ...commonErrors } },
  }, async (req) => updateIsp(ctx, { actor: requireActor(req, 'platform:manage'), scope: platformScope, ispId: req.params.isp_id }, req.body));

  for (const [verb, status] of [['suspend', 'suspended'], ['resume', 'active'], ['terminate', 'terminated']] as const) {
    app.post(`/api/founder/isp/:isp_id/${verb}`, {
      schema: { tags, summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} an ISP`, params: ispParams, response: { 200: ispDto, ...commonErrors } },
    }, async (req) => setIspStatus(ctx, requireActor(req, 'platform:manage'), req.params.isp_id, status));
  }
}
