import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { createSla, createSlaBody, deleteSla, listSlas, reportQuery, slaDto, slaReport, slaReportDto, updateSla, updateSlaBody } from './sla.service.ts';

const tags = ['noc'];
const ispParams = z.object({ isp_id: z.uuid() });
const idParams = z.object({ isp_id: z.uuid(), id: z.uuid() });

export function registerNocSlaRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/noc/:isp_id/sla', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'SLA definitions with this month\'s measurement', params: ispParams, response: { 200: z.array(slaDto), ...commonErrors } },
  }, async (req) => {
    return listSlas(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.post('/api/noc/:isp_id/sla', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Define an SLA (ISP-wide or for a business customer)', params: ispParams, body: createSlaBody, response: { 201: slaDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createSla(ctx, req.tenant, req.body));
  });
  app.get('/api/noc/:isp_id/sla/:id/report', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Measured availability, latency and MTTR with a per-day timeline', params: idParams, querystring: reportQuery, response: { 200: slaReportDto, ...commonErrors } },
  }, async (req) => {
    return slaReport(ctx, req.tenant.scope, req.params.id, req.query);
  });
  app.patch('/api/noc/:isp_id/sla/:id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Change an SLA', params: idParams, body: updateSlaBody, response: { 200: slaDto, ...commonErrors } },
  }, async (req) => {
    return updateSla(ctx, req.tenant, req.params.id, req.body);
  });
  app.delete('/api/noc/:isp_id/sla/:id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Delete an SLA', params: idParams, response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await deleteSla(ctx, req.tenant, req.params.id);
    return reply.code(204).send(null);
  });
}
