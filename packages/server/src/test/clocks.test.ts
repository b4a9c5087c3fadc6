import { describe, expect, it } from 'vitest';
import { clockAt, clockStoppedAt } from './clocks.ts';

describe('test clocks', () => {
  it('stands at the pinned instant and moves on from it', async () => {
    const clock = clockAt('2027-02-28T23:59:59.000Z');
    const first = clock().getTime();
    expect(first - Date.parse('2027-02-28T23:59:59.000Z')).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock().getTime()).toBeGreaterThan(first);
  });

  it('refuses what is not a date', () => {
    expect(() => clockAt('not a date')).toThrow(/not a date/);
    expect(() => clockStoppedAt('2027-13-01')).toThrow(/not a date/);
  });

  it('a stopped clock stands still', async () => {
    const clock = clockStoppedAt('2028-02-29T12:00:00Z');
    await new Promise((r) => setTimeout(r, 5));
    expect(clock().toISOString()).toBe('2028-02-29T12:00:00.000Z');
  });
});
