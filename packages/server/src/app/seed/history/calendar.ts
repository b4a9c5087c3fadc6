/**
 * Days of the simulation: ISO dates ('YYYY-MM-DD') in an ISP's time zone, and the UTC instants
 * of local times on them. Offsets come from the runtime's time-zone data (Intl), so daylight
 * saving time moves the instants as it moves the ISP's clocks.
 */
export { addDays, addMonths, daysBetween } from '../../../modules/billing/cycles.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at the instant `utcMs`. */
function offsetMinutes(utcMs: number, tz: string): number {
  const parts = Object.fromEntries(formatter(tz).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The UTC instant of `hours` (fractional, 0 to 24) local time on `day` in `tz`. */
export function localInstant(day: string, hours: number, tz: string): Date {
  const naive = Date.parse(`${day}T00:00:00Z`) + Math.round(hours * 3_600_000);
  // Twice: the offset at the guess, then at the corrected instant (right across a DST change).
  let utc = naive - offsetMinutes(naive, tz) * 60_000;
  utc = naive - offsetMinutes(utc, tz) * 60_000;
  return new Date(utc);
}

/** The local calendar day of an instant in `tz`. */
export function localDay(at: Date, tz: string): string {
  const parts = Object.fromEntries(formatter(tz).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** 0 = Sunday … 6 = Saturday, of an ISO date. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** 1 … 12 */
export function monthOf(day: string): number {
  return Number(day.slice(5, 7));
}
