import type { RegularSeries } from './series.ts';

const DAY = 86_400_000;

export type CapacityOutlook = {
  /** The busy hour today on the trend line (bits per second), and its growth per day. */
  busyHourBps: number;
  trendBpsPerDay: number;
  /** Days of history the trend is fitted on (days with at least half their hours). */
  days: number;
  /** Days until the busy hour reaches the threshold: 0 when it already has, null when not within `withinDays`. */
  daysToThreshold: number | null;
};

/**
 * When a link's busy hour reaches `threshold` of its capacity. The busy hour of each day (the
 * highest hourly mean) over the history, a Theil–Sen line through them (the median of pairwise
 * slopes: a flood or an outage day does not tilt it), and the first day that line or the
 * hour-by-hour `forecast` (from the forecaster, covering the next days) reaches the threshold.
 * Returns null with fewer than 7 usable days.
 */
export function capacityOutlook(hourly: RegularSeries, capacityBps: number, threshold: number, forecastMean: readonly number[], forecastStart: number, withinDays = 365): CapacityOutlook | null {
  const byDay = new Map<number, { max: number; n: number }>();
  hourly.values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    const day = Math.floor((hourly.start + i * hourly.step) / DAY);
    const e = byDay.get(day) ?? { max: -Infinity, n: 0 };
    e.max = Math.max(e.max, v);
    e.n++;
    byDay.set(day, e);
  });
  const stepsPerDay = DAY / hourly.step;
  const peaks = [...byDay].filter(([, e]) => e.n >= stepsPerDay / 2).map(([day, e]) => ({ day, v: e.max })).sort((a, b) => a.day - b.day);
  if (peaks.length < 7) return null;
  const slopes: number[] = [];
  for (let i = 0; i < peaks.length; i++) for (let j = i + 1; j < peaks.length; j++) slopes.push((peaks[j]!.v - peaks[i]!.v) / (peaks[j]!.day - peaks[i]!.day));
  const slope = median(slopes);
  const today = peaks.at(-1)!.day;
  const level = median(peaks.map((p) => p.v - slope * (p.day - today)));
  const limit = threshold * capacityBps;

  let days: number | null = null;
  if (level >= limit) days = 0;
  else if (slope > 0) {
    const d = Math.ceil((limit - level) / slope);
    if (d <= withinDays) days = d;
  }
  const hit = forecastMean.findIndex((v) => v >= limit);
  if (hit >= 0) {
    const d = Math.max(0, Math.floor((forecastStart + hit * hourly.step) / DAY) - today);
    days = days === null ? d : Math.min(days, d);
  }
  return { busyHourBps: level, trendBpsPerDay: slope, days: peaks.length, daysToThreshold: days };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
