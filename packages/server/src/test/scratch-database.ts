import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Database } from '../platform/db/database.ts';

/**
 * A new, empty database on the PostgreSQL server of `url`, dropped by `drop()`: each test file
 * and each benchmark gets its own, so runs never see each other's rows.
 */
export async function scratchPostgres(url: string, prefix: string, poolSize = 5): Promise<{ db: Database; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), poolSize);
  return {
    db,
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
