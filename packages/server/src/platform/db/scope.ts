import { sql } from 'drizzle-orm';
import type { Database, Tx } from './database.ts';

/**
 * What a transaction may see; turned into the settings that the RLS policies read.
 * - tenant: one ISP, optionally narrowed to a branch subtree (branch staff);
 * - platform: every ISP, only on the founder's audited path and for system jobs;
 * - anonymous: nothing but what SECURITY DEFINER functions return (login, branding).
 */
export type Scope =
  | { kind: 'tenant'; ispId: string; branchIds: readonly string[] | null }
  | { kind: 'platform' }
  | { kind: 'anonymous' };

export const platformScope: Scope = { kind: 'platform' };
export const anonymousScope: Scope = { kind: 'anonymous' };
export const tenantScope = (ispId: string, branchIds: readonly string[] | null = null): Scope => ({
  kind: 'tenant',
  ispId,
  branchIds,
});

/**
 * Runs `fn` in one transaction as the RLS-bound role with the scope's settings; all are
 * transaction-local, so a pooled connection carries nothing to its next user.
 */
export function withScope<T>(db: Database, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const isp = scope.kind === 'tenant' ? scope.ispId : '';
  // An empty branch list must still mean "no branch", not "all branches".
  const branches =
    scope.kind === 'tenant' && scope.branchIds
      ? scope.branchIds.length > 0
        ? scope.branchIds.join(',')
        : '00000000-0000-0000-0000-000000000000'
      : '';
  const platform = scope.kind === 'platform' ? 'on' : '';
  const started = performance.now();
  const run = db.orm.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT set_config('role', 'astranetix_app', true), set_config('app.isp_id', ${isp}, true),
                 set_config('app.branch_ids', ${branches}, true), set_config('app.platform', ${platform}, true)`,
    );
    return fn(tx as unknown as Tx);
  }) as Promise<T>;
  const observe = db.observe;
  if (!observe) return run;
  return run.then(
    (v) => { observe((performance.now() - started) / 1000, true); return v; },
    (e: unknown) => { observe((performance.now() - started) / 1000, false); throw e; },
  );
}

/** Rows of a raw SQL statement inside a scoped transaction, whichever driver runs it. */
export async function rows<T>(tx: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
