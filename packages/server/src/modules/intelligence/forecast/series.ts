/**
 * Time series as the forecaster takes them: points at any times, made into a regular grid
 * (one mean per step, NaN where no point fell: a gap), and counters made into rates.
 */
export type Point = { t: number; v: number };
/** A regular series: values[i] is the mean over [start + i·step, start + (i+1)·step); NaN is a gap. */
export type RegularSeries = { start: number; step: number; values: number[] };

/**
 * Means per step on a grid aligned to the epoch (so hourly buckets start on the hour), from the
 * first point's bucket to the last's. Points need not be sorted; non-finite values are ignored.
 */
export function regularise(points: readonly Point[], step: number): RegularSeries {
  if (!(step > 0)) throw new RangeError('step must be positive');
  const finite = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v));
  if (finite.length === 0) return { start: 0, step, values: [] };
  let first = Infinity;
  let last = -Infinity;
  for (const p of finite) {
    first = Math.min(first, p.t);
    last = Math.max(last, p.t);
  }
  const start = Math.floor(first / step) * step;
  const n = Math.floor((last - start) / step) + 1;
  const sum = new Float64Array(n);
  const count = new Uint32Array(n);
  for (const p of finite) {
    const i = Math.floor((p.t - start) / step);
    sum[i]! += p.v;
    count[i]! += 1;
  }
  return { start, step, values: Array.from(sum, (s, i) => (count[i] ? s / count[i]! : NaN)) };
}

/**
 * Per-second rates from a cumulative counter (e.g. ifHCInOctets). A counter that went down either
 * wrapped (when `bits` is given and the previous value was in the top tenth of the range: the
 * delta adds 2^bits) or was reset by a reboot; a reset interval is left out rather than guessed,
 * since the traffic before the reset was never reported. Each rate is stamped at the interval's end.
 */
export function countersToRates(points: readonly Point[], bits: 32 | 64 | null = null): Point[] {
  const sorted = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v)).sort((a, b) => a.t - b.t);
  const out: Point[] = [];
  const range = bits === null ? null : 2 ** bits;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    const dt = (cur.t - prev.t) / 1000;
    if (dt <= 0) continue;
    let delta = cur.v - prev.v;
    if (delta < 0) {
      if (range !== null && prev.v >= 0.9 * range && prev.v < range) delta += range;
      else continue;
    }
    out.push({ t: cur.t, v: delta / dt });
  }
  return out;
}

/** How many values are present (not gaps). */
export function presentCount(s: RegularSeries): number {
  let n = 0;
  for (const v of s.values) if (!Number.isNaN(v)) n++;
  return n;
}
