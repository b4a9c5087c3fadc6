import { startPeriodic } from '../jobs/periodic.ts';
import type { Database } from './database.ts';

/**
 * PGlite runs without autovacuum, so nothing refreshes the planner's statistics while the
 * process lives. That costs more than row estimates: a plan that PostgreSQL caches for the
 * life of the connection, such as a foreign-key check's `SELECT 1 FROM invoices WHERE id = $1`,
 * is made while the table is small, as a sequential scan, and stays one until the table's
 * statistics change; every child row inserted afterwards then reads the whole parent table,
 * and a bulk job slows down with the square of its size. ANALYZE rewrites the table's pg_class
 * row, which invalidates those plans, and the next check is planned on the real size.
 *
 * A table is analysed by PostgreSQL's default autoanalyze rule: more than 50 rows plus
 * `scale` (10 %) of its rows changed since the last ANALYZE. The change is read two ways: the
 * statistics' count (which PGlite flushes lazily) and the table's growth on disk in pages
 * (exact at once, so a bulk job's first batch already counts).
 * On PostgreSQL this does nothing: its autovacuum does the same.
 */
export async function analyzeStale(db: Database, scale = 0.1): Promise<string[]> {
  if (db.kind !== 'pglite') return [];
  const stale = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        AND (coalesce(s.n_mod_since_analyze, 0) > 50 + $1::float8 * greatest(c.reltuples, 0)
             OR pg_relation_size(c.oid) / current_setting('block_size')::int > 8 + (1 + $1::float8) * c.relpages)
      ORDER BY 1`,
    [scale],
  );
  if (stale.length === 0) return [];
  const names = stale.map((r) => r.name);
  await db.exec(`ANALYZE ${names.join(', ')}`);
  return names;
}

/**
 * Runs analyzeStale every `everyMs` (PostgreSQL's autovacuum_naptime is a minute) for the life
 * of an embedded server; returns the stop function. Nothing is started on PostgreSQL.
 */
export function startAutoAnalyze(db: Database, onError: (err: unknown) => void, everyMs = 60_000): () => void {
  if (db.kind !== 'pglite') return () => undefined;
  return startPeriodic(() => analyzeStale(db), everyMs, onError);
}
