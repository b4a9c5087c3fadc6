import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { getSubscriber } from '../../subscribers/index.ts';
import { requireIspWide } from './gateways.routes.ts';
import {
  dunningActionDto, dunningSettingsBody, dunningSettingsDto, getDunningSettings, getSmsProvider, listDunningActions, putSmsProvider, runDunningForIsp,
  smsProviderBody, smsProviderDto, updateDunningSettings,
} from './dunning.service.ts';

const tags = ['dunning'];
const ispParams = z.object({ isp_id: z.uuid() });

export function registerDunningRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/dunning/settings', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Dunning: reminder days before/after the due date, grace period before suspension', params: ispParams, response: { 200: dunningSettingsDto, ...commonErrors } },
  }, async (req) => {
    return getDunningSettings(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.patch('/api/isp/:isp_id/dunning/settings', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Change the dunning settings', params: ispParams, body: dunningSettingsBody, response: { 200: dunningSettingsDto, ...commonErrors } },
  }, async (req) => {
    requireIspWide(req.tenant);
    return updateDunningSettings(ctx, req.tenant, req.body);
  });
  app.get('/api/isp/:isp_id/sms-provider', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'The SMS provider for reminders (secrets are write-only: only their names are shown)', params: ispParams, response: { 200: smsProviderDto, ...commonErrors } },
  }, async (req) => {
    return getSmsProvider(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.patch('/api/isp/:isp_id/sms-provider', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Configure the SMS provider (credentials stored encrypted)', params: ispParams, body: smsProviderBody, response: { 200: smsProviderDto, ...commonErrors } },
  }, async (req) => {
    requireIspWide(req.tenant);
    return putSmsProvider(ctx, req.tenant, req.body);
  });
  app.post('/api/isp/:isp_id/dunning/run', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Run dunning for this ISP now (the worker also runs it hourly; steps already done are not repeated)', params: ispParams,
      response: { 200: z.object({ reminders: z.number().int(), suspended: z.number().int(), restored: z.number().int(), failed: z.number().int() }), ...commonErrors } },
  }, async (req) => {
    requireIspWide(req.tenant);
    return runDunningForIsp(ctx, req.tenant.ispId);
  });
  app.get('/api/isp/:isp_id/subscribers/:subscriber_id/dunning', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "A subscriber's dunning steps: reminders, suspension, restoration", params: z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() }), response: { 200: z.array(dunningActionDto), ...commonErrors } },
  }, async (req) => {
    await getSubscriber(ctx, req.tenant.scope, req.params.subscriber_id);
    return listDunningActions(ctx, req.tenant.scope, req.params.subscriber_id);
  });
}
