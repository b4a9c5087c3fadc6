import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { pageOf, pageQuery, sortParam } from '../../platform/http/paging.ts';
import { tenantRequest } from '../../platform/http/tenant-request.ts';
import { tenantScope } from '../../platform/db/scope.ts';
import { can } from '../../platform/auth/permissions.ts';
import { subscriberStatuses } from './schema.ts';
import { createSubscriberBody, subscriberDto, subscriberSortFields, updateSubscriberBody } from './subscribers.schemas.ts';
import { bulkUpdateSubscribers, createSubscriber, getSubscriber, listSubscribers, terminateSubscriber, updateSubscriber } from './subscribers.service.ts';
import { getPlan, planDto } from '../catalog/index.ts';

const tags = ['subscribers'];
const ispParams = z.object({ isp_id: z.uuid() });
const subParams = z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() });

export function registerSubscriberRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/subscribers', {
    config: { permission: 'subscriber:read' },
    schema: {
      tags, summary: 'Search, filter, sort and page subscribers', params: ispParams,
      querystring: z.strictObject({
        ...pageQuery,
        sort: sortParam(subscriberSortFields, '-created_at'),
        q: z.string().max(100).optional().describe('Name, e-mail, username, account number or phone'),
        status: z.enum(subscriberStatuses).optional(),
        branch_id: z.uuid().optional(),
        plan_id: z.uuid().optional(),
      }),
      response: { 200: pageOf(subscriberDto), ...commonErrors },
    },
  }, async (req) => {
    return listSubscribers(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });

  app.post('/api/isp/:isp_id/subscribers', {
    config: { permission: 'subscriber:manage' },
    schema: { tags, summary: 'Create a subscriber', params: ispParams, body: createSubscriberBody, response: { 201: subscriberDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createSubscriber(ctx, req.tenant, req.body));
  });

  app.get('/api/isp/:isp_id/subscribers/:subscriber_id', {
    config: { permission: 'subscriber:read' },
    schema: { tags, summary: 'One subscriber', params: subParams, response: { 200: subscriberDto, ...commonErrors } },
  }, async (req) => {
    return getSubscriber(ctx, req.tenant.scope, req.params.subscriber_id);
  });

  app.patch('/api/isp/:isp_id/subscribers/:subscriber_id', {
    config: { permission: 'subscriber:manage' },
    schema: { tags, summary: 'Change a subscriber (profile, plan, branch, status, passwords)', params: subParams, body: updateSubscriberBody, response: { 200: subscriberDto, ...commonErrors } },
  }, async (req) => {
    return updateSubscriber(ctx, req.tenant, req.params.subscriber_id, req.body);
  });

  app.delete('/api/isp/:isp_id/subscribers/:subscriber_id', {
    config: { permission: 'subscriber:manage' },
    schema: { tags, summary: 'Terminate a subscriber (kept for history)', params: subParams, response: { 200: subscriberDto, ...commonErrors } },
  }, async (req) => {
    return terminateSubscriber(ctx, req.tenant, req.params.subscriber_id);
  });

  app.post('/api/isp/:isp_id/subscribers/bulk', {
    config: { permission: 'subscriber:manage' },
    schema: {
      tags, summary: 'Apply one action to many subscribers, all or nothing', params: ispParams,
      body: z.strictObject({
        ids: z.array(z.uuid()).min(1).max(500),
        action: z.enum(['activate', 'suspend', 'terminate', 'change_plan', 'move_branch']),
        plan_id: z.uuid().optional(),
        branch_id: z.uuid().optional(),
      }),
      response: { 200: z.object({ updated: z.number().int() }), ...commonErrors },
    },
  }, async (req) => {
    return bulkUpdateSubscribers(ctx, req.tenant, req.body);
  });

  // The original design's subscriber dashboard: the subscriber themself, or staff of their ISP.
  app.get('/api/user/:user_id/dashboard', {
    schema: {
      tags, summary: "A subscriber's own dashboard", params: z.object({ user_id: z.uuid() }),
      response: { 200: z.object({ subscriber: subscriberDto, plan: planDto.nullable() }), ...commonErrors },
    },
  }, async (req) => {
    const actor = requireActor(req);
    if (actor.kind === 'subscriber' && actor.id !== req.params.user_id) throw forbidden('Subscribers see only their own dashboard');
    if (actor.kind !== 'subscriber' && actor.role !== 'founder' && !can(actor.role, 'subscriber:read')) throw forbidden();
    const ispId = actor.ispId;
    if (!ispId) throw forbidden('Open the subscriber through its ISP: /api/isp/{isp_id}/subscribers/{id}');
    const scope = actor.kind === 'subscriber' ? tenantScope(ispId) : (await tenantRequest(ctx, req, ispId, 'subscriber:read')).scope;
    const subscriber = await getSubscriber(ctx, scope, req.params.user_id);
    const plan = subscriber.plan_id ? await getPlan(ctx, scope, subscriber.plan_id) : null;
    return { subscriber, plan };
  });
}
