/**
 * The system module: health, metrics of the deployment, monitoring. Knows no other module.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerSystemRoutes } from './system.routes.ts';
import { registerMonitoringRoutes } from './monitoring.routes.ts';

export const systemModule: ModuleDefinition = {
  name: 'system',
  roles: ['api'],
  routes: [registerSystemRoutes, registerMonitoringRoutes],
};
