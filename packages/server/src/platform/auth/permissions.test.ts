import { describe, expect, it } from 'vitest';
import { can, roles } from './permissions.ts';

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
