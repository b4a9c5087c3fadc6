import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { pageOf, pageQuery } from '../../platform/http/paging.ts';
import { ispToday } from './payments/ledger.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { billingRunDto, getBillingRun, listBillingRuns, startBillingRun } from './billing-run.service.ts';
import { analyticsDto, revenueAnalytics } from './analytics.service.ts';
import { getSchedule, scheduleBody, scheduleDto, updateSchedule } from './billing-schedule.service.ts';

const tags = ['billing-runs'];
const ispParams = z.object({ isp_id: z.uuid() });

export function registerBillingRunRoutes(app: Api, ctx: AppContext): void {
  app.post('/api/isp/:isp_id/billing-runs', {
    config: { permission: 'billing:configure' },
    schema: {
      tags, summary: 'Bill every due postpaid subscriber (idempotent per period); poll the run for progress', params: ispParams,
      body: z.strictObject({ as_of: z.iso.date().optional().describe('Bill periods ending on or before this day; today by default') }),
      response: { 202: billingRunDto, ...commonErrors },
    },
  }, async (req, reply) => {
    return reply.code(202).send(await startBillingRun(ctx, req.tenant, req.body.as_of ?? (await ispToday(ctx, req.tenant.scope, req.tenant.ispId))));
  });
  app.get('/api/isp/:isp_id/billing-runs', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Billing runs, newest first', params: ispParams, querystring: z.strictObject({ ...pageQuery }), response: { 200: pageOf(billingRunDto), ...commonErrors } },
  }, async (req) => {
    return listBillingRuns(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.get('/api/isp/:isp_id/billing-runs/schedule', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "The daily automatic billing run: on or off, its hour in the ISP's time zone, the next and the last one", params: ispParams, response: { 200: scheduleDto, ...commonErrors } },
  }, async (req) => {
    return getSchedule(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.patch('/api/isp/:isp_id/billing-runs/schedule', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Switch the daily automatic billing run on or off, or move its hour', params: ispParams, body: scheduleBody, response: { 200: scheduleDto, ...commonErrors } },
  }, async (req) => {
    if (req.tenant.scope.kind === 'tenant' && req.tenant.scope.branchIds) throw forbidden('The billing schedule is ISP-wide: branch staff cannot change it');
    return updateSchedule(ctx, req.tenant, req.body);
  });
  app.get('/api/isp/:isp_id/billing-runs/:run_id', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'One billing run and its progress', params: z.object({ isp_id: z.uuid(), run_id: z.uuid() }), response: { 200: billingRunDto, ...commonErrors } },
  }, async (req) => {
    return getBillingRun(ctx, req.tenant.scope, req.params.run_id);
  });
  app.get('/api/isp/:isp_id/billing/analytics', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Revenue, MRR, outstanding and overdue from real invoices', params: ispParams, response: { 200: analyticsDto, ...commonErrors } },
  }, async (req) => {
    return revenueAnalytics(ctx, req.tenant.scope, req.tenant.ispId);
  });
}
