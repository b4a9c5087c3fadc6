import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { pageOf } from '../../../platform/http/paging.ts';
import { logDto, logQuery, searchLogs } from './logs.service.ts';

const ispParams = z.object({ isp_id: z.uuid() });

export function registerNocLogRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/noc/:isp_id/logs', {
    config: { permission: 'noc:read' },
    schema: { tags: ['noc'], summary: 'Search syslog messages and SNMP traps', params: ispParams, querystring: logQuery, response: { 200: pageOf(logDto), ...commonErrors } },
  }, async (req) => {
    return searchLogs(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
}
