import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { tenantRequest } from '../../platform/http/tenant-request.ts';
import { addCharge, cancelSubscription, changePlan, previewPlanChange, changePlanBody, chargeBody, chargeDto, createSubscription, createSubscriptionBody, getSubscriptionOf, subscriptionDto } from './subscriptions.service.ts';
import { billingProfileBody, billingProfileDto, getBillingProfile, putBillingProfile } from './billing-profiles.service.ts';
import { rechargeSubscriber } from './recharge.service.ts';
import { invoiceDto } from './invoice-dto.ts';

const tags = ['subscriptions'];
const subParams = z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() });
const base = '/api/isp/:isp_id/subscribers/:subscriber_id';

export function registerSubscriptionRoutes(app: Api, ctx: AppContext): void {
  app.get(`${base}/subscription`, {
    schema: { tags, summary: "A subscriber's subscriptions and pending charges", params: subParams, response: { 200: z.object({ subscriptions: z.array(subscriptionDto), charges: z.array(chargeDto) }), ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return getSubscriptionOf(ctx, t.scope, req.params.subscriber_id);
  });
  app.post(`${base}/subscription`, {
    schema: { tags, summary: 'Start a prepaid or postpaid subscription', params: subParams, body: createSubscriptionBody, response: { 201: subscriptionDto, ...commonErrors } },
  }, async (req, reply) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:manage');
    return reply.code(201).send(await createSubscription(ctx, t.actor, t.scope, req.params.subscriber_id, req.body));
  });
  app.post(`${base}/subscription/change-plan`, {
    schema: { tags, summary: 'Change plan mid-cycle with pro-rated charge and credit', params: subParams, body: changePlanBody,
      response: { 200: z.object({ subscription: subscriptionDto, proration: z.array(z.object({ description: z.string(), amount: z.number().int(), currency: z.string() })) }), ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:manage');
    return changePlan(ctx, t.actor, t.scope, req.params.subscriber_id, req.body);
  });
  app.post(`${base}/subscription/change-plan/preview`, {
    schema: { tags, summary: 'What a plan change would charge and credit (changes nothing)', params: subParams, body: changePlanBody,
      response: { 200: z.object({ effective_date: z.string(), proration: z.array(z.object({ description: z.string(), amount: z.number().int(), currency: z.string() })), new_price_minor: z.number().int(), new_currency: z.string() }), ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return previewPlanChange(ctx, t.scope, req.params.subscriber_id, req.body);
  });
  app.post(`${base}/subscription/cancel`, {
    schema: { tags, summary: 'Cancel the active subscription', params: subParams, response: { 200: subscriptionDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:manage');
    return cancelSubscription(ctx, t.actor, t.scope, req.params.subscriber_id);
  });
  app.post(`${base}/charges`, {
    schema: { tags, summary: 'Add a one-time fee (installation) to the next invoice', params: subParams, body: chargeBody, response: { 201: chargeDto, ...commonErrors } },
  }, async (req, reply) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:manage');
    return reply.code(201).send(await addCharge(ctx, t.actor, t.scope, req.params.subscriber_id, req.body));
  });
  app.post(`${base}/recharge`, {
    schema: { tags, summary: 'Prepaid recharge: invoice the plan and extend the service', params: subParams, response: { 201: invoiceDto, ...commonErrors } },
  }, async (req, reply) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:manage');
    return reply.code(201).send(await rechargeSubscriber(ctx, t.actor, t.scope, req.params.subscriber_id));
  });
  app.get(`${base}/billing-profile`, {
    schema: { tags, summary: "A subscriber's tax location, tax ID and billing currency", params: subParams, response: { 200: billingProfileDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return getBillingProfile(ctx, t.scope, req.params.subscriber_id);
  });
  app.put(`${base}/billing-profile`, {
    schema: { tags, summary: "Set a subscriber's tax location, tax ID and billing currency", params: subParams, body: billingProfileBody, response: { 200: billingProfileDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:manage');
    return putBillingProfile(ctx, t.actor, t.scope, req.params.subscriber_id, req.body);
  });
}
