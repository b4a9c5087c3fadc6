import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Random('isp-42');
    const b = new Random('isp-42');
    const c = new Random('isp-43');
    const xs = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.u32())).not.toEqual(xs);
  });

  it('forks independent streams: a draw in one does not shift the other', () => {
    const root = new Random('seed');
    const first = root.fork('billing').next();
    root.fork('traffic').next();
    expect(new Random('seed').fork('billing').next()).toBe(first);
    expect(root.fork('billing').next()).not.toBe(root.fork('traffic').next());
  });

  it('draws with the documented distributions', () => {
    const r = new Random('stats');
    const n = 20_000;
    const uniform = Array.from({ length: n }, () => r.next());
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniform)).toBeLessThan(1);
    expect(uniform.reduce((a, x) => a + x, 0) / n).toBeCloseTo(0.5, 1);
    const normals = Array.from({ length: n }, () => r.normal(10, 2));
    const mean = normals.reduce((a, x) => a + x, 0) / n;
    expect(mean).toBeCloseTo(10, 0);
    expect(Math.sqrt(normals.reduce((a, x) => a + (x - mean) ** 2, 0) / n)).toBeCloseTo(2, 0);
    const counts = Array.from({ length: n }, () => r.poisson(3));
    expect(counts.reduce((a, x) => a + x, 0) / n).toBeCloseTo(3, 0);
    const picks = [0, 0, 0];
    for (let i = 0; i < n; i++) picks[r.weighted([1, 2, 7])]!++;
    expect(picks[2]! / n).toBeCloseTo(0.7, 1);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
  });
});
