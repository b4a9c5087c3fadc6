import type { RegularSeries } from './series.ts';

/**
 * The seasonal-naive forecast, the yardstick of MASE: each step repeats the value one season
 * earlier (the latest season with a value there, the last value when none has).
 */
export function seasonalNaive(series: RegularSeries, horizon: number, period: number): number[] {
  const v = series.values;
  let lastPresent = NaN;
  for (let i = v.length - 1; i >= 0; i--) if (Number.isFinite(v[i])) { lastPresent = v[i]!; break; }
  const out: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    let value = NaN;
    for (let back = Math.ceil(h / period) * period; v.length - 1 + h - back >= 0; back += period) {
      const x = v[v.length - 1 + h - back];
      if (x !== undefined && Number.isFinite(x)) { value = x; break; }
    }
    out.push(Number.isFinite(value) ? value : lastPresent);
  }
  return out;
}

/** MASE's scale: the mean absolute in-sample error of the seasonal-naive forecast (pairs with a gap skipped). */
export function seasonalNaiveScale(values: readonly number[], period: number): number {
  let s = 0;
  let n = 0;
  for (let t = period; t < values.length; t++) {
    const a = values[t]!;
    const b = values[t - period]!;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      s += Math.abs(a - b);
      n++;
    }
  }
  return n ? s / n : NaN;
}
