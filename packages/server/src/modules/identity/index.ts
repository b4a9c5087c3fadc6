/**
 * The identity module: founders, staff, logins, tokens, MFA, password resets, API keys, and
 * the onboarding of a new ISP with its first admin. Below it: tenancy.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { registerStaffRoutes } from './staff.routes.ts';
import { registerApiKeyRoutes } from './api-keys.routes.ts';
import { registerFounderAccountRoutes } from './founders.routes.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const identityModule: ModuleDefinition = {
  name: 'identity',
  roles: ['api'],
  routes: [registerAuthRoutes, registerFounderAccountRoutes, registerStaffRoutes, registerApiKeyRoutes],
};

export { users, founders, staffRoles, type StaffRole, type UserRow } from './schema.ts';
export { createFounder, type FounderInput } from './founders.service.ts';
export { createStaff } from './staff.service.ts';
export { createIsp } from './isp-onboarding.service.ts';
