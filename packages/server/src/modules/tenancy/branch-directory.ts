import { eq, sql } from 'drizzle-orm';
import type { BranchDirectory } from '../../platform/auth/branch-directory.ts';
import { rows } from '../../platform/db/scope.ts';
import { branches } from './schema.ts';

/** The platform's view of the branch tree, over the tenancy module's table. */
export const branchDirectory: BranchDirectory = {
  async ispOf(tx, branchId) {
    const [b] = await tx.select({ ispId: branches.ispId }).from(branches).where(eq(branches.id, branchId));
    return b?.ispId ?? null;
  },
  async visible(tx, branchId) {
    const [b] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, branchId));
    return b !== undefined;
  },
  async subtree(tx, rootId) {
    const found = await rows<{ id: string }>(
      tx,
      sql`WITH RECURSIVE t AS (SELECT id FROM branches WHERE id = ${rootId}
            UNION ALL SELECT b.id FROM branches b JOIN t ON b.parent_branch_id = t.id) SELECT id FROM t`,
    );
    return found.map((r) => r.id);
  },
};
