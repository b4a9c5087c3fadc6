import { weightedRidge } from './linear.ts';
import type { RegularSeries } from './series.ts';

/**
 * The traffic forecaster: dynamic harmonic regression. A level and a linear trend, Fourier terms
 * for the day and the week (the shape of an ISP's busy evening and its weekend), fitted by
 * weighted ridge least squares with recent hours weighing more (a half-life, so the level
 * follows the series) and Huber reweighting (so a flood or an outage does not bend the curve);
 * then an AR(p) on what is left, for the next hours' persistence. Traffic is multiplicative (the
 * evening peak grows with the subscriber count), so non-negative series are modelled in logs.
 * Prediction intervals: the AR's ψ-weights give the h-step variance of the residual process.
 *
 * Why not a library: `arima` (SARIMA) takes one seasonal period, so a weekly season at hourly
 * steps would be a 168-lag seasonal difference with only a couple of weeks to learn it, and it
 * has no gaps; TBATS, Prophet and friends have no maintained JavaScript port. This model is
 * TBATS's trigonometric seasonality and Prophet's structure in ~200 lines, with gaps for free
 * (a gap is a missing regression row).
 */
export const forecastModelVersion = 'dhr-ar/1';

export type ForecastOptions = {
  /** Fourier pairs for the daily season (capped below half the steps per day). */
  dailyHarmonics: number;
  /** Fourier pairs for the weekly season, used once `weeklyAfterDays` of history exist (three weeks: two are too few to tell a weekly shape from noise). */
  weeklyHarmonics: number;
  weeklyAfterDays: number;
  /** Weight halves every this many days into the past. */
  halfLifeDays: number;
  arOrder: number;
  /** Ridge penalty on the Fourier terms, relative to the total weight. */
  ridge: number;
  /** 'auto': logs when no value is negative. */
  transform: 'auto' | 'log' | 'none';
  /** No trend below this many days of history: over a fortnight a level shift looks like a trend. */
  trendAfterDays: number;
  /** Days at the end whose median residual moves the level (0: none). */
  levelDays: number;
};

export const defaultForecastOptions: ForecastOptions = {
  dailyHarmonics: 6,
  weeklyHarmonics: 3,
  weeklyAfterDays: 21,
  halfLifeDays: 3,
  arOrder: 2,
  ridge: 1e-3,
  transform: 'auto',
  trendAfterDays: 28,
  levelDays: 1,
};

export type Forecast = {
  modelVersion: string;
  start: number;
  step: number;
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
  /** The figures behind the forecast, for the reader. */
  explain: {
    transform: 'log' | 'none';
    trainingPoints: number;
    trendPerDay: number;
    dailyHarmonics: number;
    weeklyHarmonics: number;
    ar: number[];
    residualSd: number;
  };
};

export class ForecastInputError extends Error {}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const Z80 = 1.2816;
const Z95 = 1.96;

type Design = { daily: number; weekly: number; end: number };

