/**
 * The catalog module: the ISP's subscription plans (speeds, quotas, prices, RADIUS rules).
 * Below it: tenancy, aaa's policy part (the plan's RADIUS check and reply items).
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerPlanRoutes } from './plans.routes.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const catalogModule: ModuleDefinition = {
  name: 'catalog',
  roles: ['api'],
  routes: [registerPlanRoutes],
};

export { subscriptionPlans, billingPeriods, type PlanRow } from './schema.ts';
export { createPlan, createPlanBody, getPlan, listPlans, planDto, toPlanDto } from './plans.service.ts';
