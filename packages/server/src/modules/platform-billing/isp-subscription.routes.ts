import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { withScope } from '../../platform/db/scope.ts';
import { platformInvoicePdf } from './platform-invoice-pdf.ts';
import { listPlatformInvoices } from './platform-invoices.service.ts';
import { invoiceSummaryDto } from './platform-billing.schemas.ts';
import { platformPlanAssignments, platformPlanKinds, platformPlans } from './schema.ts';

const tags = ['platform-billing'];
const subscriptionDto = z.object({
  plan: z.object({ name: z.string(), kind: z.enum(platformPlanKinds), price_minor: z.number().int(), minimum_minor: z.number().int(), currency: z.string() }).nullable(),
  start_date: z.string().nullable(),
  invoices: z.array(invoiceSummaryDto),
});

/** The ISP's read-only view of what it pays the platform: its plan and its issued invoices. */
export function registerIspSubscriptionRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/platform-subscription', {
    config: { permission: 'isp:manage' },
    schema: { tags, summary: "The ISP's SaaS plan and its platform invoices", params: z.object({ isp_id: z.uuid() }), response: { 200: subscriptionDto, ...commonErrors } },
  }, async (req) => {
    const [row] = await withScope(ctx.db, req.tenant.scope, (tx) => tx.select({ a: platformPlanAssignments, p: platformPlans }).from(platformPlanAssignments)
      .innerJoin(platformPlans, eq(platformPlans.id, platformPlanAssignments.planId)).where(eq(platformPlanAssignments.ispId, req.tenant.ispId)));
    const invoices = await listPlatformInvoices(ctx, req.tenant.scope, { limit: 200, offset: 0, isp_id: req.tenant.ispId });
    return {
      plan: row ? { name: row.p.name, kind: row.p.kind, price_minor: row.p.priceMinor, minimum_minor: row.p.minimumMinor, currency: row.p.currency.trim() } : null,
      start_date: row?.a.startDate ?? null,
      invoices: invoices.items.filter((i) => i.status !== 'draft'),
    };
  });
  app.get('/api/isp/:isp_id/platform-invoices/:invoice_id/pdf', {
    config: { permission: 'isp:manage' },
    schema: { tags, summary: 'One of the ISP\'s platform invoices as PDF', params: z.object({ isp_id: z.uuid(), invoice_id: z.uuid() }), response: { 200: z.any().describe('application/pdf'), ...commonErrors } },
  }, async (req, reply) => {
    const { name, body } = await platformInvoicePdf(ctx, req.tenant.scope, req.params.invoice_id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(body);
  });
}
