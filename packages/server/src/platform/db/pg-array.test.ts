import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './database.ts';
import { pgArray } from './pg-array.ts';

describe('pgArray', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite(null);
  });
  afterAll(async () => db.close());

  it('round-trips awkward text, NULLs, numbers and timestamps through PostgreSQL', async () => {
    const text = ['plain', 'with "quotes"', 'back\\slash', 'comma,brace}{', '', 'NULL', null, 'ünïcødé ✓'];
    const [t] = await db.query<{ v: (string | null)[] }>('SELECT $1::text[] AS v', [pgArray(text)]);
    expect(t!.v).toEqual(text);
    const [n] = await db.query<{ v: string[] }>('SELECT $1::bigint[]::text[] AS v', [pgArray([0, -5, 2 ** 40, 9007199254740993n])]);
    expect(n!.v).toEqual(['0', '-5', '1099511627776', '9007199254740993']);
    const at = new Date('2026-11-25T10:11:12.345Z');
    const [d] = await db.query<{ v: string }>("SELECT to_char(($1::timestamptz[])[1] AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS v", [pgArray([at])]);
    expect(d!.v).toBe('2026-11-25 10:11:12.345');
  });
});
