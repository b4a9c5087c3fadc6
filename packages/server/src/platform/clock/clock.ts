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
