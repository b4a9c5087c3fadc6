import { describe, expect, it } from 'vitest';
import { capacityOutlook } from './capacity.ts';

const HOUR = 3_600_000;
const start = Date.UTC(2026, 0, 1);
/** 28 days of hourly traffic whose busy hour (21:00) grows by 5 Mb/s a day from 500 Mb/s. */
const growing = Array.from({ length: 28 * 24 }, (_, i) => {
  const day = Math.floor(i / 24);
  return (i % 24 === 21 ? 500e6 : 200e6) + 5e6 * day;
});

describe('capacityOutlook', () => {
  it('finds the day the busy-hour trend crosses 80 % of the link', () => {
    const o = capacityOutlook({ start, step: HOUR, values: growing }, 1e9, 0.8, [], start + growing.length * HOUR)!;
    expect(o.trendBpsPerDay).toBeCloseTo(5e6, -3);
    expect(o.busyHourBps).toBeCloseTo(500e6 + 27 * 5e6, -3);
    // (800 − 635) / 5 = 33 days.
    expect(o.daysToThreshold).toBe(33);
  });

  it('ignores a flood day and answers null for a flat link', () => {
    const flat: number[] = growing.map((_, i) => (i % 24 === 21 ? 500e6 : 200e6));
    flat[10 * 24 + 21] = 990e6;
    const o = capacityOutlook({ start, step: HOUR, values: flat }, 1e9, 0.8, [], start + flat.length * HOUR)!;
    expect(o.trendBpsPerDay).toBe(0);
    expect(o.daysToThreshold).toBeNull();
  });

  it('takes the hour-by-hour forecast when it crosses sooner, and 0 when already over', () => {
    const flat = growing.map(() => 300e6);
    const end = start + flat.length * HOUR;
    const forecast = Array.from({ length: 72 }, (_, h) => (h === 50 ? 850e6 : 300e6));
    expect(capacityOutlook({ start, step: HOUR, values: flat }, 1e9, 0.8, forecast, end)!.daysToThreshold).toBe(3);
    expect(capacityOutlook({ start, step: HOUR, values: flat.map(() => 900e6) }, 1e9, 0.8, [], end)!.daysToThreshold).toBe(0);
  });

  it('needs a week of days', () => {
    expect(capacityOutlook({ start, step: HOUR, values: growing.slice(0, 5 * 24) }, 1e9, 0.8, [], start)).toBeNull();
  });
});
