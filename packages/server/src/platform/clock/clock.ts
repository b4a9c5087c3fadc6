/**
 * The time the product's business rules read ("today" for billing, dunning, effective dates).
 * One injected source, so a test pins it to a date of its choosing and a simulated history can
 * run the real services on its own days; timestamps of rows (created_at) keep the real time.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands at `at` and moves on with the real time, so time still passes in a test. */
export function clockAt(at: string | Date): Clock {
  const offset = new Date(at).getTime() - Date.now();
  if (Number.isNaN(offset)) throw new Error(`clockAt: not a date: ${String(at)}`);
  return { now: () => new Date(Date.now() + offset) };
}

/** The calendar day of an instant in an IANA time zone ('YYYY-MM-DD'). */
export function dayIn(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
