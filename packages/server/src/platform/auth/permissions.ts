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
  'apikey:manage',
  'billing:read', // invoices, payments, rates, taxes, vouchers
  'billing:manage',
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
  billing: new Set<Permission>(['isp:read', 'branch:read', 'subscriber:read', 'subscriber:manage', 'plan:read', 'plan:manage', 'billing:read', 'billing:manage']),
  support_agent: new Set<Permission>(['isp:read', 'branch:read', 'subscriber:read', 'subscriber:manage', 'plan:read', 'nas:read', 'billing:read', 'noc:read',
    'ticket:read', 'ticket:manage']),
  noc_engineer: new Set<Permission>(['isp:read', 'branch:read', 'subscriber:read', 'plan:read', 'nas:read', 'nas:manage', 'noc:read', 'noc:manage']),
  // Within their branch subtree only; the database narrows every query to it.
  branch_manager: new Set<Permission>([
    'isp:read', 'branch:read', 'branch:manage', 'staff:read', 'staff:manage',
    'subscriber:read', 'subscriber:manage', 'plan:read', 'billing:read', 'billing:manage', 'noc:read',
    'ticket:read', 'ticket:manage',
  ]),
  subscriber: new Set<Permission>(['self:read', 'self:manage']),
};

export function can(role: Role, permission: Permission): boolean {
  return matrix[role].has(permission);
}

/** Scopes an API key may carry: the tenant permissions, nothing platform-wide. */
export const apiKeyScopes = tenantAll;

/** Which staff roles a role may grant: nobody creates someone above themselves. */
export function canGrant(granter: Role, role: Role): boolean {
  if (granter === 'founder' || granter === 'isp_admin') return role !== 'founder' && role !== 'subscriber';
  if (granter === 'branch_manager') return role === 'branch_manager' || role === 'support_agent' || role === 'billing' || role === 'noc_engineer';
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
