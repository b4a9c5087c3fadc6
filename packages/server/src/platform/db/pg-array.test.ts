import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './database.ts';
import { pgArray, pgArrayOf, type PgArrayValue } from './pg-array.ts';

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

  it('writes exactly what appending to a string wrote (the former implementation), also past its buffer size', () => {
    const reference = (values: readonly PgArrayValue[]) => {
      let out = '{';
      for (let i = 0; i < values.length; i++) {
        if (i > 0) out += ',';
        const v = values[i];
        if (v === null || v === undefined) out += 'NULL';
        else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') out += String(v);
        else {
          const s = v instanceof Date ? v.toISOString() : v;
          out += s.includes('\\') || s.includes('"') ? '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"' : '"' + s + '"';
        }
      }
      return out + '}';
    };
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const pieces = ['a', 'Z', '"', '\\', ',', '{', '}', ' ', 'é', '✓', '😀', 'NULL', '0'];
    const value = (): PgArrayValue => {
      switch (rnd(8)) {
        case 0: return null;
        case 1: return undefined;
        case 2: return rnd(2) ? rnd(1e6) - 5e5 : rnd(1e6) / 7;
        case 3: return BigInt(rnd(1e9)) * 1_000_000_007n;
        case 4: return rnd(2) === 0;
        case 5: return new Date(rnd(2) ? rnd(4e12) : -rnd(7e13) + (rnd(2) ? 3e14 : 0));
        default: return Array.from({ length: rnd(12) }, () => pieces[rnd(pieces.length)]).join('');
      }
    };
    for (let n = 0; n < 300; n++) {
      const values = Array.from({ length: rnd(40) }, value);
      expect(pgArray(values)).toBe(reference(values));
    }
    const big = Array.from({ length: 20_000 }, (_, i) => `${'x'.repeat(i % 17)}✓${i}`);
    expect(pgArray(big)).toBe(reference(big));
    expect(pgArrayOf(big.map((v) => ({ v })), (r) => r.v)).toBe(reference(big));
    expect(pgArray([])).toBe('{}');
    expect(() => pgArray([new Date(NaN)])).toThrow(RangeError);
  });
});
