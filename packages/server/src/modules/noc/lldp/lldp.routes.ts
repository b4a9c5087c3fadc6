import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { listNeighbours, neighbourDto } from './lldp.service.ts';

const tags = ['noc'];
const deviceParams = z.object({ isp_id: z.uuid(), device_id: z.uuid() });

export function registerNocLldpRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/noc/:isp_id/devices/:device_id/neighbours', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'LLDP neighbours the device reported at its last poll, matched to known devices', params: deviceParams, response: { 200: z.array(neighbourDto), ...commonErrors } },
  }, async (req) => {
    return listNeighbours(ctx, req.tenant.scope, req.params.device_id);
  });
}
