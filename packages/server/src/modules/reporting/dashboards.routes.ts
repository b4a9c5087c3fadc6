import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { branchSubtree, requireActor } from '../../platform/http/authenticate.ts';
import { pageOf, pageQuery, sortParam } from '../../platform/http/paging.ts';
import { tenantScope } from '../../platform/db/scope.ts';
import { branchDto, getBranch } from '../tenancy/index.ts';
import { founderDashboard, founderDashboardDto, tenantDashboard, tenantDashboardDto } from './dashboards.service.ts';
import { ispListItem, listIsps } from './isp-list.service.ts';

const tags = ['founder'];
const ispParams = z.object({ isp_id: z.uuid() });
const branchParams = z.object({ branch_id: z.uuid() });

/** Figures across modules: the founder's platform view, an ISP's and a branch's dashboards. */
export function registerDashboardRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/founder/dashboard', {
    schema: { tags, summary: 'Platform figures across all ISPs', response: { 200: founderDashboardDto, ...commonErrors } },
  }, async (req) => founderDashboard(ctx, requireActor(req, 'platform:manage')));

  app.get('/api/founder/isp/list', {
    schema: {
      tags, summary: 'All ISPs with their figures',
      querystring: z.strictObject({ ...pageQuery, sort: sortParam(['created_at', 'display_name', 'slug', 'subscribers_total'], '-created_at'), status: z.enum(['active', 'suspended', 'terminated']).optional(), q: z.string().max(100).optional() }),
      response: { 200: pageOf(ispListItem), ...commonErrors },
    },
  }, async (req) => listIsps(ctx, requireActor(req, 'platform:manage'), req.query));

  app.get('/api/isp/:isp_id/dashboard', {
    config: { permission: 'subscriber:read' },
    schema: { tags: ['isp'], summary: 'Figures of the ISP (or of the branch subtree for branch managers)', params: ispParams, response: { 200: tenantDashboardDto, ...commonErrors } },
  }, async (req) => {
    return tenantDashboard(ctx, req.tenant.scope, req.tenant.ispId);
  });

  app.get('/api/branch/:branch_id/dashboard', {
    config: { permission: 'subscriber:read' },
    schema: { tags: ['branches'], summary: 'Figures of a branch and its sub-branches', params: branchParams, response: { 200: tenantDashboardDto.extend({ branch: branchDto }), ...commonErrors } },
  }, async (req) => {
    const branch = await getBranch(ctx, req.tenant.scope, req.params.branch_id);
    // The branch is visible to the actor, so its whole subtree is too: narrow to it.
    const subtree = await branchSubtree(ctx, req.tenant.ispId, branch.id);
    return { ...(await tenantDashboard(ctx, tenantScope(req.tenant.ispId, subtree), req.tenant.ispId)), branch };
  });
}
