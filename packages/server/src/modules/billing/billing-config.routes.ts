import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { commonErrors, conversionErrors, type Api } from '../../platform/http/api.ts';
import { pageOf, pageQuery } from '../../platform/http/paging.ts';
import { tenantRequest } from '../../platform/http/tenant-request.ts';
import { createTaxRule, createTaxRuleBody, deleteTaxRule, getSettings, getTaxRule, listTaxRules, settingsBody, settingsDto, taxRuleDto, updateSettings, updateTaxRule, updateTaxRuleBody } from './tax-rules.service.ts';
import { planPriceDto, planPrices } from './plan-prices.service.ts';
import { conversionDto, conversionQuery, createRate, createRateBody, currencyCode, deleteRate, importEcbRates, listRates, previewConversion, rateDto, updateRate, updateRateBody } from './rates.service.ts';

const ispParams = z.object({ isp_id: z.uuid() });
const ruleParams = z.object({ isp_id: z.uuid(), rule_id: z.uuid() });
const rateParams = z.object({ isp_id: z.uuid(), rate_id: z.uuid() });

/** Tax rules, the seller's billing settings and exchange rates: data the ISP edits. */
export function registerBillingConfigRoutes(app: Api, ctx: AppContext): void {
  const tags = ['taxes'];
  app.get('/api/isp/:isp_id/tax-rules', { schema: { tags, summary: 'Tax rules', params: ispParams, response: { 200: z.array(taxRuleDto), ...commonErrors } } }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return listTaxRules(ctx, t.scope, t.ispId);
  });
  app.post('/api/isp/:isp_id/tax-rules', { schema: { tags, summary: 'Add a tax rule', params: ispParams, body: createTaxRuleBody, response: { 201: taxRuleDto, ...commonErrors } } }, async (req, reply) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    return reply.code(201).send(await createTaxRule(ctx, t.actor, t.scope, t.ispId, req.body));
  });
  app.get('/api/isp/:isp_id/tax-rules/:rule_id', { schema: { tags, summary: 'One tax rule', params: ruleParams, response: { 200: taxRuleDto, ...commonErrors } } }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return getTaxRule(ctx, t.scope, req.params.rule_id);
  });
  app.patch('/api/isp/:isp_id/tax-rules/:rule_id', { schema: { tags, summary: 'Change a tax rule', params: ruleParams, body: updateTaxRuleBody, response: { 200: taxRuleDto, ...commonErrors } } }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    return updateTaxRule(ctx, t.actor, t.scope, req.params.rule_id, req.body);
  });
  app.delete('/api/isp/:isp_id/tax-rules/:rule_id', { schema: { tags, summary: 'Remove a tax rule', params: ruleParams, response: { 204: z.null(), ...commonErrors } } }, async (req, reply) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    await deleteTaxRule(ctx, t.actor, t.scope, req.params.rule_id);
    return reply.code(204).send(null);
  });
  app.get('/api/isp/:isp_id/billing/settings', { schema: { tags, summary: "The ISP's billing settings (tax identity, series, terms)", params: ispParams, response: { 200: settingsDto, ...commonErrors } } }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return getSettings(ctx, t.scope, t.ispId);
  });
  app.patch('/api/isp/:isp_id/billing/settings', { schema: { tags, summary: 'Change the billing settings', params: ispParams, body: settingsBody, response: { 200: settingsDto, ...commonErrors } } }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    return updateSettings(ctx, t.actor, t.scope, t.ispId, req.body);
  });

  app.get('/api/isp/:isp_id/billing/plan-prices', {
    schema: { tags, summary: "Each plan's price with tax where the ISP is", params: ispParams, response: { 200: z.array(planPriceDto), ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'plan:read');
    return planPrices(ctx, t.scope, t.ispId);
  });

  const rtags = ['exchange-rates'];
  app.get('/api/isp/:isp_id/exchange-rates', {
    schema: { tags: rtags, summary: 'Exchange rates, newest first', params: ispParams, querystring: z.strictObject({ ...pageQuery, quote: currencyCode.optional() }), response: { 200: pageOf(rateDto), ...commonErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return listRates(ctx, t.scope, t.ispId, req.query);
  });
  app.get('/api/isp/:isp_id/exchange-rates/convert', {
    schema: { tags: rtags, summary: 'Convert an amount at the stored rate of a day (422 naming the pair when there is none)', params: ispParams, querystring: conversionQuery, response: { 200: conversionDto, ...conversionErrors } },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:read');
    return previewConversion(ctx, t.scope, t.ispId, req.query);
  });
  app.post('/api/isp/:isp_id/exchange-rates', { schema: { tags: rtags, summary: 'Enter a rate (replaces the same pair and day)', params: ispParams, body: createRateBody, response: { 201: rateDto, ...commonErrors } } }, async (req, reply) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    return reply.code(201).send(await createRate(ctx, t.actor, t.scope, t.ispId, req.body));
  });
  app.patch('/api/isp/:isp_id/exchange-rates/:rate_id', { schema: { tags: rtags, summary: 'Correct a rate', params: rateParams, body: updateRateBody, response: { 200: rateDto, ...commonErrors } } }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    return updateRate(ctx, t.actor, t.scope, req.params.rate_id, req.body);
  });
  app.delete('/api/isp/:isp_id/exchange-rates/:rate_id', { schema: { tags: rtags, summary: 'Remove a rate', params: rateParams, response: { 204: z.null(), ...commonErrors } } }, async (req, reply) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    await deleteRate(ctx, t.actor, t.scope, req.params.rate_id);
    return reply.code(204).send(null);
  });
  app.post('/api/isp/:isp_id/exchange-rates/ecb-import', {
    schema: {
      tags: rtags, summary: 'Import an uploaded ECB reference-rate file (eurofxref-daily.xml format)', params: ispParams,
      body: z.strictObject({ xml: z.string().min(1).max(2_000_000).describe('The file content') }),
      response: { 200: z.object({ dates: z.array(z.string()), imported: z.number().int() }), ...commonErrors },
    },
  }, async (req) => {
    const t = await tenantRequest(ctx, req, req.params.isp_id, 'billing:configure');
    return importEcbRates(ctx, t.actor, t.scope, t.ispId, req.body.xml);
  });
}
