import { seasonalNaive, seasonalNaiveScale } from './baseline.ts';
import { forecastSeries, type ForecastOptions } from './model.ts';
import type { RegularSeries } from './series.ts';

export type BacktestSetup = { horizon: number; origins: number; period: number };

export type BacktestRow = {
  series: string;
  /** Steps of the regular series (gaps included) and how many hold a value. */
  n: number;
  present: number;
  horizon: number;
  origins: number;
  /** MASE (Hyndman & Koehler 2006): test MAE over the training part's in-sample seasonal-naive MAE, averaged over origins. */
  maseModel: number;
  maseNaive: number;
  /** Our MAE over the seasonal-naive forecast's MAE on the same held-back points: below 1 is better. */
  relative: number;
  /** Share of held-back points inside the 80 % and 95 % prediction intervals. */
  coverage80: number;
  coverage95: number;
};

/**
 * Rolling-origin backtest on the series' tail: for k = origins … 1, train on everything before the
 * last k·horizon steps and forecast the next `horizon` steps. Points that are gaps are not scored.
 * Returns null when the series is too short for the setup (less than four seasons of training).
 */
export function backtestSeries(name: string, s: RegularSeries, setup: BacktestSetup, options: Partial<ForecastOptions> = {}): BacktestRow | null {
  const { horizon, origins, period } = setup;
  const n = s.values.length;
  if (n - origins * horizon < 4 * period) return null;
  let maeModel = 0;
  let maeNaive = 0;
  let mase = 0;
  let maseNaive = 0;
  let scored = 0;
  let in80 = 0;
  let in95 = 0;
  let used = 0;
  for (let k = origins; k >= 1; k--) {
    const cut = n - k * horizon;
    const train: RegularSeries = { start: s.start, step: s.step, values: s.values.slice(0, cut) };
    // Trailing gaps are not history: the forecast starts at the first held-back step either way.
    while (train.values.length && !Number.isFinite(train.values.at(-1)!)) train.values.pop();
    const lead = cut - train.values.length;
    const test = s.values.slice(cut, cut + horizon);
    const scale = seasonalNaiveScale(train.values, period);
    if (!(scale > 0) || train.values.length < 2 * period) continue;
    const f = forecastSeries(train, horizon + lead, options);
    const naive = seasonalNaive(train, horizon + lead, period);
    let em = 0;
    let en = 0;
    let m = 0;
    for (let h = 0; h < horizon; h++) {
      const actual = test[h]!;
      if (!Number.isFinite(actual)) continue;
      const fm = f.mean[h + lead]!;
      em += Math.abs(actual - fm);
      en += Math.abs(actual - naive[h + lead]!);
      if (actual >= f.lower80[h + lead]! && actual <= f.upper80[h + lead]!) in80++;
      if (actual >= f.lower95[h + lead]! && actual <= f.upper95[h + lead]!) in95++;
      m++;
    }
    if (m === 0) continue;
    maeModel += em;
    maeNaive += en;
    mase += em / m / scale;
    maseNaive += en / m / scale;
    scored += m;
    used++;
  }
  if (used === 0) return null;
  let present = 0;
  for (const v of s.values) if (Number.isFinite(v)) present++;
  return {
    series: name, n, present, horizon, origins: used,
    maseModel: mase / used, maseNaive: maseNaive / used,
    relative: maeNaive > 0 ? maeModel / maeNaive : NaN,
    coverage80: in80 / scored, coverage95: in95 / scored,
  };
}

/** The table the CLI prints, fixed-width, with a summary line. */
export function formatBacktest(rows: readonly BacktestRow[]): string {
  const head = ['series', 'n', 'present', 'horizon', 'origins', 'MASE model', 'MASE s-naive', 'model/naive', 'cover80', 'cover95'];
  const body = rows.map((r) => [r.series, String(r.n), String(r.present), String(r.horizon), String(r.origins), r.maseModel.toFixed(3), r.maseNaive.toFixed(3), r.relative.toFixed(3), pct(r.coverage80), pct(r.coverage95)]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j]!.length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  const better = rows.filter((r) => r.relative < 1).length;
  const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN; };
  return [
    line(head),
    ...body.map(line),
    '',
    `${better} of ${rows.length} series better than seasonal naive (model/naive < 1); median model/naive ${med(rows.map((r) => r.relative)).toFixed(3)}, median MASE model ${med(rows.map((r) => r.maseModel)).toFixed(3)} vs s-naive ${med(rows.map((r) => r.maseNaive)).toFixed(3)}`,
  ].join('\n');
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
