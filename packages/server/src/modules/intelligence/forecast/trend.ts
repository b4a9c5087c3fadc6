/**
 * Monthly figures (subscribers, MRR): a handful to a few dozen points with a trend and no daily
 * or weekly season, so Holt's linear method with a damped trend (ETS(A,Ad,N)): the trend of
 * the last months carries on but fades, which is what a growing customer base does more often
 * than growing without end. α, β, φ by grid search on the one-step errors; intervals from
 * their standard deviation with the model's h-step variance factor.
 */
export type TrendForecast = { mean: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[]; params: { alpha: number; beta: number; phi: number; sd: number } };

const grid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const phis = [0.8, 0.85, 0.9, 0.95, 0.98];

function run(y: readonly number[], alpha: number, beta: number, phi: number) {
  let level = y[0]!;
  let trend = y.length > 1 ? y[1]! - y[0]! : 0;
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const f = level + phi * trend;
    const e = y[t]! - f;
    sse += e * e;
    const newLevel = f + alpha * e;
    trend = phi * trend + alpha * beta * e;
    level = newLevel;
  }
  return { level, trend, sse };
}

/** Forecast of the next `horizon` values; needs at least 3 values (null otherwise). */
export function dampedTrendForecast(y: readonly number[], horizon: number): TrendForecast | null {
  if (y.length < 3 || y.some((v) => !Number.isFinite(v))) return null;
  let best = { alpha: 0.5, beta: 0.1, phi: 0.9, sse: Infinity };
  for (const alpha of grid) for (const beta of grid) for (const phi of phis) {
    const { sse } = run(y, alpha, beta, phi);
    if (sse < best.sse) best = { alpha, beta, phi, sse };
  }
  const { level, trend } = run(y, best.alpha, best.beta, best.phi);
  const sd = Math.sqrt(best.sse / Math.max(1, y.length - 3));
  const out: TrendForecast = { mean: [], lower80: [], upper80: [], lower95: [], upper95: [], params: { alpha: best.alpha, beta: best.beta, phi: best.phi, sd } };
  let damp = 0;
  let varFactor = 1;
  let cum = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += best.phi ** h;
    const m = level + damp * trend;
    if (h > 1) {
      cum += best.phi ** (h - 1);
      varFactor += (best.alpha * (1 + best.beta * cum)) ** 2;
    }
    const s = sd * Math.sqrt(varFactor);
    out.mean.push(m);
    out.lower80.push(m - 1.2816 * s);
    out.upper80.push(m + 1.2816 * s);
    out.lower95.push(m - 1.96 * s);
    out.upper95.push(m + 1.96 * s);
  }
  return out;
}
