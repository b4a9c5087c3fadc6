import { describe, expect, it } from 'vitest';
import { availabilityOf, breaches, dailyTimeline } from './sla-calc.ts';

const day = 86400_000;
const t0 = Date.UTC(2026, 10, 1);
const h = 3600_000;

describe('SLA timeline', () => {
  it('one device: 2 hours down on day 2 of 3', () => {
    const days = dailyTimeline(['a'], [{ deviceId: 'a', status: 'up', at: t0 - h }, { deviceId: 'a', status: 'down', at: t0 + day + 10 * h }, { deviceId: 'a', status: 'up', at: t0 + day + 12 * h }], t0, t0 + 3 * day);
    expect(days.map((d) => [d.date, d.down_s])).toEqual([['2026-11-01', 0], ['2026-11-02', 7200], ['2026-11-03', 0]]);
    expect(days[1]!.availability).toBeCloseTo((22 / 24) * 100, 6);
    expect(availabilityOf(days)).toBeCloseTo((70 / 72) * 100, 6);
  });
  it('an outage across midnight is split between the days', () => {
    const days = dailyTimeline(['a'], [{ deviceId: 'a', status: 'up', at: t0 }, { deviceId: 'a', status: 'down', at: t0 + 23 * h }, { deviceId: 'a', status: 'up', at: t0 + 25 * h }], t0, t0 + 2 * day);
    expect(days.map((d) => d.down_s)).toEqual([3600, 3600]);
  });
  it('two devices: down while either is down, overlaps counted once', () => {
    const days = dailyTimeline(['a', 'b'], [
      { deviceId: 'a', status: 'up', at: t0 }, { deviceId: 'b', status: 'up', at: t0 },
      { deviceId: 'a', status: 'down', at: t0 + h }, { deviceId: 'b', status: 'down', at: t0 + 1.5 * h },
      { deviceId: 'a', status: 'up', at: t0 + 2 * h }, { deviceId: 'b', status: 'up', at: t0 + 3 * h },
    ], t0, t0 + day);
    expect(days[0]!.down_s).toBe(2 * 3600);
  });
  it('no data is unknown, not up', () => {
    const [d] = dailyTimeline(['a'], [{ deviceId: 'a', status: 'up', at: t0 + 12 * h }], t0, t0 + day);
    expect(d).toMatchObject({ unknown_s: 12 * 3600, up_s: 12 * 3600, availability: 100 });
    expect(dailyTimeline(['a'], [], t0, t0 + day)[0]!.availability).toBeNull();
  });
  it('changes of devices outside the SLA are ignored', () => {
    expect(dailyTimeline(['a'], [{ deviceId: 'a', status: 'up', at: t0 }, { deviceId: 'x', status: 'down', at: t0 }], t0, t0 + day)[0]!.down_s).toBe(0);
  });
});

describe('breaches', () => {
  it('each target on its own, none without data', () => {
    expect(breaches({ availability: 99.9, latencyMs: 20, mttrMinutes: 60 }, { availability: 99.5, latencyMs: 25, mttrMinutes: 90 })).toHaveLength(3);
    expect(breaches({ availability: 99.9, latencyMs: 20, mttrMinutes: 60 }, { availability: 99.95, latencyMs: 10, mttrMinutes: 30 })).toEqual([]);
    expect(breaches({ availability: 99.9, latencyMs: 20, mttrMinutes: 60 }, { availability: null, latencyMs: null, mttrMinutes: null })).toEqual([]);
  });
});
