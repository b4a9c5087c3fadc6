import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { addCharge, cancelSubscription, changePlan, previewPlanChange, changePlanBody, chargeBody, chargeDto, createSubscription, createSubscriptionBody, getSubscriptionOf, subscriptionDto } from './subscriptions.service.ts';
import { billingProfileBody, billingProfileDto, getBillingProfile, putBillingProfile } from './billing-profiles.service.ts';
import { rechargeSubscriber } from './recharge.service.ts';
import { invoiceDto } from './invoice-dto.ts';

const tags = ['subscriptions'];
const subParams = z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() });
const base = '/api/isp/:isp_id/subscribers/:subscriber_id';

export function registerSubscriptionRoutes(app: Api, ctx: AppContext): void {
  app.get(`${base}/subscription`, {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "A subscriber's subscriptions and pending charges", params: subParams, response: { 200: z.object({ subscriptions: z.array(subscriptionDto), charges: z.array(chargeDto) }), ...commonErrors } },
  }, async (req) => {
    return getSubscriptionOf(ctx, req.tenant.scope, req.params.subscriber_id);
  });
  app.post(`${base}/subscription`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Start a prepaid or postpaid subscription', params: subParams, body: createSubscriptionBody, response: { 201: subscriptionDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createSubscription(ctx, req.tenant, req.params.subscriber_id, req.body));
  });
  app.post(`${base}/subscription/change-plan`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Change plan mid-cycle with pro-rated charge and credit', params: subParams, body: changePlanBody,
      response: { 200: z.object({ subscription: subscriptionDto, proration: z.array(z.object({ description: z.string(), amount: z.number().int(), currency: z.string() })) }), ...commonErrors } },
  }, async (req) => {
    return changePlan(ctx, req.tenant, req.params.subscriber_id, req.body);
  });
  app.post(`${base}/subscription/change-plan/preview`, {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'What a plan change would charge and credit (changes nothing)', params: subParams, body: changePlanBody,
      response: { 200: z.object({ effective_date: z.string(), proration: z.array(z.object({ description: z.string(), amount: z.number().int(), currency: z.string() })), new_price_minor: z.number().int(), new_currency: z.string() }), ...commonErrors } },
  }, async (req) => {
    return previewPlanChange(ctx, req.tenant.scope, req.params.subscriber_id, req.body);
  });
  app.post(`${base}/subscription/cancel`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Cancel the active subscription', params: subParams, response: { 200: subscriptionDto, ...commonErrors } },
  }, async (req) => {
    return cancelSubscription(ctx, req.tenant, req.params.subscriber_id);
  });
  app.post(`${base}/charges`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Add a one-time fee (installation) to the next invoice', params: subParams, body: chargeBody, response: { 201: chargeDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await addCharge(ctx, req.tenant, req.params.subscriber_id, req.body));
  });
  app.post(`${base}/recharge`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Prepaid recharge: invoice the plan and extend the service', params: subParams, response: { 201: invoiceDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await rechargeSubscriber(ctx, req.tenant, req.params.subscriber_id));
  });
  app.get(`${base}/billing-profile`, {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "A subscriber's tax location, tax ID and billing currency", params: subParams, response: { 200: billingProfileDto, ...commonErrors } },
  }, async (req) => {
    return getBillingProfile(ctx, req.tenant.scope, req.params.subscriber_id);
  });
  app.put(`${base}/billing-profile`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: "Set a subscriber's tax location, tax ID and billing currency", params: subParams, body: billingProfileBody, response: { 200: billingProfileDto, ...commonErrors } },
  }, async (req) => {
    return putBillingProfile(ctx, req.tenant, req.params.subscriber_id, req.body);
  });
}
