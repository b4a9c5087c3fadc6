import type { Tx } from '../db/database.ts';

/**
 * What request scoping needs to know of an ISP's branch tree. The tenancy module owns the
 * branches table and provides this; the composition root plugs it into the context, so the
 * platform knows no module.
 */
export type BranchDirectory = {
  /** The ISP that owns a branch, read in the caller's transaction (a platform scope for founders); null when there is none. */
  ispOf(tx: Tx, branchId: string): Promise<string | null>;
  /** Whether the branch is visible in the transaction's scope (RLS narrows branch managers). */
  visible(tx: Tx, branchId: string): Promise<boolean>;
  /** The ids of a branch and every branch below it, the root first. */
  subtree(tx: Tx, rootId: string): Promise<string[]>;
};
