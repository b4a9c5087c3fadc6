import { z } from 'zod';
import type { AppContext } from '../../../app/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { tenantRequest } from '../../../platform/http/tenant-request.ts';
import { getSubscriber } from '../../subscribers/subscribers.service.ts';
import { requireIspWide } from './gateways.routes.ts';
import {
  dunningActionDto, dunningSettingsBody, dunningSettingsDto, getDunningSettings, getSmsProvider, listDunningActions, putSmsProvider, runDunningForIsp,
  smsProviderBody, smsProviderDto, subscribeRestoreOnPayment, updateDunningSettings,
} from './dunning.service.ts';

const tags = ['dunning'];
const ispParams = z.object({ isp_id: z.uuid() });

export function registerDunningRoutes(app: Api, ctx: AppContext): void {
  subscribeRestoreOnPayment(ctx);
  app.get('/api/isp/:isp_id/dunning/settings', {
    schema: { tags, summary: 'Dunning: reminder days before/after the due date, grace period before suspension', params: ispParams, response: { 200: dunningSettingsDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return getDunningSettings(ctx, t.scope, t.ispId);
  });
  app.patch('/api/isp/:isp_id/dunning/settings', {
    schema: { tags, summary: 'Change the dunning settings', params: ispParams, body: dunningSettingsBody, response: { 200: dunningSettingsDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    requireIspWide(t);
    return updateDunningSettings(ctx, t.actor, t.scope, t.ispId, req.body);
  });
  app.get('/api/isp/:isp_id/sms-provider', {
    schema: { tags, summary: 'The SMS provider for reminders (secrets are write-only: only their names are shown)', params: ispParams, response: { 200: smsProviderDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return getSmsProvider(ctx, t.scope, t.ispId);
  });
  app.patch('/api/isp/:isp_id/sms-provider', {
    schema: { tags, summary: 'Configure the SMS provider (credentials stored encrypted)', params: ispParams, body: smsProviderBody, response: { 200: smsProviderDto, ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    requireIspWide(t);
    return putSmsProvider(ctx, t.actor, t.scope, t.ispId, req.body);
  });
  app.post('/api/isp/:isp_id/dunning/run', {
    schema: { tags, summary: 'Run dunning for this ISP now (the worker also runs it hourly; steps already done are not repeated)', params: ispParams,
      response: { 200: z.object({ reminders: z.number().int(), suspended: z.number().int(), restored: z.number().int(), failed: z.number().int() }), ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    requireIspWide(t);
    return runDunningForIsp(ctx, t.ispId);
  });
  app.get('/api/isp/:isp_id/subscribers/:subscriber_id/dunning', {
    schema: { tags, summary: "A subscriber's dunning steps: reminders, suspension, restoration", params: z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() }), response: { 200: z.array(dunningActionDto), ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    await getSubscriber(ctx, t.scope, req.params.subscriber_id);
    return listDunningActions(ctx, t.scope, req.params.subscriber_id);
  });
}
