/**
 * The per-ISP churn model's features, from one subscriber's rows as of a moment T (the scoring
 * time, or a training row's cut-off). Only rows before T count, so a training row never sees
 * what happened after its cut-off (least of all the leaving itself). This file turns the raw
 * counts into model inputs; subscriber-features.sql.ts reads the counts.
 */

/** What the database gives per (subscriber, T). Bytes and money as numbers. */
export interface RawSubscriberFacts {
  tenureDays: number;
  /** The plan's price per month in minor units (null: no plan). */
  monthlyPrice: number | null;
  usageLast30: number;
  usagePrev60: number;
  quotaMonths90: number;
  drops90: number;
  outages60: number;
  tickets90: number;
  lateTickets90: number;
  reminders180: number;
  suspensions120: number;
  failedPayments180: number;
  planChanges180: number;
}

/** Stable feature ids (the web translates them); the model sees them in this order. */
export const subscriberFeatureNames = [
  'tenure_months_log',
  'new_customer',
  'price_vs_median',
  'usage_30d_log',
  'usage_trend',
  'quota_exhausted_months',
  'sessions_dropped',
  'outages',
  'tickets',
  'tickets_late',
  'payment_reminders',
  'suspensions',
  'payments_failed',
  'plan_changes',
] as const;
export type SubscriberFeature = (typeof subscriberFeatureNames)[number];

const GB = 1e9;

/**
 * Model inputs and, beside each, the value a person reads in a reason (months, GB, counts).
 * `medianPrice` is the ISP's median monthly plan price over the rows being scored or trained on.
 */
export function subscriberFeatures(f: RawSubscriberFacts, medianPrice: number): { inputs: number[]; shown: number[] } {
  const months = Math.max(0, f.tenureDays) / 30.44;
  const priceRatio = f.monthlyPrice !== null && medianPrice > 0 ? f.monthlyPrice / medianPrice : 1;
  const last = f.usageLast30 / GB;
  const prevMonthly = f.usagePrev60 / 2 / GB;
  // The trend is the log of this month's use over the two before (per month); +0.5 GB keeps idle lines finite.
  const trend = Math.log((last + 0.5) / (prevMonthly + 0.5));
  const pairs: [number, number][] = [
    [Math.log1p(months), months],
    [months < 6 ? 1 : 0, months],
    [Math.log(priceRatio), priceRatio],
    [Math.log1p(last), last],
    // Shown as the percentage change per month, which a person reads more easily than a log ratio.
    [trend, Math.round((Math.exp(trend) - 1) * 100)],
    [f.quotaMonths90, f.quotaMonths90],
    [Math.log1p(f.drops90), f.drops90],
    [f.outages60, f.outages60],
    [Math.log1p(f.tickets90), f.tickets90],
    [f.lateTickets90, f.lateTickets90],
    [Math.log1p(f.reminders180), f.reminders180],
    [f.suspensions120, f.suspensions120],
    [f.failedPayments180, f.failedPayments180],
    [f.planChanges180, f.planChanges180],
  ];
  return { inputs: pairs.map(([x]) => x), shown: pairs.map(([, s]) => s) };
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
