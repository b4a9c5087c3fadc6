import type { Random } from './random.ts';
import type { IspProfile } from './profiles.ts';
import { daysBetween, monthOf, weekday } from './calendar.ts';

/**
 * Who signs up when, on which plan, how they behave, and who leaves. Pure: every draw comes
 * from the Random it is given. Churn is a daily hazard built from what the subscriber went
 * through (tenure, price, outages, tickets answered late, late payments), so that the
 * churners of the history are the ones a model should be able to pick out, not a lottery.
 */
export type Payer = 'prompt' | 'card' | 'late' | 'defaulter';

export type Traits = {
  planIndex: number;
  payer: Payer;
  /** Multiplier of the plan's median daily traffic (log-normal; heavy users about 5 %). */
  usage: number;
  heavy: boolean;
  /** 0..1: how much price weighs in staying or leaving. */
  priceSensitivity: number;
  /** Local hour at which the NAS sends the line's daily interim update. */
  reportHour: number;
};

/** What a subscriber went through, as day indices of the history. */
export type Experience = { outages: number[]; slowTickets: number[]; tickets: number[]; latePayments: number[]; suspensions: number[]; fupMonths: number[] };

export const emptyExperience = (): Experience => ({ outages: [], slowTickets: [], tickets: [], latePayments: [], suspensions: [], fupMonths: [] });

/** Three marketing campaigns of two to three weeks that more than double sign-ups. */
export function campaigns(rng: Random, totalDays: number): { from: number; to: number; lift: number }[] {
  return [0.2, 0.5, 0.78].map((at) => {
    const from = Math.floor(totalDays * at + rng.int(-10, 10));
    return { from, to: from + rng.int(14, 21), lift: rng.between(2, 3) };
  });
}

/** Relative sign-up intensity of each day: season, weekday (fewer on Sundays) and campaigns. */
export function signupWeights(p: IspProfile, days: readonly string[], bursts: ReturnType<typeof campaigns>): number[] {
  return days.map((d, i) => {
    const w = weekday(d);
    const day = w === 0 ? 0.45 : w === 6 ? 0.8 : 1.05;
    const burst = bursts.find((b) => i >= b.from && i <= b.to)?.lift ?? 1;
    return p.season[monthOf(d) - 1]! * day * burst;
  });
}

/** `count` sign-up days drawn in proportion to the weights; ascending. */
export function drawSignupDays(rng: Random, weights: readonly number[], count: number): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    out.push(lo);
  }
  return out.sort((a, b) => a - b);
}

/** A new subscriber's plan and habits; `yearsIn` moves the plan mix towards faster plans. */
export function drawTraits(rng: Random, p: IspProfile, yearsIn: number): Traits {
  const t = Math.min(1, Math.max(0, yearsIn));
  const planIndex = rng.weighted(p.plans.map((x) => x.weight + (x.weightLaterYear - x.weight) * t));
  const payer = (['prompt', 'card', 'late', 'defaulter'] as const)[rng.weighted(p.payers)]!;
  const heavy = rng.chance(0.05);
  const usage = Math.min(12, rng.logNormal(0.9, 0.5) * (heavy ? 3.2 : 1));
  // Most lines report in the evening or around midnight; the spread keeps the hourly rollups filled.
  const reportHour = (rng.weighted([3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3]) + rng.next()) % 24;
  return { planIndex, payer, usage, heavy, priceSensitivity: rng.next(), reportHour };
}

const recent = (days: readonly number[], today: number, window: number) => days.filter((d) => d <= today && today - d <= window).length;

/**
 * The probability of leaving today. A published shape: churn is highest in the first months,
 * rises with price relative to the market, and with each outage, badly handled ticket,
 * late payment and suspension in the months before.
 */
export function churnHazard(p: IspProfile, traits: Traits, x: Experience, joined: string, day: string, today: number, planPrice: number, medianPrice: number): number {
  const tenureMonths = daysBetween(joined, day) / 30.44;
  const tenure = tenureMonths < 3 ? 1.8 : tenureMonths < 6 ? 1.35 : tenureMonths < 12 ? 1 : tenureMonths < 24 ? 0.8 : 0.6;
  const price = (planPrice / medianPrice) ** (0.3 + 0.7 * traits.priceSensitivity);
  const outages = 1 + 0.7 * recent(x.outages, today, 60);
  const tickets = 1 + 0.8 * recent(x.slowTickets, today, 90) + 0.15 * recent(x.tickets, today, 60);
  const payments = 1 + 0.35 * recent(x.latePayments, today, 180) + 0.8 * recent(x.suspensions, today, 120);
  const monthly = Math.min(0.6, p.churnPerMonth * tenure * price * outages * tickets * payments);
  return 1 - (1 - monthly) ** (1 / 30.44);
}

/** Today's plan move: up (heavier users, those who hit the fair-use quota), down (price-sensitive), or none. */
export function planMove(rng: Random, traits: Traits, x: Experience, planIndex: number, plans: number, today: number): -1 | 0 | 1 {
  const up = (0.012 + (traits.heavy ? 0.02 : 0) + 0.05 * recent(x.fupMonths, today, 45)) / 30.44;
  const down = (0.004 * traits.priceSensitivity + 0.01 * recent(x.latePayments, today, 90)) / 30.44;
  const r = rng.next();
  if (r < up && planIndex < plans - 1) return 1;
  if (r > 1 - down && planIndex > 0) return -1;
  return 0;
}
