import { sql, type SQL } from 'drizzle-orm';

/**
 * What "now" is for a service. Unset (the default everywhere), services read the wall clock
 * and SQL's now(); the history generator (app/seed/history) sets one on its context so that
 * what it writes through the services carries the simulated instant instead.
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
