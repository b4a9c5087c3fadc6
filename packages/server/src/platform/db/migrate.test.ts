import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './database.ts';
import { migrate, migrationsDir, withIncludes } from './migrate.ts';
import { scratchPostgres } from '../../test/scratch-database.ts';

/**
 * The migration set before SQL functions moved to migrations/functions/ (each function then was
 * restated by every numbered migration that changed it): a database migrated by it stands for
 * every deployment that exists today.
 */
const previousSet = 'c8dd439';

type Fresh = { db: Database; drop(): Promise<void> };
const engines: Array<[string, () => Promise<Fresh>]> = [['PGlite', async () => ({ db: await openPglite(null), drop: async () => undefined })]];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) engines.push(['PostgreSQL', () => scratchPostgres(pgUrl, 'anx_migrate', 2)]);

/** Every function of the schema as PostgreSQL prints it, with its owner's and grantees' rights. */
async function functions(db: Database) {
  return db.query<{ name: string; args: string; def: string; acl: string | null }>(
    `SELECT p.proname::text AS name, pg_get_function_identity_arguments(p.oid) AS args,
            pg_get_functiondef(p.oid) AS def, p.proacl::text AS acl
       FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1, 2`,
  );
}

/** migrations/ as of a commit, written to a temporary directory. */
function checkout(commit: string): string {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: migrationsDir, encoding: 'utf8' }).trim();
  const rel = path.relative(root, migrationsDir);
  const dir = mkdtempSync(path.join(tmpdir(), 'anx-migrations-'));
  const names = execFileSync('git', ['ls-tree', '--name-only', `${commit}:${rel}`], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.sql'));
  for (const name of names) writeFileSync(path.join(dir, name), execFileSync('git', ['show', `${commit}:${rel}/${name}`], { cwd: root }));
  return dir;
}

/** A copy of today's migrations/ to change one file of. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'anx-migrations-'));
  cpSync(migrationsDir, dir, { recursive: true });
  return dir;
}

describe.each(engines)('SQL functions in one current file each (%s)', (_engine, open) => {
  const opened: Fresh[] = [];
  const dirs: string[] = [];
  const fresh = async () => {
    const f = await open();
    opened.push(f);
    return f.db;
  };
  let db: Database;

  beforeAll(async () => {
    db = await fresh();
    await migrate(db);
  });
  afterAll(async () => {
    for (const f of opened) {
      await f.db.close();
      await f.drop();
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('creates every function of migrations/functions, and no numbered migration defines one', async () => {
    const files = readdirSync(path.join(migrationsDir, 'functions')).map((f) => f.replace(/\.sql$/, '')).sort();
    expect([...new Set((await functions(db)).map((f) => f.name))]).toEqual(files);
    for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'))) {
      expect(readFileSync(path.join(migrationsDir, file), 'utf8'), file).not.toMatch(/CREATE\s+(OR\s+REPLACE\s+)?FUNCTION/i);
    }
  });

  it('applies nothing again on the next start', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('gives a database migrated by the previous set the same functions as a fresh one', async () => {
    const old = await fresh();
    const dir = checkout(previousSet);
    dirs.push(dir);
    expect(readdirSync(dir)).toContain('0027_aaa_accounting_late_records.sql');
    await migrate(old, { dir });
    const before = await functions(old);
    // The previous set restated aaa_apply_accounting in 0014, 0019 and 0027.
    expect(before.find((f) => f.name === 'aaa_apply_accounting')?.def).toContain('r.stop_time IS NULL');
    const applied = await migrate(old);
    expect(applied).toContain('functions/aaa_apply_accounting.sql');
    expect(await functions(old)).toEqual(await functions(db));
  });

  it('re-applies a function whose file changed, on the next start', async () => {
    const dir = copyOfMigrations();
    dirs.push(dir);
    const file = path.join(dir, 'functions', 'data_pack_bytes.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('coalesce(sum(a.data_bytes * a.quantity), 0)', 'coalesce(sum(a.data_bytes * a.quantity), 0) + 0'));
    expect(await migrate(db, { dir })).toEqual(['functions/data_pack_bytes.sql']);
    const [fn] = await db.query<{ def: string }>(`SELECT pg_get_functiondef('data_pack_bytes'::regproc) AS def`);
    expect(fn!.def).toContain('a.quantity), 0) + 0');
    expect(await migrate(db, { dir })).toEqual([]);
    // Back to today's file for the other tests.
    expect(await migrate(db)).toEqual(['functions/data_pack_bytes.sql']);
  });

  it('refuses a function whose body names a missing column, and keeps the one it had', async () => {
    const dir = copyOfMigrations();
    dirs.push(dir);
    const file = path.join(dir, 'functions', 'auth_find_api_key.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('k.key_hash,', 'k.no_such_column,'));
    await expect(migrate(db, { dir })).rejects.toThrow(/migrations\/functions\/auth_find_api_key\.sql: column k\.no_such_column does not exist/);
    const [fn] = await db.query<{ def: string }>(`SELECT pg_get_functiondef('auth_find_api_key'::regproc) AS def`);
    expect(fn!.def).toContain('k.key_hash,');
    expect(await migrate(db)).toEqual([]);
  });

  it('creates a function a numbered migration dropped, though its file did not change', async () => {
    await db.exec('DROP FUNCTION public_isp_branding_by_host(text, text)');
    expect(await migrate(db)).toEqual(['functions/public_isp_branding_by_host.sql']);
  });
});

describe('withIncludes', () => {
  it('includes only a file of functions/', () => {
    expect(withIncludes('SELECT 1;\n\\ir functions/app_platform.sql\nSELECT 2;', migrationsDir, 'x.sql')).toContain('CREATE OR REPLACE FUNCTION app_platform()');
    expect(() => withIncludes('\\ir ../../secrets.sql', migrationsDir, 'x.sql')).toThrow(/may include only functions/);
  });
});
