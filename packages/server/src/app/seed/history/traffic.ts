import type { Random } from './random.ts';
import type { PlanProfile } from './profiles.ts';
import { monthOf, weekday } from './calendar.ts';

/**
 * How much a line moves: a residential day curve (quiet at 4 am, peak from 8 to 11 pm), more at
 * weekends and in winter, about 30 % more a year (the long-run growth of fixed broadband
 * traffic), a log-normal spread between days, and the fair-use cut once the month's quota is
 * gone. Pure; bytes are what the NAS counts, download and upload together.
 */
const hourly = [2.6, 1.6, 1.1, 0.8, 0.7, 0.8, 1.4, 2.4, 3.1, 3.5, 3.7, 3.9, 4.1, 4.1, 4.2, 4.4, 4.7, 5.1, 5.9, 6.7, 7.3, 7.4, 6.5, 4.5];
const total = hourly.reduce((a, x) => a + x, 0);
/** Share of a day's traffic in each local hour. */
export const hourShare = hourly.map((x) => x / total);
const cumulative = hourShare.reduce<number[]>((acc, x) => [...acc, (acc.at(-1) ?? 0) + x], []);

/** Share of a day's traffic from local midnight to `hours` (0..24). */
export function dayShareUntil(hours: number): number {
  if (hours <= 0) return 0;
  if (hours >= 24) return 1;
  const h = Math.floor(hours);
  return (h === 0 ? 0 : cumulative[h - 1]!) + hourShare[h]! * (hours - h);
}

export const GB = 1e9;
/** Upload share of a residential line's traffic. */
export const UPLOAD_SHARE = 0.12;

const season = [1.08, 1.06, 1.02, 1, 0.97, 0.95, 0.94, 0.95, 0.99, 1.02, 1.05, 1.1];

export type DayDemand = { bytes: number; throttled: boolean };

/**
 * The traffic a line would move on `day`: plan median × the subscriber's usage × weekday,
 * season and growth since the history began × the day's spread; capped by the plan's speed,
 * and by the fair-use speed once `monthBytes` has passed the quota.
 */
export function dayDemand(rng: Random, plan: PlanProfile, usage: number, day: string, yearsIn: number, monthBytes: number): DayDemand {
  const w = weekday(day);
  const week = w === 0 || w === 6 ? 1.18 : w === 5 ? 1.04 : 1;
  const idle = rng.chance(0.03) ? 0.05 : 1;
  let bytes = plan.gbPerDay * GB * usage * week * season[monthOf(day) - 1]! * 1.3 ** yearsIn * rng.logNormal(1, 0.3) * idle;
  bytes = Math.min(bytes, (plan.downKbps * 1000 / 8) * 86_400 * 0.5);
  const throttled = plan.fupGb !== null && plan.fupKbps !== null && monthBytes >= plan.fupGb * GB;
  if (throttled) bytes = Math.min(bytes, (plan.fupKbps! * 1000 / 8) * 86_400 * 0.3);
  return { bytes: Math.round(bytes), throttled };
}
