import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * Applies the SQL files of migrations/ in name order, each once, in its own transaction.
 * An advisory lock lets several processes start at once against one PostgreSQL.
 * `before` stops at that file, leaving it and the later ones unapplied (tests of a migration's
 * effect on rows written before it).
 */
export async function migrate(db: Database, opts: { before?: string } = {}): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const all = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
  if (opts.before && !all.includes(opts.before)) throw new Error(`No migration ${opts.before}`);
  const files = opts.before ? all.filter((f) => f < opts.before!) : all;
  const applied: string[] = [];
  await db.query('SELECT pg_advisory_lock(7243001)');
  try {
    const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const body = readFileSync(path.join(migrationsDir, file), 'utf8');
      const name = file.replace(/'/g, "''");
      await db.exec(`BEGIN;\n${body}\n;INSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`);
      applied.push(file);
    }
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.query('SELECT pg_advisory_unlock(7243001)');
  }
  return applied;
}
