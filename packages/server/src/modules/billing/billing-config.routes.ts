import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, conversionErrors, type Api } from '../../platform/http/api.ts';
import { pageOf, pageQuery } from '../../platform/http/paging.ts';
import { createTaxRule, createTaxRuleBody, deleteTaxRule, getSettings, getTaxRule, listTaxRules, settingsBody, settingsDto, taxRuleDto, updateSettings, updateTaxRule, updateTaxRuleBody } from './tax-rules.service.ts';
import { planPriceDto, planPrices } from './plan-prices.service.ts';
import { conversionDto, conversionQuery, createRate, createRateBody, currencyCode, deleteRate, importEcbRates, listRates, previewConversion, rateDto, updateRate, updateRateBody } from './rates.service.ts';

const ispParams = z.object({ isp_id: z.uuid() });
const ruleParams = z.object({ isp_id: z.uuid(), rule_id: z.uuid() });
const rateParams = z.object({ isp_id: z.uuid(), rate_id: z.uuid() });

/** Tax rules, the seller's billing settings and exchange rates: data the ISP edits. */
export function registerBillingConfigRoutes(app: Api, ctx: AppContext): void {
  const tags = ['taxes'];
  app.get('/api/isp/:isp_id/tax-rules', { config: { permission: 'billing:read' }, schema: { tags, summary: 'Tax rules', params: ispParams, response: { 200: z.array(taxRuleDto), ...commonErrors } } }, async (req) => {
    return listTaxRules(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.post('/api/isp/:isp_id/tax-rules', { config: { permission: 'billing:configure' }, schema: { tags, summary: 'Add a tax rule', params: ispParams, body: createTaxRuleBody, response: { 201: taxRuleDto, ...commonErrors } } }, async (req, reply) => {
    return reply.code(201).send(await createTaxRule(ctx, req.tenant, req.body));
  });
  app.get('/api/isp/:isp_id/tax-rules/:rule_id', { config: { permission: 'billing:read' }, schema: { tags, summary: 'One tax rule', params: ruleParams, response: { 200: taxRuleDto, ...commonErrors } } }, async (req) => {
    return getTaxRule(ctx, req.tenant.scope, req.params.rule_id);
  });
  app.patch('/api/isp/:isp_id/tax-rules/:rule_id', { config: { permission: 'billing:configure' }, schema: { tags, summary: 'Change a tax rule', params: ruleParams, body: updateTaxRuleBody, response: { 200: taxRuleDto, ...commonErrors } } }, async (req) => {
    return updateTaxRule(ctx, req.tenant, req.params.rule_id, req.body);
  });
  app.delete('/api/isp/:isp_id/tax-rules/:rule_id', { config: { permission: 'billing:configure' }, schema: { tags, summary: 'Remove a tax rule', params: ruleParams, response: { 204: z.null(), ...commonErrors } } }, async (req, reply) => {
    await deleteTaxRule(ctx, req.tenant, req.params.rule_id);
    return reply.code(204).send(null);
  });
  app.get('/api/isp/:isp_id/billing/settings', { config: { permission: 'billing:read' }, schema: { tags, summary: "The ISP's billing settings (tax identity, series, terms)", params: ispParams, response: { 200: settingsDto, ...commonErrors } } }, async (req) => {
    return getSettings(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.patch('/api/isp/:isp_id/billing/settings', { config: { permission: 'billing:configure' }, schema: { tags, summary: 'Change the billing settings', params: ispParams, body: settingsBody, response: { 200: settingsDto, ...commonErrors } } }, async (req) => {
    return updateSettings(ctx, req.tenant, req.body);
  });

  app.get('/api/isp/:isp_id/billing/plan-prices', {
    config: { permission: 'plan:read' },
    schema: { tags, summary: "Each plan's price with tax where the ISP is", params: ispParams, response: { 200: z.array(planPriceDto), ...commonErrors } },
  }, async (req) => {
    return planPrices(ctx, req.tenant.scope, req.tenant.ispId);
  });

  const rtags = ['exchange-rates'];
  app.get('/api/isp/:isp_id/exchange-rates', {
    config: { permission: 'billing:read' },
    schema: { tags: rtags, summary: 'Exchange rates, newest first', params: ispParams, querystring: z.strictObject({ ...pageQuery, quote: currencyCode.optional() }), response: { 200: pageOf(rateDto), ...commonErrors } },
  }, async (req) => {
    return listRates(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.get('/api/isp/:isp_id/exchange-rates/convert', {
    config: { permission: 'billing:read' },
    schema: { tags: rtags, summary: 'Convert an amount at the stored rate of a day (422 naming the pair when there is none)', params: ispParams, querystring: conversionQuery, response: { 200: conversionDto, ...conversionErrors } },
  }, async (req) => {
    return previewConversion(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.post('/api/isp/:isp_id/exchange-rates', { config: { permission: 'billing:configure' }, schema: { tags: rtags, summary: 'Enter a rate (replaces the same pair and day)', params: ispParams, body: createRateBody, response: { 201: rateDto, ...commonErrors } } }, async (req, reply) => {
    return reply.code(201).send(await createRate(ctx, req.tenant, req.body));
  });
  app.patch('/api/isp/:isp_id/exchange-rates/:rate_id', { config: { permission: 'billing:configure' }, schema: { tags: rtags, summary: 'Correct a rate', params: rateParams, body: updateRateBody, response: { 200: rateDto, ...commonErrors } } }, async (req) => {
    return updateRate(ctx, req.tenant, req.params.rate_id, req.body);
  });
  app.delete('/api/isp/:isp_id/exchange-rates/:rate_id', { config: { permission: 'billing:configure' }, schema: { tags: rtags, summary: 'Remove a rate', params: rateParams, response: { 204: z.null(), ...commonErrors } } }, async (req, reply) => {
    await deleteRate(ctx, req.tenant, req.params.rate_id);
    return reply.code(204).send(null);
  });
  app.post('/api/isp/:isp_id/exchange-rates/ecb-import', {
    config: { permission: 'billing:configure' },
    schema: {
      tags: rtags, summary: 'Import an uploaded ECB reference-rate file (eurofxref-daily.xml format)', params: ispParams,
      body: z.strictObject({ xml: z.string().min(1).max(2_000_000).describe('The file content') }),
      response: { 200: z.object({ dates: z.array(z.string()), imported: z.number().int() }), ...commonErrors },
    },
  }, async (req) => {
    return importEcbRates(ctx, req.tenant, req.body.xml);
  });
}
