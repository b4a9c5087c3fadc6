import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { badRequest } from '../../platform/http/errors.ts';
import { sql } from 'drizzle-orm';
import { rows, withScope } from '../../platform/db/scope.ts';
import { self } from '../subscribers/index.ts';
import { listPlans } from '../catalog/index.ts';
import { changePlan, previewPlanChange, subscriptionDto } from './subscriptions.service.ts';

const tags = ['self-service'];
const proration = z.array(z.object({ description: z.string(), amount: z.number().int(), currency: z.string() }));
const body = z.strictObject({ plan_id: z.uuid() });
const ownPlanDto = z.object({
  id: z.string(), name: z.string(), description: z.string().nullable(), download_kbps: z.number().int(), upload_kbps: z.number().int(),
  price_minor: z.number().int(), currency: z.string(), billing_period: z.string(), current: z.boolean(),
});


/**
 * Upgrades and downgrades from the self-service portal: the ISP's active plans, the pro-rated
 * charge and credit of a change, and the change itself, effective today, through the same
 * service as the staff's plan change (audit row, AAA speed change by CoA). The ISP keeps a plan
 * off this list by archiving it.
 */
/** Only plans the ISP sells now: an archived plan is not offered to subscribers. */
async function assertOffered(ctx: AppContext, me: ReturnType<typeof self>, planId: string) {
  const offered = await listPlans(ctx, me.scope, me.ispId, 'active');
  if (!offered.some((p) => p.id === planId)) throw badRequest('This plan is not offered', [{ pointer: '/body/plan_id', detail: 'not an active plan of your provider' }]);
}

export function registerSelfPlanChangeRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/me/plans', {
    schema: { tags, summary: 'The plans the logged-in subscriber can move to, and their own', response: { 200: z.array(ownPlanDto), ...commonErrors } },
  }, async (req) => {
    const me = self(requireActor(req, 'self:read'));
    const [plans, [sub]] = await Promise.all([
      listPlans(ctx, me.scope, me.ispId, 'active'),
      withScope(ctx.db, me.scope, (tx) => rows<{ plan_id: string | null }>(tx, sql`SELECT plan_id FROM subscribers WHERE id = ${me.id}`)),
    ]);
    return plans.map((p) => ({
      id: p.id, name: p.name, description: p.description, download_kbps: p.download_kbps, upload_kbps: p.upload_kbps, price_minor: p.price_minor,
      currency: p.currency, billing_period: p.billing_period, current: p.id === sub?.plan_id,
    }));
  });
  app.post('/api/me/plan-change/preview', {
    schema: { tags, summary: 'What moving to another plan today would charge and credit (changes nothing)', body,
      response: { 200: z.object({ effective_date: z.string(), proration, new_price_minor: z.number().int(), new_currency: z.string() }), ...commonErrors } },
  }, async (req) => {
    const me = self(requireActor(req, 'self:read'));
    await assertOffered(ctx, me, req.body.plan_id);
    return previewPlanChange(ctx, me.scope, me.id, { plan_id: req.body.plan_id });
  });
  app.post('/api/me/plan-change', {
    schema: { tags, summary: 'Move to another plan today, with the pro-rated charge and credit on the next invoice', body,
      response: { 200: z.object({ subscription: subscriptionDto, proration }), ...commonErrors } },
  }, async (req) => {
    const me = self(requireActor(req, 'self:manage'));
    await assertOffered(ctx, me, req.body.plan_id);
    return changePlan(ctx, me, me.id, { plan_id: req.body.plan_id });
  });
}
