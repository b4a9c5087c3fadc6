import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './database.ts';

/**
 * Each SQL function lives in one current file, migrations/functions/<name>.sql: a
 * CREATE OR REPLACE FUNCTION <name> with its GRANT/REVOKE, so its definition is read in one
 * place instead of being restated by every migration that changed it. After the numbered
 * migrations, every file whose content changed since it was last applied (its SHA-256 in
 * schema_functions), or whose function is missing, is applied, all in one transaction.
 *
 * Bodies are checked after all files ran, by each language's own validator, before the
 * transaction commits: one file may call a function of another, whatever their order.
 *
 * A function whose arguments or result type change cannot be replaced in place: a numbered
 * migration drops the old one (DROP FUNCTION IF EXISTS), and its file creates the new one.
 * A function no longer wanted is dropped by a numbered migration and its file deleted.
 */
export async function applyFunctions(db: Database, dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_functions (
    name text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const known = new Map((await db.query<{ name: string; sha256: string }>('SELECT name, sha256 FROM schema_functions')).map((r) => [r.name, r.sha256]));
  const present = new Set((await db.query<{ name: string }>(
    `SELECT DISTINCT proname::text AS name FROM pg_proc WHERE pronamespace = 'public'::regnamespace`)).map((r) => r.name));
  const due: Array<{ name: string; body: string; sha256: string }> = [];
  for (const file of files) {
    const name = file.slice(0, -'.sql'.length);
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migrations/functions/${file}: a function file is named <function name>.sql`);
    const body = readFileSync(path.join(dir, file), 'utf8');
    if (!new RegExp(`^CREATE OR REPLACE FUNCTION ${name}\\(`, 'm').test(body)) {
      throw new Error(`migrations/functions/${file} must define the function ${name} with CREATE OR REPLACE FUNCTION`);
    }
    const sha256 = createHash('sha256').update(body).digest('hex');
    if (known.get(name) !== sha256 || !present.has(name)) due.push({ name, body, sha256 });
  }
  if (!due.length) return [];
  const names = due.map((f) => `'${f.name}'`).join(', ');
  const record = due.map((f) => `('${f.name}', '${f.sha256}')`).join(', ');
  await db.exec(`BEGIN;
SET LOCAL check_function_bodies = off;
${due.map((f) => f.body).join('\n;\n')}
;
SET LOCAL check_function_bodies = on;
${validateAll(names)}
INSERT INTO schema_functions (name, sha256) VALUES ${record}
  ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, applied_at = now();
COMMIT;`);
  return due.map((f) => `${f.name}.sql`);
}

/**
 * Runs each function's language validator (fmgr_sql_validator, plpgsql_validator) with body
 * checks on, in the transaction that created them: a SQL function that names a missing table
 * or column fails the start and is not kept, rather than failing at its first call.
 */
function validateAll(names: string): string {
  return `DO $validate$
DECLARE f record;
BEGIN
  FOR f IN SELECT p.oid, p.proname, v.oid::regproc AS validator
             FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang JOIN pg_proc v ON v.oid = l.lanvalidator
            WHERE p.pronamespace = 'public'::regnamespace AND p.proname IN (${names}) LOOP
    BEGIN
      EXECUTE format('SELECT %s(%s::oid)', f.validator, f.oid);
    EXCEPTION WHEN OTHERS THEN
      RAISE EXCEPTION 'migrations/functions/%.sql: %', f.proname, SQLERRM;
    END;
  END LOOP;
END $validate$;`;
}
