import { describe, expect, it } from 'vitest';
import { forecastSeries, ForecastInputError } from './model.ts';
import { seasonalNaive } from './baseline.ts';
import { backtestSeries } from './backtest.ts';
import type { RegularSeries } from './series.ts';

const HOUR = 3_600_000;
const start = Date.UTC(2026, 0, 5); // a Monday

/** A deterministic pseudo-random stream (the tests must not depend on Math.random). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Hourly traffic: an evening peak, quieter weekends, multiplicative noise, growth of 1 % a week. */
function traffic(hours: number, seed = 1): number[] {
  const rnd = lcg(seed);
  return Array.from({ length: hours }, (_, i) => {
    const hod = i % 24;
    const dow = Math.floor(i / 24) % 7;
    const daily = 1 + 0.8 * Math.exp(-(((hod - 21) / 3) ** 2)) - 0.4 * Math.exp(-(((hod - 5) / 3) ** 2));
    const weekly = dow >= 5 ? 0.8 : 1;
    const growth = 1 + (0.01 * i) / 168;
    return 100e6 * daily * weekly * growth * (1 + 0.08 * (rnd() - 0.5));
  });
}

describe('forecastSeries', () => {
  it('learns the daily and weekly shape: its next week beats the seasonal-naive forecast', () => {
    const all = traffic(8 * 168);
    const train: RegularSeries = { start, step: HOUR, values: all.slice(0, 7 * 168) };
    const f = forecastSeries(train, 168);
    const naive = seasonalNaive(train, 168, 24);
    const actual = all.slice(7 * 168);
    const mae = (xs: number[]) => xs.reduce((a, x, h) => a + Math.abs(x - actual[h]!), 0) / actual.length;
    expect(f.explain.weeklyHarmonics).toBeGreaterThan(0);
    // Seasonal naive with a daily period repeats Friday on Saturday; the model knows the weekend.
    expect(mae(f.mean)).toBeLessThan(0.5 * mae(naive));
    expect(f.start).toBe(start + 7 * 168 * HOUR);
    // Intervals hold the mean and widen with the horizon; most actual hours fall inside the 95 % band.
    for (let h = 0; h < 168; h++) expect(f.lower95[h]!).toBeLessThanOrEqual(f.mean[h]!);
    expect(f.upper95[23]! - f.lower95[23]!).toBeGreaterThanOrEqual(f.upper95[0]! - f.lower95[0]! - 1e-6);
    const inside = actual.filter((a, h) => a >= f.lower95[h]! && a <= f.upper95[h]!).length;
    expect(inside / actual.length).toBeGreaterThan(0.8);
  });

  it('fits across gaps and says so in its count of training points', () => {
    const all = traffic(4 * 168, 2);
    const holed = all.map((v, i) => (i % 24 < 6 && Math.floor(i / 24) % 3 === 0 ? NaN : v));
    const f = forecastSeries({ start, step: HOUR, values: holed.slice(0, -24) }, 24);
    expect(f.explain.trainingPoints).toBe(holed.slice(0, -24).filter(Number.isFinite).length);
    const err = f.mean.reduce((a, x, h) => a + Math.abs(x - all[all.length - 24 + h]!) / all[all.length - 24 + h]!, 0) / 24;
    expect(err).toBeLessThan(0.1);
  });

  it('is not thrown by a flood in its history (robust fit) and stays non-negative', () => {
    const all = traffic(3 * 168, 3);
    for (let i = 300; i < 306; i++) all[i] = 50 * all[i]!;
    const f = forecastSeries({ start, step: HOUR, values: all.slice(0, -24) }, 24);
    const err = f.mean.reduce((a, x, h) => a + Math.abs(x - all[all.length - 24 + h]!) / all[all.length - 24 + h]!, 0) / 24;
    expect(err).toBeLessThan(0.1);
    expect(Math.min(...f.lower95)).toBeGreaterThanOrEqual(0);
  });

  it('refuses too little data', () => {
    expect(() => forecastSeries({ start, step: HOUR, values: [1, 2, 3] }, 5)).toThrow(ForecastInputError);
    expect(() => forecastSeries({ start, step: HOUR, values: traffic(48) }, 0)).toThrow(ForecastInputError);
  });
});

describe('backtestSeries', () => {
  it('scores rolling origins on the tail against seasonal naive', () => {
    const row = backtestSeries('synthetic', { start, step: HOUR, values: traffic(6 * 168, 4) }, { horizon: 24, origins: 7, period: 24 });
    expect(row).not.toBeNull();
    expect(row!.origins).toBe(7);
    expect(row!.relative).toBeLessThan(1);
    expect(row!.maseModel).toBeLessThan(row!.maseNaive);
  });

  it('declines a series shorter than four seasons of training', () => {
    expect(backtestSeries('short', { start, step: HOUR, values: traffic(100) }, { horizon: 24, origins: 3, period: 24 })).toBeNull();
  });
});
