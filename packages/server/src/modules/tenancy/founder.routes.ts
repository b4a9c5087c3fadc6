import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { pageOf, pageQuery, sortParam } from '../../platform/http/paging.ts';
import { founderDashboard, founderDashboardDto } from '../reporting/dashboards.service.ts';
import { createFounder, listFounders } from '../identity/founders.service.ts';
import { createIsp, getIsp, listIsps, setIspStatus, updateIsp } from './isps.service.ts';
import { createIspBody, ispDto, ispListItem, updateIspBody } from './isps.schemas.ts';
import { platformScope } from '../../platform/db/scope.ts';

const tags = ['founder'];
const ispParams = z.object({ isp_id: z.uuid() });
const founderDto = z.object({ id: z.string(), email: z.string(), name: z.string(), status: z.string(), mfa_enabled: z.boolean(), created_at: z.string() });

export function registerFounderRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/founder/dashboard', {
    schema: { tags, summary: 'Platform figures across all ISPs', response: { 200: founderDashboardDto, ...commonErrors } },
  }, async (req) => founderDashboard(ctx, requireActor(req, 'platform:manage')));

  app.post('/api/founder/isp/create', {
    schema: { tags, summary: 'Create an ISP with its first admin', body: createIspBody, response: { 201: ispDto.extend({ admin_user_id: z.string() }), ...commonErrors } },
  }, async (req, reply) => reply.code(201).send(await createIsp(ctx, requireActor(req, 'platform:manage'), req.body)));

  app.get('/api/founder/isp/list', {
    schema: {
      tags, summary: 'All ISPs with their figures',
      querystring: z.strictObject({ ...pageQuery, sort: sortParam(['created_at', 'display_name', 'slug', 'subscribers_total'], '-created_at'), status: z.enum(['active', 'suspended', 'terminated']).optional(), q: z.string().max(100).optional() }),
      response: { 200: pageOf(ispListItem), ...commonErrors },
    },
  }, async (req) => listIsps(ctx, requireActor(req, 'platform:manage'), req.query));

  app.get('/api/founder/isp/:isp_id', {
    schema: { tags, summary: 'One ISP', params: ispParams, response: { 200: ispDto, ...commonErrors } },
  }, async (req) => {
    requireActor(req, 'platform:manage');
    return getIsp(ctx, platformScope, req.params.isp_id);
  });

  app.patch('/api/founder/isp/:isp_id', {
    schema: { tags, summary: "Change an ISP's settings or SaaS plan", params: ispParams, body: updateIspBody, response: { 200: ispDto, ...commonErrors } },
  }, async (req) => updateIsp(ctx, requireActor(req, 'platform:manage'), platformScope, req.params.isp_id, req.body));

  for (const [verb, status] of [['suspend', 'suspended'], ['resume', 'active'], ['terminate', 'terminated']] as const) {
    app.post(`/api/founder/isp/:isp_id/${verb}`, {
      schema: { tags, summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} an ISP`, params: ispParams, response: { 200: ispDto, ...commonErrors } },
    }, async (req) => setIspStatus(ctx, requireActor(req, 'platform:manage'), req.params.isp_id, status));
  }

  app.get('/api/founder/founders', {
    schema: { tags, summary: 'Platform users', response: { 200: z.array(founderDto), ...commonErrors } },
  }, async (req) => {
    requireActor(req, 'platform:manage');
    return listFounders(ctx);
  });

  app.post('/api/founder/founders', {
    schema: {
      tags, summary: 'Add a platform user',
      body: z.strictObject({ email: z.email().max(254), name: z.string().min(1).max(120), password: z.string().min(1).max(256) }),
      response: { 201: founderDto, ...commonErrors },
    },
  }, async (req, reply) => reply.code(201).send(await createFounder(ctx, requireActor(req, 'platform:manage'), req.body)));
}
