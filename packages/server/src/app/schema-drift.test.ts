import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { schemaDrift, tablesOutsideDrizzle } from '../test/schema-drift/schema-drift.ts';
import { scratchPostgres } from '../test/scratch-database.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every `schema.ts` under modules/ and platform/, found on disk so a new one is never missed. */
function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return schemaFiles(full);
    return e.name === 'schema.ts' ? [full] : [];
  });
}

/** The Drizzle tables and the module (first folder under modules/, or `platform`) of each. */
async function drizzleTables(): Promise<{ tables: PgTable[]; moduleOf: Map<string, string> }> {
  const tables: PgTable[] = [];
  const moduleOf = new Map<string, string>();
  for (const file of [...schemaFiles(path.join(src, 'modules')), ...schemaFiles(path.join(src, 'platform'))]) {
    const parts = path.relative(src, file).split(path.sep);
    const module = parts[0] === 'modules' ? parts[1]! : 'platform';
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const value of Object.values(exports)) {
      if (!is(value, PgTable)) continue;
      tables.push(value);
      moduleOf.set(getTableConfig(value).name, module);
    }
  }
  return { tables, moduleOf };
}

/**
 * Tables that only SQL touches (functions, triggers, raw queries), so no Drizzle definition
 * restates them. A new table lands either in a schema.ts or here, on purpose.
 */
const sqlOnlyTables = [
  'audit_log', // hash-chained by a trigger; written by recordChange, read by the audit routes
  'coa_requests', // the CoA/Disconnect queue of the AAA enforcer
  'domain_events', // the outbox: recordChange writes, the relay claims with SKIP LOCKED
  'ip_leases', // IP pool leases, taken and freed by SQL in the AAA path
  'ip_pools',
  'isp_counters', // per-ISP sequence numbers, drawn with UPDATE ... RETURNING
  'noc_lldp_neighbours', // replaced wholesale per device by the LLDP poller
  'platform_invoice_counters',
  'schema_functions', // the migrator's own bookkeeping
  'schema_migrations',
  'usage_hourly', // written by the accounting functions, read by raw reports
];

const engines: Array<[string, () => Promise<{ db: Database; drop(): Promise<void> }>]> = [
  ['PGlite', async () => ({ db: await openPglite(null), drop: async () => undefined })],
];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) engines.push(['PostgreSQL', () => scratchPostgres(pgUrl, 'anx_drift', 2)]);

describe.each(engines)('the Drizzle definitions match the migrated database (%s)', (_engine, open) => {
  let db: Database;
  let drop: () => Promise<void>;
  let drizzle: Awaited<ReturnType<typeof drizzleTables>>;

  beforeAll(async () => {
    ({ db, drop } = await open());
    await migrate(db);
    drizzle = await drizzleTables();
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('finds every schema.ts', () => {
    expect(drizzle.tables.length).toBeGreaterThan(40);
  });

  it('has no drift in tables, columns, types, nullability, defaults, primary or foreign keys', async () => {
    const drift = await schemaDrift(db, drizzle.tables, { moduleOf: (t) => drizzle.moduleOf.get(t) });
    expect(drift).toEqual([]);
  });

  it('describes every table in Drizzle, or lists it as SQL-only', async () => {
    expect(await tablesOutsideDrizzle(db, drizzle.tables)).toEqual(sqlOnlyTables);
  });
});
