import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { createPlan, createPlanBody, deletePlan, getPlan, listPlans, planDto, updatePlan, updatePlanBody } from './plans.service.ts';

const tags = ['plans'];
const ispParams = z.object({ isp_id: z.uuid() });
const planParams = z.object({ isp_id: z.uuid(), plan_id: z.uuid() });

export function registerPlanRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/plans', {
    config: { permission: 'plan:read' },
    schema: { tags, summary: 'Subscription plans', params: ispParams, querystring: z.strictObject({ status: z.enum(['active', 'archived']).optional() }), response: { 200: z.array(planDto), ...commonErrors } },
  }, async (req) => listPlans(ctx, req.tenant.scope, req.tenant.ispId, req.query.status));

  app.post('/api/isp/:isp_id/plans', {
    config: { permission: 'plan:manage' },
    schema: { tags, summary: 'Create a plan', params: ispParams, body: createPlanBody, response: { 201: planDto, ...commonErrors } },
  }, async (req, reply) => reply.code(201).send(await createPlan(ctx, req.tenant, req.body)));

  app.get('/api/isp/:isp_id/plans/:plan_id', {
    config: { permission: 'plan:read' },
    schema: { tags, summary: 'One plan', params: planParams, response: { 200: planDto, ...commonErrors } },
  }, async (req) => getPlan(ctx, req.tenant.scope, req.params.plan_id));

  app.patch('/api/isp/:isp_id/plans/:plan_id', {
    config: { permission: 'plan:manage' },
    schema: { tags, summary: 'Change a plan', params: planParams, body: updatePlanBody, response: { 200: planDto, ...commonErrors } },
  }, async (req) => updatePlan(ctx, req.tenant, req.params.plan_id, req.body));

  app.delete('/api/isp/:isp_id/plans/:plan_id', {
    config: { permission: 'plan:manage' },
    schema: { tags, summary: 'Delete an unused plan', params: planParams, response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await deletePlan(ctx, req.tenant, req.params.plan_id);
    return reply.code(204).send(null);
  });
}
