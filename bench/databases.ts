import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPglite, type Database } from '../packages/server/src/platform/db/database.ts';
import { scratchPostgres } from '../packages/server/src/test/scratch-database.ts';

/**
 * Runs a measurement on the engines a user runs: an embedded PGlite on disk (in a directory
 * removed afterwards), then, when BENCH_DATABASE_URL is set, a scratch database on that
 * PostgreSQL (dropped afterwards).
 */
export async function onEachDatabase(scratchName: string, measure: (label: string, db: Database) => Promise<void>, skip: { pglite?: boolean; postgres?: boolean } = {}): Promise<void> {
  if (!skip.pglite) {
    const dir = mkdtempSync(path.join(tmpdir(), 'anx-bench-'));
    try {
      await measure('PGlite (embedded, on disk)', await openPglite(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url && !skip.postgres) {
    const { db, drop } = await scratchPostgres(url, scratchName, 10);
    try {
      await measure('PostgreSQL', db);
    } finally {
      await drop();
    }
  }
}
