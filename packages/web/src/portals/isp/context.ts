import { createContext, useContext } from 'react';
import type { Isp, Permission, StaffRole } from '../../api/types.ts';

export type IspScope = {
  isp: Isp;
  ispId: string;
  slug: string;
  role: string;
  /** What the account may do, as /api/auth/me lists it: the UI hides the rest, the server refuses it. */
  permissions: readonly Permission[];
  /** The staff roles the account may give to others. */
  grantableRoles: readonly StaffRole[];
  /** Set for branch managers: the root of their subtree. */
  branchId: string | null;
  base: string;
  reloadIsp: () => Promise<void>;
};

export const IspCtx = createContext<IspScope | null>(null);

export function useIsp(): IspScope & { can: (p: Permission) => boolean } {
  const c = useContext(IspCtx);
  if (!c) throw new Error('useIsp outside the ISP portal');
  return { ...c, can: (p: Permission) => c.permissions.includes(p) };
}