function designRow(t: number, d: Design): Float64Array {
  const x = new Float64Array(2 + 2 * d.daily + 2 * d.weekly);
  x[0] = 1;
  x[1] = (t - d.end) / DAY;
  let j = 2;
  const pd = (2 * Math.PI * (((t % DAY) + DAY) % DAY)) / DAY;
  for (let k = 1; k <= d.daily; k++) {
    x[j++] = Math.sin(k * pd);
    x[j++] = Math.cos(k * pd);
  }
  const pw = (2 * Math.PI * (((t % WEEK) + WEEK) % WEEK)) / WEEK;
  for (let k = 1; k <= d.weekly; k++) {
    x[j++] = Math.sin(k * pw);
    x[j++] = Math.cos(k * pw);
  }
  return x;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Forecasts `horizon` steps after the series' last step. Throws ForecastInputError on too little data. */
export function forecastSeries(series: RegularSeries, horizon: number, options: Partial<ForecastOptions> = {}): Forecast {
  const o = { ...defaultForecastOptions, ...options };
  const { start, step, values } = series;
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) idx.push(i);
  if (idx.length < 8) throw new ForecastInputError('At least 8 values are needed for a forecast');
  if (!Number.isInteger(horizon) || horizon < 1) throw new ForecastInputError('The horizon must be a whole number of steps, at least 1');
  const last = idx.at(-1)!;
  const spanDays = ((last - idx[0]!) * step) / DAY;

  const present = idx.map((i) => values[i]!);
  const transform: 'log' | 'none' = o.transform === 'auto' ? (Math.min(...present) >= 0 ? 'log' : 'none') : o.transform;
  // The offset keeps zeros finite and stops near-zero hours from dominating the fit.
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const offset = transform === 'log' ? Math.max(0.05 * mean, 1e-9) : 0;
  const fwd = (v: number) => (transform === 'log' ? Math.log(Math.max(v, 0) + offset) : v);
  const inv = (z: number) => (transform === 'log' ? Math.max(Math.exp(z) - offset, 0) : z);

  const stepsPerDay = DAY / step;
  const design: Design = {
    daily: spanDays >= 2 && stepsPerDay >= 3 ? Math.min(o.dailyHarmonics, Math.floor((stepsPerDay - 1) / 2)) : 0,
    weekly: spanDays >= o.weeklyAfterDays && step < WEEK / 3 ? o.weeklyHarmonics : 0,
    end: start + last * step,
  };
  const rows = idx.map((i) => designRow(start + i * step, design));
  const y = idx.map((i) => fwd(values[i]!));
  const decay = idx.map((i) => 0.5 ** (((last - i) * step) / (o.halfLifeDays * DAY)));
  const totalWeight = decay.reduce((a, b) => a + b, 0);
  const p = rows[0]!.length;
  const penalty = Array.from({ length: p }, (_, j) => (j < 2 ? 0 : o.ridge * totalWeight));
  // A trend needs some history before it means anything: tie it down on short series.
  if (spanDays < o.trendAfterDays) penalty[1] = 1e6 * totalWeight;

  let beta = weightedRidge(rows, y, decay, penalty);
  const fitted = (x: Float64Array) => {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[j]! * beta[j]!;
    return s;
  };
  for (let iter = 0; iter < 2; iter++) {
    const res = rows.map((x, k) => y[k]! - fitted(x));
    const scale = 1.4826 * median(res.map(Math.abs)) || 1e-12;
    const huber = res.map((r) => Math.min(1, (1.345 * scale) / Math.max(Math.abs(r), 1e-300)));
    beta = weightedRidge(rows, y, decay.map((w, k) => w * huber[k]!), penalty);
  }

  // Residuals on the whole grid from the first present value (NaN at gaps), for the AR part.
  const first = idx[0]!;
  const resid = new Float64Array(last - first + 1).fill(NaN);
  for (let k = 0; k < idx.length; k++) resid[idx[k]! - first] = y[k]! - fitted(rows[k]!);
  // The level of the last day: a shift the weighted fit has not caught up with yet (a link moved,
  // a customer left) carries into the forecast instead of decaying back to the old level.
  const recent: number[] = [];
  for (let t = Math.max(0, resid.length - Math.round(o.levelDays * stepsPerDay)); t < resid.length; t++) if (Number.isFinite(resid[t]!)) recent.push(resid[t]!);
  const shift = o.levelDays > 0 ? median(recent) : 0;
  for (let t = 0; t < resid.length; t++) resid[t]! -= shift;
  const ar = fitAr(resid, o.arOrder);
  const sigma = arInnovationSd(resid, ar);

  const mean_: number[] = [];
  const bands = { lower80: [] as number[], upper80: [] as number[], lower95: [] as number[], upper95: [] as number[] };
  const hist = Array.from({ length: ar.length }, (_, j) => {
    const r = resid[resid.length - 1 - j];
    return r !== undefined && Number.isFinite(r) ? r : 0;
  });
  const psi: number[] = [1];
  let varSum = 0;
  for (let h = 1; h <= horizon; h++) {
    let rHat = 0;
    for (let j = 0; j < ar.length; j++) rHat += ar[j]! * hist[j]!;
    hist.unshift(rHat);
    hist.length = ar.length;
    varSum += psi[h - 1]! ** 2;
    let nextPsi = 0;
    for (let j = 0; j < ar.length; j++) if (h - 1 - j >= 0) nextPsi += ar[j]! * psi[h - 1 - j]!;
    psi.push(nextPsi);
    const z = fitted(designRow(start + (last + h) * step, design)) + shift + rHat;
    const sd = sigma * Math.sqrt(varSum);
    mean_.push(inv(z));
    bands.lower80.push(inv(z - Z80 * sd));
    bands.upper80.push(inv(z + Z80 * sd));
    bands.lower95.push(inv(z - Z95 * sd));
    bands.upper95.push(inv(z + Z95 * sd));
  }
  return {
    modelVersion: forecastModelVersion,
    start: start + (last + 1) * step,
    step,
    mean: mean_,
    ...bands,
    explain: { transform, trainingPoints: idx.length, trendPerDay: beta[1]!, dailyHarmonics: design.daily, weeklyHarmonics: design.weekly, ar: [...ar], residualSd: sigma },
  };
}

/** AR(p) coefficients by least squares over the stretches without gaps, kept stationary (Σ|φ| < 1). */
function fitAr(r: Float64Array, order: number): number[] {
  if (order === 0) return [];
  const rows: Float64Array[] = [];
  const y: number[] = [];
  for (let t = order; t < r.length; t++) {
    if (!Number.isFinite(r[t]!)) continue;
    const x = new Float64Array(order);
    let ok = true;
    for (let j = 0; j < order; j++) {
      x[j] = r[t - 1 - j]!;
      if (!Number.isFinite(x[j]!)) ok = false;
    }
    if (!ok) continue;
    rows.push(x);
    y.push(r[t]!);
  }
  if (rows.length < 4 * order) return [];
  const phi = Array.from(weightedRidge(rows, y, y.map(() => 1), Array.from({ length: order }, () => 1e-6 * rows.length)));
  const l1 = phi.reduce((a, b) => a + Math.abs(b), 0);
  return l1 >= 0.98 ? phi.map((f) => (f * 0.98) / l1) : phi;
}

/** The standard deviation of the AR's one-step errors (of the residuals themselves when there is no AR). */
function arInnovationSd(r: Float64Array, ar: number[]): number {
  let s = 0;
  let n = 0;
  for (let t = ar.length; t < r.length; t++) {
    if (!Number.isFinite(r[t]!)) continue;
    let e = r[t]!;
    let ok = true;
    for (let j = 0; j < ar.length; j++) {
      const v = r[t - 1 - j]!;
      if (!Number.isFinite(v)) ok = false;
      else e -= ar[j]! * v;
    }
    if (!ok) continue;
    s += e * e;
    n++;
  }
  return n > 1 ? Math.sqrt(s / (n - 1)) : 0;
}
