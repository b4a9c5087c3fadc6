import { describe, expect, it } from 'vitest';
import { dampedTrendForecast } from './trend.ts';

describe('dampedTrendForecast', () => {
  it('carries a steady growth on, with intervals that widen with the horizon', () => {
    const y = Array.from({ length: 12 }, (_, i) => 1000 + 50 * i + (i % 2 ? 8 : -8));
    const f = dampedTrendForecast(y, 6)!;
    expect(f.mean[0]).toBeGreaterThan(1560);
    expect(f.mean[0]).toBeLessThan(1620);
    // Damped: growth goes on but no faster than the history's.
    expect(f.mean[5]! - f.mean[0]!).toBeLessThanOrEqual(5 * 50 + 1);
    expect(f.mean[5]!).toBeGreaterThan(f.mean[0]!);
    for (let h = 0; h < 6; h++) expect(f.lower80[h]!).toBeLessThan(f.mean[h]!);
    expect(f.upper95[5]! - f.lower95[5]!).toBeGreaterThan(f.upper95[0]! - f.lower95[0]!);
  });

  it('needs three values', () => {
    expect(dampedTrendForecast([1, 2], 3)).toBeNull();
  });
});
