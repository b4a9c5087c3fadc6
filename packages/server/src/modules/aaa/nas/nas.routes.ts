import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { createNas, createNasBody, deleteNas, getNas, listNas, nasDto, updateNas, updateNasBody } from './nas.service.ts';

const tags = ['nas'];
const ispParams = z.object({ isp_id: z.uuid() });
const nasParams = z.object({ isp_id: z.uuid(), nas_id: z.uuid() });

export function registerNasRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/nas', {
    config: { permission: 'nas:read' },
    schema: { tags, summary: 'NAS devices with their online sessions', params: ispParams, response: { 200: z.array(nasDto), ...commonErrors } },
  }, async (req) => {
    return listNas(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.post('/api/isp/:isp_id/nas', {
    config: { permission: 'nas:manage' },
    schema: { tags, summary: 'Register a NAS', params: ispParams, body: createNasBody, response: { 201: nasDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createNas(ctx, req.tenant, req.body));
  });
  app.get('/api/isp/:isp_id/nas/:nas_id', {
    config: { permission: 'nas:read' },
    schema: { tags, summary: 'One NAS (never its secret)', params: nasParams, response: { 200: nasDto, ...commonErrors } },
  }, async (req) => {
    return getNas(ctx, req.tenant.scope, req.params.nas_id);
  });
  app.patch('/api/isp/:isp_id/nas/:nas_id', {
    config: { permission: 'nas:manage' },
    schema: { tags, summary: 'Change a NAS', params: nasParams, body: updateNasBody, response: { 200: nasDto, ...commonErrors } },
  }, async (req) => {
    return updateNas(ctx, req.tenant, req.params.nas_id, req.body);
  });
  app.delete('/api/isp/:isp_id/nas/:nas_id', {
    config: { permission: 'nas:manage' },
    schema: { tags, summary: 'Remove a NAS', params: nasParams, response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await deleteNas(ctx, req.tenant, req.params.nas_id);
    return reply.code(204).send(null);
  });
}
