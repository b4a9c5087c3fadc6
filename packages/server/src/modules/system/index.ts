/**
 * The system module: health, metrics of the deployment, monitoring, the platform's own settings
 * (the outbound allowance). Knows no other module.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerSystemRoutes } from './system.routes.ts';
import { registerMonitoringRoutes } from './monitoring.routes.ts';
import { registerPlatformSettingsRoutes } from './platform-settings.routes.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const systemModule: ModuleDefinition = {
  name: 'system',
  roles: ['api'],
  routes: [registerSystemRoutes, registerMonitoringRoutes, registerPlatformSettingsRoutes],
};

export { loadOutboundAllowance } from './platform-settings.service.ts';
