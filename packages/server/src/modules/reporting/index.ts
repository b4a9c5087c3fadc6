/**
 * The reporting module: dashboards and figures across modules, the audit trail. The top of
 * the order: it may read every module, and none reads it.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { registerDashboardRoutes } from './dashboards.routes.ts';

export const reportingModule: ModuleDefinition = {
  name: 'reporting',
  roles: ['api'],
  routes: [registerDashboardRoutes, registerAuditRoutes],
};
