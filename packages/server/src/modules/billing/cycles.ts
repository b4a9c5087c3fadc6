/**
 * Billing-cycle date arithmetic on ISO dates ('YYYY-MM-DD', UTC calendar days): pure.
 * A period is [start, end): `end` is the first day of the next period.
 */

const toDate = (d: string) => new Date(`${d}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(d: string, n: number): string {
  const x = toDate(d);
  x.setUTCDate(x.getUTCDate() + n);
  return fmt(x);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);
}

/** The same day `months` later; billing days are 1..28, so the day always exists. */
export function addMonths(d: string, months: number): string {
  const x = toDate(d);
  const day = x.getUTCDate();
  x.setUTCDate(1);
  x.setUTCMonth(x.getUTCMonth() + months);
  const last = new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 0)).getUTCDate();
  x.setUTCDate(Math.min(day, last));
  return fmt(x);
}

/** Months a postpaid cycle lasts for a plan's billing period (daily and weekly plans are prepaid). */
export function cycleMonths(billingPeriod: string): number | null {
  return billingPeriod === 'monthly' ? 1 : billingPeriod === 'quarterly' ? 3 : billingPeriod === 'yearly' ? 12 : null;
}

/** Validity of one prepaid recharge, in days: the plan's validity_days, else its billing period. */
export function validityDays(billingPeriod: string, planValidityDays: number | null): number {
  if (planValidityDays) return planValidityDays;
  return ({ daily: 1, weekly: 7, monthly: 30, quarterly: 90, yearly: 365 } as Record<string, number>)[billingPeriod] ?? 30;
}

/** The billing day of a subscription: fixed (calendar) or the start date's day, capped at 28. */
export function billingDayFor(anchor: 'calendar' | 'anniversary', startDate: string, calendarDay: number): number {
  return anchor === 'anniversary' ? Math.min(toDate(startDate).getUTCDate(), 28) : calendarDay;
}

/** The first boundary (a date whose day is billingDay) strictly after `date`. */
export function nextBoundary(date: string, billingDay: number, months = 1): string {
  const d = toDate(date);
  const sameMonth = fmt(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), billingDay)));
  return sameMonth > date ? (months === 1 ? sameMonth : addMonths(sameMonth, months - 1)) : addMonths(sameMonth, months);
}

export type Period = { start: string; end: string };

/** The first period of a subscription starting on `start`: up to the next boundary (possibly short, pro-rated). */
export function firstPeriod(start: string, billingDay: number, months: number): Period {
  return { start, end: nextBoundary(start, billingDay, months) };
}

/** The period after `p`: always a whole cycle. */
export function followingPeriod(p: Period, months: number): Period {
  return { start: p.end, end: addMonths(p.end, months) };
}

/** Days of the whole cycle that ends at `end` (used to pro-rate a short first period). */
export function fullCycleDays(end: string, months: number): number {
  return daysBetween(addMonths(end, -months), end);
}
