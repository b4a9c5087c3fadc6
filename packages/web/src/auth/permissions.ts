/**
 * What each role may do, mirroring the server's permission matrix, so the UI hides what a role
 * can't use. The server stays the authority: it refuses anything this gets wrong.
 */
export type Permission =
  | 'isp:read' | 'isp:manage' | 'branch:read' | 'branch:manage' | 'staff:read' | 'staff:manage'
  | 'subscriber:read' | 'subscriber:manage' | 'plan:read' | 'plan:manage' | 'audit:read' | 'apikey:manage' | 'nas:read' | 'nas:manage'
  | 'aaa:test_login' | 'billing:read' | 'billing:manage' | 'billing:configure' | 'noc:read' | 'noc:manage'
  | 'ticket:read' | 'ticket:manage';

const all: Permission[] = ['isp:read', 'isp:manage', 'branch:read', 'branch:manage', 'staff:read', 'staff:manage',
  'subscriber:read', 'subscriber:manage', 'plan:read', 'plan:manage', 'audit:read', 'apikey:manage', 'nas:read', 'nas:manage',
  'aaa:test_login', 'billing:read', 'billing:manage', 'billing:configure', 'noc:read', 'noc:manage',
  'ticket:read', 'ticket:manage'];

const matrix: Record<string, ReadonlySet<Permission>> = {
  founder: new Set(all),
  isp_admin: new Set(all),
  billing: new Set(['isp:read', 'branch:read', 'subscriber:read', 'subscriber:manage', 'plan:read', 'plan:manage', 'billing:read', 'billing:manage',
    'billing:configure']),
  support_agent: new Set(['isp:read', 'branch:read', 'subscriber:read', 'subscriber:manage', 'plan:read', 'nas:read', 'billing:read', 'noc:read',
    'ticket:read', 'ticket:manage']),
  noc_engineer: new Set(['isp:read', 'branch:read', 'subscriber:read', 'plan:read', 'nas:read', 'nas:manage', 'aaa:test_login', 'noc:read', 'noc:manage']),
  branch_manager: new Set(['isp:read', 'branch:read', 'branch:manage', 'staff:read', 'staff:manage', 'subscriber:read', 'subscriber:manage', 'plan:read', 'aaa:test_login',
    'billing:read', 'billing:manage', 'noc:read', 'ticket:read', 'ticket:manage']),
};

export function can(role: string | undefined, p: Permission): boolean {
  return Boolean(role && matrix[role]?.has(p));
}

export const STAFF_ROLES = ['isp_admin', 'billing', 'support_agent', 'noc_engineer', 'branch_manager'] as const;

/** Roles a role may grant (nobody creates someone above themselves). */
export function grantable(role: string | undefined): (typeof STAFF_ROLES)[number][] {
  if (role === 'isp_admin' || role === 'founder') return [...STAFF_ROLES];
  // Not billing: it configures the whole ISP's billing, which a branch manager may not.
  if (role === 'branch_manager') return ['branch_manager', 'support_agent', 'noc_engineer'];
  return [];
}
