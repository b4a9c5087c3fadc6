import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { getIsp, updateIsp } from './isps.service.ts';
import { ispDto, updateIspBody } from './isps.schemas.ts';
import { branchDto, createBranch, createBranchBody, deleteBranch, getBranch, listBranches, updateBranch, updateBranchBody } from './branches.service.ts';

const ispParams = z.object({ isp_id: z.uuid() });
const branchParams = z.object({ branch_id: z.uuid() });

export function registerIspRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id', {
    config: { permission: 'isp:read' },
    schema: { tags: ['isp'], summary: 'The ISP and its settings', params: ispParams, response: { 200: ispDto, ...commonErrors } },
  }, async (req) => {
    return getIsp(ctx, req.tenant.scope, req.tenant.ispId);
  });

  app.patch('/api/isp/:isp_id', {
    config: { permission: 'isp:manage' },
    schema: { tags: ['isp'], summary: 'Change branding, locale, currency, time zone, MFA policy', params: ispParams, body: updateIspBody, response: { 200: ispDto, ...commonErrors } },
  }, async (req) => {
    return updateIsp(ctx, req.tenant, req.body);
  });

  // Branches: the original design's POST /api/branch/{isp_id}/create, plus CRUD.
  for (const url of ['/api/branch/:isp_id/create', '/api/isp/:isp_id/branches']) {
    app.post(url, {
      config: { permission: 'branch:manage' },
      schema: { tags: ['branches'], summary: 'Create a branch', params: ispParams, body: createBranchBody, response: { 201: branchDto, ...commonErrors } },
    }, async (req, reply) => {
      return reply.code(201).send(await createBranch(ctx, req.tenant, req.body));
    });
  }

  app.get('/api/isp/:isp_id/branches', {
    config: { permission: 'branch:read' },
    schema: { tags: ['branches'], summary: 'Branches (a tree through parent_branch_id)', params: ispParams, response: { 200: z.array(branchDto), ...commonErrors } },
  }, async (req) => {
    return listBranches(ctx, req.tenant.scope, req.tenant.ispId);
  });

  app.get('/api/branch/:branch_id', {
    config: { permission: 'branch:read' },
    schema: { tags: ['branches'], summary: 'One branch', params: branchParams, response: { 200: branchDto, ...commonErrors } },
  }, async (req) => {
    return getBranch(ctx, req.tenant.scope, req.params.branch_id);
  });

  app.patch('/api/branch/:branch_id', {
    config: { permission: 'branch:manage' },
    schema: { tags: ['branches'], summary: 'Change a branch', params: branchParams, body: updateBranchBody, response: { 200: branchDto, ...commonErrors } },
  }, async (req) => {
    return updateBranch(ctx, req.tenant, req.params.branch_id, req.body);
  });

  app.delete('/api/branch/:branch_id', {
    config: { permission: 'branch:manage' },
    schema: { tags: ['branches'], summary: 'Delete an empty branch', params: branchParams, response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await deleteBranch(ctx, req.tenant, req.params.branch_id);
    return reply.code(204).send(null);
  });
}
