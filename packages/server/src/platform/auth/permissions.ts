/** The one permission matrix: every route names a permission, every role maps to a set. */
export const roles = ['founder', 'isp_admin', 'billing', 'support_agent', 'noc_engineer', 'branch_manager', 'subscriber'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'platform:manage', // ISPs, founders, cross-tenant views
  'isp:read',
  'isp:manage', // the ISP's own settings and branding
  'branch:read',
  'branch:manage',
  'staff:read',
  'staff:manage',
  'subscriber:read',
  'subscriber:manage',
  'plan:read',
  'plan:manage',
  'audit:read',
  'nas:read',
  'nas:manage', // NAS devices, sessions: kick and CoA
  // "Test login": tells whether a password is a subscriber's, so it is a password oracle. Not
  // implied by any read permission; throttled and audited (aaa/test-login.routes.ts).
  'aaa:test_login',
  'apikey:manage',
  'billing:read', // invoices, payments, rates, taxes, vouchers
  'billing:manage', // a subscriber's billing: payments, invoices, subscriptions, add-ons attached
  // ISP-wide billing configuration: billing settings, tax rules, exchange rates, the coupon and
  // add-on catalogues, payment gateways, dunning, billing runs and their schedule.
  'billing:configure',
  'noc:read', // devices, metrics, alerts, incidents, SLA, logs
  'noc:manage',
  'ticket:read', // support tickets and their conversations, internal notes included
  'ticket:manage',
  'self:read',
  'self:manage',
] as const;
export type Permission = (typeof permissions)[number];

const tenantAll = permissions.filter((p) => p !== 'platform:manage' && !p.startsWith('self:'));

const matrix: Record<Role, ReadonlySet<Permission>> = {
  founder: new Set<Permission>(['platform:manage', ...tenantAll]),
  isp_admin: new Set<Permission>(tenantAll),
  billing: new Set<Permission>(['isp:read', 'branch:read', 'subscriber:read', 'subscriber:manage', 'plan:read', 'plan:manage', 'billing:read', 'billing:manage',
    'billing:configure']),
  support_agent: new Set<Permission>(['isp:read', 'branch:read', 'subscriber:read', 'subscriber:manage', 'plan:read', 'nas:read', 'billing:read', 'noc:read',
    'ticket:read', 'ticket:manage']),
  noc_engineer: new Set<Permission>(['isp:read', 'branch:read', 'subscriber:read', 'plan:read', 'nas:read', 'nas:manage', 'aaa:test_login', 'noc:read', 'noc:manage']),
  // Within their branch subtree only; the database narrows every query to it. Their own
  // subscribers' billing (payments, invoices), never the ISP-wide billing configuration.
  branch_manager: new Set<Permission>([
    'isp:read', 'branch:read', 'branch:manage', 'staff:read', 'staff:manage',
    'subscriber:read', 'subscriber:manage', 'plan:read', 'aaa:test_login', 'billing:read', 'billing:manage', 'noc:read',
    'ticket:read', 'ticket:manage',
  ]),
  subscriber: new Set<Permission>(['self:read', 'self:manage']),
};

export function can(role: Role, permission: Permission): boolean {
  return matrix[role].has(permission);
}

/** Scopes an API key may carry: the tenant permissions, nothing platform-wide. */
export const apiKeyScopes = tenantAll;

/**
 * Which staff roles a role may grant: nobody creates someone above themselves. A branch manager
 * cannot grant the billing role: it configures the whole ISP's billing, which they may not.
 */
export function canGrant(granter: Role, role: Role): boolean {
  if (granter === 'founder' || granter === 'isp_admin') return role !== 'founder' && role !== 'subscriber';
  if (granter === 'branch_manager') return role === 'branch_manager' || role === 'support_agent' || role === 'noc_engineer';
  return false;
}

/** Everything a role may do, in the order of `permissions`: what /api/auth/me tells the web. */
export function permissionsOf(role: Role): Permission[] {
  return permissions.filter((p) => matrix[role].has(p));
}

/** The roles a role may grant, in the order of `roles`. */
export function grantableRoles(granter: Role): Role[] {
  return roles.filter((r) => canGrant(granter, r));
}
