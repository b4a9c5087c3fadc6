import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { pageOf, pageQuery, sortParam } from '../../platform/http/paging.ts';
import { staffRoles } from './schema.ts';
import { createStaff, createStaffBody, deleteStaff, getStaff, listStaff, staffDto, updateStaff, updateStaffBody } from './staff.service.ts';

const tags = ['staff'];
const ispParams = z.object({ isp_id: z.uuid() });
const userParams = z.object({ isp_id: z.uuid(), user_id: z.uuid() });
const listQuery = z.strictObject({
  ...pageQuery,
  sort: sortParam(['created_at', 'name', 'email', 'role'], 'name'),
  q: z.string().max(100).optional(),
  role: z.enum(staffRoles).optional(),
  branch_id: z.uuid().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

export function registerStaffRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/users', {
    config: { permission: 'staff:read' },
    schema: { tags, summary: 'Staff of the ISP (branch managers: their subtree)', params: ispParams, querystring: listQuery, response: { 200: pageOf(staffDto), ...commonErrors } },
  }, async (req) => {
    return listStaff(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });

  app.get('/api/branch/:branch_id/users', {
    config: { permission: 'staff:read' },
    schema: { tags, summary: 'Staff of one branch', params: z.object({ branch_id: z.uuid() }), querystring: listQuery.omit({ branch_id: true }), response: { 200: pageOf(staffDto), ...commonErrors } },
  }, async (req) => {
    return listStaff(ctx, req.tenant.scope, req.tenant.ispId, { ...req.query, branch_id: req.params.branch_id });
  });

  app.post('/api/isp/:isp_id/users', {
    config: { permission: 'staff:manage' },
    schema: { tags, summary: 'Add a staff member with a role', params: ispParams, body: createStaffBody, response: { 201: staffDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createStaff(ctx, req.tenant, req.body));
  });

  app.get('/api/isp/:isp_id/users/:user_id', {
    config: { permission: 'staff:read' },
    schema: { tags, summary: 'One staff member', params: userParams, response: { 200: staffDto, ...commonErrors } },
  }, async (req) => {
    return getStaff(ctx, req.tenant.scope, req.params.user_id);
  });

  app.patch('/api/isp/:isp_id/users/:user_id', {
    config: { permission: 'staff:manage' },
    schema: { tags, summary: 'Change role, branch, status or password', params: userParams, body: updateStaffBody, response: { 200: staffDto, ...commonErrors } },
  }, async (req) => {
    return updateStaff(ctx, req.tenant, req.params.user_id, req.body);
  });

  app.delete('/api/isp/:isp_id/users/:user_id', {
    config: { permission: 'staff:manage' },
    schema: { tags, summary: 'Remove a staff member', params: userParams, response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await deleteStaff(ctx, req.tenant, req.params.user_id);
    return reply.code(204).send(null);
  });
}
