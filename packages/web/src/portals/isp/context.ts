import { createContext, useContext } from 'react';
import type { Isp } from '../../api/types.ts';
import { can, type Permission } from '../../auth/permissions.ts';

export type IspScope = {
  isp: Isp;
  ispId: string;
  slug: string;
  role: string;
  /** Set for branch managers: the root of their subtree. */
  branchId: string | null;
  base: string;
  reloadIsp: () => Promise<void>;
};

export const IspCtx = createContext<IspScope | null>(null);

export function useIsp(): IspScope & { can: (p: Permission) => boolean } {
  const c = useContext(IspCtx);
  if (!c) throw new Error('useIsp outside the ISP portal');
  return { ...c, can: (p: Permission) => can(c.role, p) };
}
