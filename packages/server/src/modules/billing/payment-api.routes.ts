import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { badRequest, conflict } from '../../platform/http/errors.ts';
import { tenantRequest } from '../../platform/http/tenant-request.ts';
import { ispToday } from './payments/ledger.ts';
import { billingRunDto, startBillingRun } from './billing-run.service.ts';
import { analyticsDto, revenueAnalytics } from './analytics.service.ts';
import { invoiceSummaryDto } from './invoice-dto.ts';
import { listInvoices } from './invoices.service.ts';
import { rechargeSubscriber } from './recharge.service.ts';
import { getSubscriptionOf } from './subscriptions.service.ts';

const tags = ['invoices'];

/** Routes of the original design, on top of the same services as the /api/isp/... routes. */
export function registerPaymentApiRoutes(app: Api, ctx: AppContext): void {
  app.post('/api/payment/invoice/generate', {
    schema: {
      tags, summary: "Invoice one subscriber now: the due postpaid periods, or a prepaid recharge",
      body: z.strictObject({ isp_id: z.uuid().optional().describe("Founders name the ISP; staff act in their own"), subscriber_id: z.uuid(), as_of: z.iso.date().optional() }),
      response: { 201: z.object({ run: billingRunDto.nullable(), invoices: z.array(invoiceSummaryDto) }), ...commonErrors },
    },
  }, async (req, reply) => {
    const actor = requireActor(req, 'billing:manage');
    const ispId = req.body.isp_id ?? actor.ispId;
    if (!ispId) throw badRequest('isp_id is required', [{ pointer: '/body/isp_id', detail: 'required for platform users' }]);
    const t = await tenantRequest(ctx, req, ispId, 'billing:manage');
    const { subscriptions } = await getSubscriptionOf(ctx, t.scope, req.body.subscriber_id);
    const active = subscriptions.find((s) => s.status === 'active');
    if (!active) throw conflict('The subscriber has no active subscription');
    if (active.kind === 'prepaid') {
      const inv = await rechargeSubscriber(ctx, t, req.body.subscriber_id);
      return reply.code(201).send({ run: null, invoices: [inv] });
    }
    const run = await startBillingRun(ctx, t, req.body.as_of ?? (await ispToday(ctx, t.scope, t.ispId)), { wait: true, subscriberId: req.body.subscriber_id });
    if (run.invoiced === 0) throw conflict('Nothing is due for this subscriber yet');
    const page = await listInvoices(ctx, t.scope, t.ispId, { limit: run.invoiced, offset: 0, sort: '-created_at', subscriber_id: req.body.subscriber_id, kind: 'invoice' });
    return reply.code(201).send({ run, invoices: page.items });
  });
  app.get('/api/payment/analytics/:tenant_id', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Revenue and MRR of an ISP (tenant) from its invoices', params: z.object({ tenant_id: z.uuid() }), response: { 200: analyticsDto, ...commonErrors } },
  }, async (req) => {
    return revenueAnalytics(ctx, req.tenant.scope, req.tenant.ispId);
  });
}
