import { describe, expect, it } from 'vitest';
import { can, canGrant, permissions, roles, type Role } from './permissions.ts';
import * as web from '../../../../web/src/auth/permissions.ts';

// The web hides what a role cannot use from its own copy of the matrix: it must say what this one says.
const staffPermissions = permissions.filter((p) => p !== 'platform:manage' && !p.startsWith('self:'));
const staffRoles = roles.filter((r) => r !== 'subscriber');

describe("the web's copy of the permission matrix", () => {
  it('grants each staff role exactly what the server grants', () => {
    const differences = staffRoles.flatMap((role) => staffPermissions
      .filter((p) => web.can(role, p as web.Permission) !== can(role, p))
      .map((p) => `${role} ${p}: server ${can(role, p)}`));
    expect(differences).toEqual([]);
  });

  it('lets each role grant the roles the server lets it grant', () => {
    for (const granter of staffRoles) {
      expect([...web.grantable(granter)].sort(), granter).toEqual(web.STAFF_ROLES.filter((r) => canGrant(granter, r as Role)).sort());
    }
  });
});

describe('billing and test login', () => {
  it('ISP-wide billing configuration is for ISP admins and the billing role; a branch manager keeps their subscribers\' billing', () => {
    expect(roles.filter((r) => can(r, 'billing:configure'))).toEqual(['founder', 'isp_admin', 'billing']);
    expect(can('branch_manager', 'billing:manage')).toBe(true);
    expect(can('branch_manager', 'billing:read')).toBe(true);
  });

  it('test login is its own permission, not implied by reading subscribers', () => {
    expect(roles.filter((r) => can(r, 'aaa:test_login'))).toEqual(['founder', 'isp_admin', 'noc_engineer', 'branch_manager']);
    expect(roles.filter((r) => can(r, 'subscriber:read') && !can(r, 'aaa:test_login'))).toEqual(['billing', 'support_agent']);
  });
});
