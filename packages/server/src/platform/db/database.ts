import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';

export type AppDb = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
export type Row = Record<string, unknown>;

/**
 * One data layer over two engines: PGlite (embedded, default) and PostgreSQL (DATABASE_URL).
 * `orm` runs as the connecting (owner) role; request code never uses it directly but goes
 * through `withScope`, which drops to the RLS-bound role inside each transaction.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: AppDb;
  /** Owner-level SQL for migrations and maintenance; several statements allowed without params. */
  exec(sqlText: string): Promise<void>;
  query<T extends Row = Row>(sqlText: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** Told of every scoped transaction's duration and outcome (metrics); set by the app context. */
  observe?: (seconds: number, committed: boolean) => void;
}

export async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // The same extensions as the PostgreSQL deployments use (migrations create them).
  const extensions = { pg_trgm };
  const client = dataDir ? await PGlite.create(dataDir, { extensions }) : await PGlite.create({ extensions });
  const orm = drizzlePglite(client) as unknown as AppDb;
  return {
    kind: 'pglite',
    orm,
    async exec(sqlText) {
      await client.exec(sqlText);
    },
    async query<T extends Row>(sqlText: string, params: unknown[] = []) {
      return (await client.query<T>(sqlText, params)).rows;
    },
    async close() {
      await client.close();
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the pool reconnects.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  const orm = drizzlePg(pool) as unknown as AppDb;
  return {
    kind: 'postgres',
    orm,
    async exec(sqlText) {
      await pool.query(sqlText);
    },
    async query<T extends Row>(sqlText: string, params: unknown[] = []) {
      return (await pool.query(sqlText, params)).rows as T[];
    },
    async close() {
      await pool.end();
    },
  };
}
