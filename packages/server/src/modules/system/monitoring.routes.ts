import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { monitoringDto, monitoringSnapshot } from './monitoring.service.ts';

export function registerMonitoringRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/founder/system/metrics', {
    schema: {
      tags: ['founder'], summary: "This process's metrics (the /metrics registry) summed for the monitoring page, with live database and Redis probes",
      response: { 200: monitoringDto, ...commonErrors },
    },
  }, async (req) => {
    requireActor(req, 'platform:manage');
    return monitoringSnapshot(ctx);
  });
}
