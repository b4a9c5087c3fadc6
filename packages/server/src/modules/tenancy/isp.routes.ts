import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { branchRequest, tenantRequest } from '../../platform/http/tenant-request.ts';
import { getIsp, updateIsp } from './isps.service.ts';
import { ispDto, updateIspBody } from './isps.schemas.ts';
import { branchDto, createBranch, createBranchBody, deleteBranch, getBranch, listBranches, updateBranch, updateBranchBody } from './branches.service.ts';

const ispParams = z.object({ isp_id: z.uuid() });
const branchParams = z.object({ branch_id: z.uuid() });

export function registerIspRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id', {
    schema: { tags: ['isp'], summary: 'The ISP and its settings', params: ispParams, response: { 200: ispDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'isp:read');
    return getIsp(ctx, t.scope, t.ispId);
  });

  app.patch('/api/isp/:isp_id', {
    schema: { tags: ['isp'], summary: 'Change branding, locale, currency, time zone, MFA policy', params: ispParams, body: updateIspBody, response: { 200: ispDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'isp:manage');
    return updateIsp(ctx, t.actor, t.scope, t.ispId, req.body);
  });

  // Branches: the original design's POST /api/branch/{isp_id}/create, plus CRUD.
  for (const url of ['/api/branch/:isp_id/create', '/api/isp/:isp_id/branches']) {
    app.post(url, {
      schema: { tags: ['branches'], summary: 'Create a branch', params: ispParams, body: createBranchBody, response: { 201: branchDto, ...commonErrors } },
    }, async (req, reply) => {
      const t = await tenantRequest(ctx, req, req.params.isp_id, 'branch:manage');
      return reply.code(201).send(await createBranch(ctx, t.actor, t.scope, t.ispId, req.body));
    });
  }

  app.get('/api/isp/:isp_id/branches', {
    schema: { tags: ['branches'], summary: 'Branches (a tree through parent_branch_id)', params: ispParams, response: { 200: z.array(branchDto), ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'branch:read');
    return listBranches(ctx, t.scope, t.ispId);
  });

  app.get('/api/branch/:branch_id', {
    schema: { tags: ['branches'], summary: 'One branch', params: branchParams, response: { 200: branchDto, ...commonErrors } },
  }, async (req) => {
    const t = await branchRequest(ctx, req, req.params.branch_id, 'branch:read');
    return getBranch(ctx, t.scope, req.params.branch_id);
  });

  app.patch('/api/branch/:branch_id', {
    schema: { tags: ['branches'], summary: 'Change a branch', params: branchParams, body: updateBranchBody, response: { 200: branchDto, ...commonErrors } },
  }, async (req) => {
    const t = await branchRequest(ctx, req, req.params.branch_id, 'branch:manage');
    return updateBranch(ctx, t.actor, t.scope, req.params.branch_id, req.body);
  });

  app.delete('/api/branch/:branch_id', {
    schema: { tags: ['branches'], summary: 'Delete an empty branch', params: branchParams, response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    const t = await branchRequest(ctx, req, req.params.branch_id, 'branch:manage');
    await deleteBranch(ctx, t.actor, t.scope, req.params.branch_id);
    return reply.code(204).send(null);
  });
}
