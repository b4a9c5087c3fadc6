import type { AaaPlan } from './policy.ts';
import type { Rate } from './reply-attributes.ts';
import { minuteOfWeek } from './login-time.ts';

/** Minutes since local midnight in a time zone; the same zone clock as the access-hours check. */
export function localMinutes(now: Date, timeZone: string): number {
  return minuteOfWeek(now, timeZone).minute % 1440;
}

const toMinutes = (t: string) => {
  const [h, m] = t.split(':');
  return Number(h) * 60 + Number(m);
};

/** Whether `now` falls in the plan's night window, which may wrap midnight. */
export function inNightWindow(plan: Pick<AaaPlan, 'nightStart' | 'nightEnd'>, now: Date, timeZone: string): boolean {
  if (!plan.nightStart || !plan.nightEnd) return false;
  const t = localMinutes(now, timeZone);
  const start = toMinutes(plan.nightStart);
  const end = toMinutes(plan.nightEnd);
  return start <= end ? t >= start && t < end : t >= start || t < end;
}

/** Bytes used this UTC day and month, and the data packs that raise this month's quota. */
export type QuotaUsage = { dayBytes: number; monthBytes: number; packBytes: number };

/** The monthly quota in force: the plan's plus this month's data packs (none when the plan has no monthly quota). */
export function monthlyQuota(plan: Pick<AaaPlan, 'fupMonthlyBytes'>, usage: Pick<QuotaUsage, 'packBytes'>): number | null {
  return plan.fupMonthlyBytes === null ? null : plan.fupMonthlyBytes + usage.packBytes;
}

export type RateDecision = { rate: Rate; fup: boolean; night: boolean; period: 'daily' | 'monthly' | null; exhausted: boolean };

/**
 * The speed a subscriber gets now: the fair-use speed once a quota is used up (or nothing,
 * when the plan has no fair-use speed), else the night speed inside the night window, else
 * the plan's. One function for Access-Accept and for CoA, so both always agree.
 */
export function currentRate(plan: AaaPlan, usage: QuotaUsage, now: Date, timeZone: string): RateDecision {
  const monthly = monthlyQuota(plan, usage);
  const overDaily = plan.fupDailyBytes !== null && usage.dayBytes >= plan.fupDailyBytes;
  const overMonthly = monthly !== null && usage.monthBytes >= monthly;
  if (overDaily || overMonthly) {
    const period = overDaily ? 'daily' : 'monthly';
    if (!plan.fupDownloadKbps || !plan.fupUploadKbps) return { rate: { downKbps: 0, upKbps: 0 }, fup: true, night: false, period, exhausted: true };
    return { rate: { downKbps: plan.fupDownloadKbps, upKbps: plan.fupUploadKbps }, fup: true, night: false, period, exhausted: false };
  }
  if (plan.nightDownloadKbps && plan.nightUploadKbps && inNightWindow(plan, now, timeZone))
    return { rate: { downKbps: plan.nightDownloadKbps, upKbps: plan.nightUploadKbps }, fup: false, night: true, period: null, exhausted: false };
  return { rate: { downKbps: plan.downloadKbps, upKbps: plan.uploadKbps }, fup: false, night: false, period: null, exhausted: false };
}
