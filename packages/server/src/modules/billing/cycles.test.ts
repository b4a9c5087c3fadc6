import { describe, expect, it } from 'vitest';
import { addMonths, billingDayFor, firstPeriod, followingPeriod, fullCycleDays, nextBoundary, daysBetween } from './cycles.ts';

describe('billing cycles', () => {
  it('calendar cycles start on the billing day', () => {
    expect(nextBoundary('2026-01-15', 1)).toBe('2026-02-01');
    expect(nextBoundary('2026-01-01', 1)).toBe('2026-02-01');
    expect(nextBoundary('2026-01-03', 5)).toBe('2026-01-05');
    expect(firstPeriod('2026-01-15', 1, 1)).toEqual({ start: '2026-01-15', end: '2026-02-01' });
    expect(followingPeriod({ start: '2026-01-15', end: '2026-02-01' }, 1)).toEqual({ start: '2026-02-01', end: '2026-03-01' });
  });
  it('anniversary cycles start on the start day, capped at 28', () => {
    expect(billingDayFor('anniversary', '2026-03-17', 1)).toBe(17);
    expect(billingDayFor('anniversary', '2026-01-31', 1)).toBe(28);
    expect(firstPeriod('2026-03-17', 17, 1)).toEqual({ start: '2026-03-17', end: '2026-04-17' });
  });
  it('quarterly and yearly cycles, and month arithmetic across year ends', () => {
    expect(firstPeriod('2026-11-10', 1, 3)).toEqual({ start: '2026-11-10', end: '2027-02-01' });
    expect(addMonths('2026-12-28', 2)).toBe('2027-02-28');
    expect(fullCycleDays('2026-03-01', 1)).toBe(28);
    expect(daysBetween('2026-01-15', '2026-02-01')).toBe(17);
  });
});
