/**
 * Weighted ridge least squares for the forecaster's small regressions (tens of columns): the
 * normal equations solved by Cholesky. Small enough that a linear-algebra library adds nothing.
 */

/**
 * β minimising Σ w_i (y_i − x_i·β)² + Σ_j λ_j β_j². `rows` are the design rows; `penalty[j]` is λ_j
 * (0 leaves a column free, e.g. the intercept).
 */
export function weightedRidge(rows: readonly Float64Array[], y: readonly number[], w: readonly number[], penalty: readonly number[]): Float64Array {
  const p = penalty.length;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]!;
    const wi = w[i]!;
    if (wi === 0) continue;
    const wy = wi * y[i]!;
    for (let j = 0; j < p; j++) {
      const wxj = wi * x[j]!;
      b[j]! += x[j]! * wy;
      for (let k = 0; k <= j; k++) a[j * p + k]! += wxj * x[k]!;
    }
  }
  for (let j = 0; j < p; j++) {
    a[j * p + j]! += penalty[j]!;
    for (let k = 0; k < j; k++) a[k * p + j] = a[j * p + k]!;
  }
  return choleskySolve(a, b, p);
}

/** Solves A x = b for a symmetric positive (semi)definite A, with a tiny jitter on a near-singular pivot. */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  let scale = 0;
  for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(a[j * p + j]!));
  const eps = Math.max(scale, 1) * 1e-12;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      let s = a[j * p + k]!;
      for (let m = 0; m < k; m++) s -= l[j * p + m]! * l[k * p + m]!;
      if (j === k) l[j * p + j] = Math.sqrt(Math.max(s, eps));
      else l[j * p + k] = s / l[k * p + k]!;
    }
  }
  const z = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = b[j]!;
    for (let m = 0; m < j; m++) s -= l[j * p + m]! * z[m]!;
    z[j] = s / l[j * p + j]!;
  }
  const x = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = z[j]!;
    for (let m = j + 1; m < p; m++) s -= l[m * p + j]! * x[m]!;
    x[j] = s / l[j * p + j]!;
  }
  return x;
}
