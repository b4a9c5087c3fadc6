import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { pageOf } from '../../platform/http/paging.ts';
import { platformScope } from '../../platform/db/scope.ts';
import { listPlatformRuns, runPlatformBilling } from './billing-run.service.ts';
import { platformMetrics } from './metrics.service.ts';
import { platformInvoicePdf } from './platform-invoice-pdf.ts';
import { getPlatformInvoice, issuePlatformInvoice, listPlatformInvoices, recordPlatformPayment, voidPlatformInvoice } from './platform-invoices.service.ts';
import {
  assignBody, assignmentDto, invoiceDto, invoiceListQuery, invoiceSummaryDto, metricsDto, paymentBody, planBody, planDto, planPatch, runBody, runDto,
  settingsBody, settingsDto, voidBody,
} from './platform-billing.schemas.ts';
import {
  assignPlatformPlan, createPlatformPlan, getPlatformSettings, listAssignments, listPlatformPlans, updatePlatformPlan, updatePlatformSettings,
} from './plans.service.ts';

const tags = ['platform-billing'];
const invParams = z.object({ invoice_id: z.uuid() });
const pdf = z.any().describe('application/pdf');

/** The founder's SaaS billing: settings, plans, assignments, the monthly run, invoices and payments. */
export function registerPlatformBillingRoutes(app: Api, ctx: AppContext): void {
  const founder = (req: Parameters<typeof requireActor>[0]) => requireActor(req, 'platform:manage');

  app.get('/api/founder/platform-billing/settings', {
    schema: { tags, summary: "The platform's invoicing details, currency and tax", response: { 200: settingsDto, ...commonErrors } },
  }, async (req) => { founder(req); return getPlatformSettings(ctx); });
  app.patch('/api/founder/platform-billing/settings', {
    schema: { tags, summary: "Change the platform's invoicing details", body: settingsBody, response: { 200: settingsDto, ...commonErrors } },
  }, async (req) => updatePlatformSettings(ctx, founder(req), req.body));

  app.get('/api/founder/saas-plans', {
    schema: { tags, summary: 'SaaS plans', response: { 200: z.array(planDto), ...commonErrors } },
  }, async (req) => { founder(req); return listPlatformPlans(ctx); });
  app.post('/api/founder/saas-plans', {
    schema: { tags, summary: 'Create a SaaS plan (flat or per active subscriber, in the platform currency)', body: planBody, response: { 201: planDto, ...commonErrors } },
  }, async (req, reply) => reply.code(201).send(await createPlatformPlan(ctx, founder(req), req.body)));
  app.patch('/api/founder/saas-plans/:plan_id', {
    schema: { tags, summary: 'Change or archive a SaaS plan', params: z.object({ plan_id: z.uuid() }), body: planPatch, response: { 200: planDto, ...commonErrors } },
  }, async (req) => updatePlatformPlan(ctx, founder(req), req.params.plan_id, req.body));

  app.get('/api/founder/saas-assignments', {
    schema: { tags, summary: 'Which ISP is on which SaaS plan', response: { 200: z.array(assignmentDto), ...commonErrors } },
  }, async (req) => { founder(req); return listAssignments(ctx); });
  app.put('/api/founder/isp/:isp_id/saas-assignment', {
    schema: { tags, summary: 'Put an ISP on a SaaS plan', params: z.object({ isp_id: z.uuid() }), body: assignBody, response: { 200: assignmentDto, ...commonErrors } },
  }, async (req) => assignPlatformPlan(ctx, founder(req), req.params.isp_id, req.body));

  app.post('/api/founder/platform-billing/runs', {
    schema: { tags, summary: 'Bill one month to every ISP on a plan (idempotent per month)', body: runBody, response: { 201: runDto, ...commonErrors } },
  }, async (req, reply) => reply.code(201).send(await runPlatformBilling(ctx, founder(req), req.body)));
  app.get('/api/founder/platform-billing/runs', {
    schema: { tags, summary: 'Recent platform billing runs', response: { 200: z.array(runDto), ...commonErrors } },
  }, async (req) => { founder(req); return listPlatformRuns(ctx); });

  app.get('/api/founder/platform-billing/metrics', {
    schema: { tags, summary: 'MRR, ARR, churn and revenue per ISP from the platform invoices', response: { 200: metricsDto, ...commonErrors } },
  }, async (req) => platformMetrics(ctx, founder(req)));

  app.get('/api/founder/platform-invoices', {
    schema: { tags, summary: 'Platform invoices to ISPs', querystring: invoiceListQuery, response: { 200: pageOf(invoiceSummaryDto), ...commonErrors } },
  }, async (req) => { founder(req); return listPlatformInvoices(ctx, platformScope, req.query); });
  app.get('/api/founder/platform-invoices/:invoice_id', {
    schema: { tags, summary: 'One platform invoice with lines, taxes and payments', params: invParams, response: { 200: invoiceDto, ...commonErrors } },
  }, async (req) => { founder(req); return getPlatformInvoice(ctx, platformScope, req.params.invoice_id); });
  app.get('/api/founder/platform-invoices/:invoice_id/pdf', {
    schema: { tags, summary: 'A platform invoice as PDF', params: invParams, response: { 200: pdf, ...commonErrors } },
  }, async (req, reply) => {
    founder(req);
    const { name, body } = await platformInvoicePdf(ctx, platformScope, req.params.invoice_id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(body);
  });
  app.post('/api/founder/platform-invoices/:invoice_id/issue', {
    schema: { tags, summary: 'Issue a draft (next gapless number of the platform series)', params: invParams, response: { 200: invoiceDto, ...commonErrors } },
  }, async (req) => issuePlatformInvoice(ctx, founder(req), req.params.invoice_id));
  app.post('/api/founder/platform-invoices/:invoice_id/void', {
    schema: { tags, summary: 'Void an unpaid platform invoice', params: invParams, body: voidBody, response: { 200: invoiceDto, ...commonErrors } },
  }, async (req) => voidPlatformInvoice(ctx, founder(req), req.params.invoice_id, req.body.reason));
  app.post('/api/founder/platform-invoices/:invoice_id/payments', {
    schema: { tags, summary: "Record an ISP's payment against a platform invoice", params: invParams, body: paymentBody, response: { 201: invoiceDto, ...commonErrors } },
  }, async (req, reply) => reply.code(201).send(await recordPlatformPayment(ctx, founder(req), req.params.invoice_id, req.body)));
}
