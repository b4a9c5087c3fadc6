import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { requireActor } from '../../../platform/http/authenticate.ts';
import { networkForecastDto, networkForecastQuery } from './network.schemas.ts';
import { networkForecast } from './network.service.ts';
import { analyzeTrafficBody, analyzeTrafficDto } from './analyze.schemas.ts';
import { analyzeTraffic } from './analyze.service.ts';
import { growthForecastDto, growthForecastQuery } from './growth.schemas.ts';
import { ispGrowthForecast, platformGrowthForecast } from './growth.service.ts';

const tags = ['intelligence'];
const tenantParams = z.object({ tenant_id: z.uuid().describe('The ISP') });

/** Forecasts: per-link traffic and capacity, ad-hoc series, subscriber growth and MRR. */
export function registerForecastRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/ai/predict/network/:tenant_id', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: "Per-link traffic forecasts with prediction intervals and the day each link's busy hour reaches 80 % of its speed", params: tenantParams, querystring: networkForecastQuery, response: { 200: networkForecastDto, ...commonErrors } },
  }, async (req) => {
    return networkForecast(ctx, req.tenant.scope, req.query, ctx.clock?.() ?? new Date());
  });
  app.post('/api/ai/analyze/traffic', {
    schema: { tags, summary: 'Forecast with prediction intervals for a series sent in the body (nothing is stored)', body: analyzeTrafficBody, response: { 200: analyzeTrafficDto, ...commonErrors } },
  }, async (req) => {
    requireActor(req, 'noc:read');
    return analyzeTraffic(req.body);
  });
  app.get('/api/ai/predict/growth/:tenant_id', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Subscribers billed and MRR per month, with the next months forecast', params: tenantParams, querystring: growthForecastQuery, response: { 200: growthForecastDto, ...commonErrors } },
  }, async (req) => {
    return ispGrowthForecast(ctx, req.tenant.scope, req.tenant.ispId, req.query.months);
  });
  app.get('/api/founder/forecast/growth', {
    schema: { tags: ['founder'], summary: "Platform-wide subscribers billed and the platform's MRR per month, with the next months forecast", querystring: growthForecastQuery, response: { 200: growthForecastDto, ...commonErrors } },
  }, async (req) => platformGrowthForecast(ctx, requireActor(req, 'platform:manage'), req.query.months));
}
