import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './database.ts';
import { analyzeStale, startAutoAnalyze } from './auto-analyze.ts';
import { until } from '../../test/until.ts';

// A parent and a child table, as invoices and invoice_lines: the child's foreign-key check
// reads the parent by its primary key.
const schema = `
  CREATE TABLE parent (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), pad text NOT NULL);
  CREATE TABLE child (id serial PRIMARY KEY, parent_id uuid NOT NULL REFERENCES parent(id));
  CREATE TABLE untouched (id int PRIMARY KEY);
  INSERT INTO untouched SELECT generate_series(1, 10);
  ANALYZE;`;
// A few children while the parent is small: the check's plan is made and kept (a sequential
// scan of a one-page table); then the parent grows to thousands of rows.
const smallThenGrown = `
  INSERT INTO parent (pad) SELECT repeat('x', 400) FROM generate_series(1, 10);
  INSERT INTO child (parent_id) SELECT id FROM parent;
  INSERT INTO parent (pad) SELECT repeat('x', 400) FROM generate_series(1, 5000);`;

/**
 * Sequential and index scans of `parent` made by inserting 200 children. The counters are the
 * backend's own, not yet flushed to the shared statistics (hence the difference).
 */
async function parentScansOfInserts(db: Database): Promise<{ seq: number; idx: number }> {
  const read = async () => {
    const [s] = await db.query<{ seq: string; idx: string }>(
      `SELECT seq_scan::text AS seq, coalesce(idx_scan, 0)::text AS idx FROM pg_stat_xact_user_tables WHERE relname = 'parent'`);
    return { seq: Number(s!.seq), idx: Number(s!.idx) };
  };
  await db.exec('BEGIN');
  try {
    const ids = await db.query<{ id: string }>(`SELECT id FROM parent ORDER BY id LIMIT 200`);
    const from = await read();
    await db.query(`INSERT INTO child (parent_id) SELECT unnest($1::uuid[])`, [ids.map((r) => r.id)]);
    const to = await read();
    return { seq: to.seq - from.seq, idx: to.idx - from.idx };
  } finally {
    await db.exec('COMMIT');
  }
}

describe('analyzeStale on the embedded database', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openPglite(null);
    await db.exec(schema);
    await db.exec(smallThenGrown);
  });
  afterEach(async () => db.close());

  it('analyses the tables that grew, after which foreign-key checks use the index', async () => {
    // Without it, each child row's check reads the whole parent table: the cause of the
    // billing run's quadratic time on PGlite (issue #5).
    const before = await parentScansOfInserts(db);
    expect(before.seq).toBeGreaterThanOrEqual(200);

    const analysed = await analyzeStale(db);
    expect(analysed).toContain('public.parent');
    expect(analysed).not.toContain('public.untouched');
    const [p] = await db.query<{ reltuples: number }>(`SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = 'parent'`);
    expect(p!.reltuples).toBe(5010);

    const after = await parentScansOfInserts(db);
    expect(after.seq).toBe(0);
    expect(after.idx).toBeGreaterThanOrEqual(200);
  });

  it('leaves a table alone until it has grown by the scale asked for', async () => {
    await analyzeStale(db);
    await db.exec(`INSERT INTO parent (pad) SELECT repeat('x', 400) FROM generate_series(1, 2000)`);
    // 2,000 rows on 5,010 is beyond 10 % but not a doubling.
    expect(await analyzeStale(db, 1)).not.toContain('public.parent');
    expect(await analyzeStale(db)).toContain('public.parent');
  });

  it('runs by itself on a timer until stopped', async () => {
    const errors: unknown[] = [];
    const stop = startAutoAnalyze(db, (err) => errors.push(err), 20);
    try {
      await until(async () => {
        const [p] = await db.query<{ reltuples: number }>(`SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = 'parent'`);
        return p!.reltuples === 5010;
      }, 'the timer to analyse parent');
    } finally {
      stop();
    }
    expect(errors).toEqual([]);
  });
});
