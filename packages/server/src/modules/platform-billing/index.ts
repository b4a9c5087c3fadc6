/**
 * The platform-billing module: the founder bills the ISPs (SaaS plans, monthly runs,
 * platform invoices, MRR). Below it: tenancy, billing (its tax engine, numbering, PDF).
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerPlatformBillingRoutes } from './platform-billing.routes.ts';
import { registerIspSubscriptionRoutes } from './isp-subscription.routes.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const platformBillingModule: ModuleDefinition = {
  name: 'platform-billing',
  roles: ['api'],
  routes: [registerPlatformBillingRoutes, registerIspSubscriptionRoutes],
};

export { seedDemoPlatformBilling } from './demo.ts';
