import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';
import { applyFunctions } from './sql-functions.ts';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * Applies the SQL files of migrations/ in name order, each once, in its own transaction; then
 * the SQL functions of migrations/functions/ whose file changed since the last start
 * (`applyFunctions`). An advisory lock lets several processes start at once against one
 * PostgreSQL.
 * `before` stops at that file, leaving it and the later ones unapplied, and the function files
 * too (tests of a migration's effect on rows written before it). `dir` reads another
 * migrations/ (tests of an upgrade from an earlier set).
 */
export async function migrate(db: Database, opts: { before?: string; dir?: string } = {}): Promise<string[]> {
  const dir = opts.dir ?? migrationsDir;
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const all = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  if (opts.before && !all.includes(opts.before)) throw new Error(`No migration ${opts.before}`);
  const files = opts.before ? all.filter((f) => f < opts.before!) : all;
  const applied: string[] = [];
  await db.query('SELECT pg_advisory_lock(7243001)');
  try {
    const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const body = withIncludes(readFileSync(path.join(dir, file), 'utf8'), dir, file);
      const name = file.replace(/'/g, "''");
      // A function included from functions/ is today's version, which may name tables of later
      // migrations: its body is checked once everything exists (applyFunctions), as pg_dump does.
      await db.exec(`BEGIN;\nSET LOCAL check_function_bodies = off;\n${body}\n;INSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`);
      applied.push(file);
    }
    if (!opts.before) applied.push(...(await applyFunctions(db, path.join(dir, 'functions'))).map((f) => `functions/${f}`));
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.query('SELECT pg_advisory_unlock(7243001)');
  }
  return applied;
}

/**
 * psql's `\ir functions/<name>.sql`: a numbered migration that needs a function for what it
 * creates (a policy, a trigger, an index expression) includes the function's one current file
 * at that point instead of restating it. The same file runs under `psql -f` unchanged.
 */
export function withIncludes(body: string, dir: string, file: string): string {
  return body.replace(/^\\ir\s+(\S+)\s*$/gm, (_line, target: string) => {
    if (!/^functions\/[a-z0-9_]+\.sql$/.test(target)) throw new Error(`${file}: \\ir may include only functions/<name>.sql, not ${target}`);
    return readFileSync(path.join(dir, target), 'utf8');
  });
}
