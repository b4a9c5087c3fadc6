import { describe, expect, it } from 'vitest';
import { countersToRates, regularise } from './series.ts';
import { parseSeriesCsv } from './csv.ts';

describe('regularise', () => {
  it('averages points per step on an epoch-aligned grid and leaves gaps as NaN', () => {
    const h = 3_600_000;
    const s = regularise([{ t: 10 * h + 60_000, v: 2 }, { t: 10 * h + 120_000, v: 4 }, { t: 12 * h + 5, v: 9 }], h);
    expect(s.start).toBe(10 * h);
    expect(s.values[0]).toBe(3);
    expect(s.values[1]).toBeNaN();
    expect(s.values[2]).toBe(9);
  });
});

describe('countersToRates', () => {
  it('turns a 32-bit wrap into its true delta and leaves a reset interval out', () => {
    const top = 2 ** 32 - 1000;
    const rates = countersToRates([
      { t: 0, v: top - 9000 },
      { t: 10_000, v: top }, // +9000 in 10 s
      { t: 20_000, v: 1000 }, // wrapped: +2000
      { t: 30_000, v: 50 }, // reset (far from the top): unknown, left out
      { t: 40_000, v: 550 },
    ], 32);
    expect(rates).toEqual([{ t: 10_000, v: 900 }, { t: 20_000, v: 200 }, { t: 40_000, v: 50 }]);
  });
});

describe('parseSeriesCsv', () => {
  it("reads NAB's format and names the line of a bad value", () => {
    expect(parseSeriesCsv('timestamp,value\n2015-09-01 13:45:00,3.06\n')).toEqual([{ t: Date.UTC(2015, 8, 1, 13, 45), v: 3.06 }]);
    expect(() => parseSeriesCsv('timestamp,value\n2015-09-01 13:45:00,x\n', 'f.csv')).toThrow('f.csv:2');
  });
});
