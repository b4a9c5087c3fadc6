import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { anomalyList, anomalyQuery, listAnomalies } from './anomalies.service.ts';

const tenantParams = z.object({ tenant_id: z.uuid().describe('the ISP') });

export function registerAnomalyRoutes(app: Api, ctx: AppContext): void {
  // The original design's path; the tenant is the ISP. Anomalies are NOC findings: noc:read.
  app.get('/api/ai/detect/anomalies/:tenant_id', {
    schema: { tags: ['intelligence'], summary: 'Recent anomalies: score, expected band, observed value and model version', params: tenantParams, querystring: anomalyQuery, response: { 200: anomalyList, ...commonErrors } },
    config: { permission: 'noc:read' },
  }, async (req) => listAnomalies(ctx, req.tenant.scope, req.tenant.ispId, req.query));
}
