import { sql, type SQL } from 'drizzle-orm';

/**
 * What "now" is for a service's business rules ("today" for billing, dunning, effective dates).
 * Unset (the default), services read the wall clock and SQL's now(); a test pins it to a date of
 * its choosing and the history generator (app/seed/history) to its simulated instant, so what
 * they do through the services carries that time. Row timestamps of the real world stay real.
 */
export type Clock = () => Date;

type HasClock = { clock?: Clock | undefined };

export function nowOf(ctx: HasClock): Date {
  return ctx.clock ? ctx.clock() : new Date();
}

/** The clock's instant for SQL, or the transaction's now() when there is no clock. */
export function sqlNow(ctx: HasClock): SQL {
  return ctx.clock ? sql`${ctx.clock().toISOString()}::timestamptz` : sql`now()`;
}

/** For code that takes an optional instant: that instant in SQL, else now(). */
export function sqlAt(at: Date | undefined): SQL {
  return at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
}

/** A clock that stands at `at` and moves on with the real time, so time still passes in a test. */
export function clockAt(at: string | Date): Clock {
  const offset = new Date(at).getTime() - Date.now();
  if (Number.isNaN(offset)) throw new Error(`clockAt: not a date: ${String(at)}`);
  return () => new Date(Date.now() + offset);
}

/** A clock that stands still at `at`: for figures computed from "now" that a test compares. */
export function clockStoppedAt(at: string | Date): Clock {
  const t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`clockStoppedAt: not a date: ${String(at)}`);
  return () => new Date(t);
}

/** The calendar day of an instant in an IANA time zone ('YYYY-MM-DD'). */
export function dayIn(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
