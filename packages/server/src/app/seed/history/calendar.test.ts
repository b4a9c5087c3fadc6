import { describe, expect, it } from 'vitest';
import { localDay, localInstant } from './calendar.ts';

describe('calendar', () => {
  it('turns local times into UTC instants across zones and daylight saving time', () => {
    expect(localInstant('2025-06-10', 21, 'Asia/Kolkata').toISOString()).toBe('2025-06-10T15:30:00.000Z');
    expect(localInstant('2025-01-10', 21, 'Europe/Berlin').toISOString()).toBe('2025-01-10T20:00:00.000Z');
    expect(localInstant('2025-07-10', 21, 'Europe/Berlin').toISOString()).toBe('2025-07-10T19:00:00.000Z');
    expect(localInstant('2025-03-09', 12, 'America/Chicago').toISOString()).toBe('2025-03-09T17:00:00.000Z');
    expect(localInstant('2025-03-08', 12, 'America/Chicago').toISOString()).toBe('2025-03-08T18:00:00.000Z');
    expect(localDay(new Date('2025-06-10T20:00:00Z'), 'Asia/Kolkata')).toBe('2025-06-11');
    expect(localDay(localInstant('2025-11-02', 23.5, 'America/Chicago'), 'America/Chicago')).toBe('2025-11-02');
  });
});
