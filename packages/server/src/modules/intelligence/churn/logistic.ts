/**
 * L2-regularised logistic regression, fitted by Newton's method (IRLS) on standardised features.
 * The scaler is part of the model (fitted on the training rows only), so a cross-validation fold
 * that fits the model fits its scaler too. Reasons come out of the same arithmetic: a feature's
 * contribution to the log-odds is its coefficient × its standardised value.
 */

export interface LogisticOptions {
  /** Penalty on the squared coefficients (not on the intercept), in units of the mean log-loss. */
  l2: number;
  maxIterations?: number;
}

export interface LogisticModel {
  kind: 'logistic';
  featureNames: string[];
  means: number[];
  scales: number[];
  intercept: number;
  coefficients: number[];
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A x = b for a symmetric positive-definite A (Cholesky); A is not modified. */
function solveSpd(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = a.map((r) => r.slice());
  for (let j = 0; j < n; j++) {
    let d = l[j]![j]!;
    for (let k = 0; k < j; k++) d -= l[j]![k]! ** 2;
    if (!(d > 0)) throw new Error('logistic regression: the Hessian is not positive definite');
    const ljj = Math.sqrt(d);
    l[j]![j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = l[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = s / ljj;
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

export function fitLogistic(featureNames: string[], rows: number[][], labels: number[], options: LogisticOptions): LogisticModel {
  const n = rows.length;
  const d = featureNames.length;
  if (n === 0) throw new Error('logistic regression: no training rows');
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j]! += r[j]! / n;
  for (const r of rows) for (let j = 0; j < d; j++) scales[j]! += (r[j]! - means[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scales[j] = Math.sqrt(scales[j]!) || 1; // a constant column stays 0 after centring
  const z = rows.map((r) => r.map((v, j) => (v - means[j]!) / scales[j]!));
  // w[0] is the intercept; the penalty is λ·n/2·|β|² so λ does not depend on the row count.
  const w = new Array<number>(d + 1).fill(0);
  const lambda = options.l2 * n;
  const maxIt = options.maxIterations ?? 50;
  for (let it = 0; it < maxIt; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const x = z[i]!;
      let eta = w[0]!;
      for (let j = 0; j < d; j++) eta += w[j + 1]! * x[j]!;
      const p = sigmoid(eta);
      const g = p - labels[i]!;
      const h = Math.max(p * (1 - p), 1e-10);
      grad[0]! += g;
      hess[0]![0]! += h;
      for (let j = 0; j < d; j++) {
        const hx = h * x[j]!;
        grad[j + 1]! += g * x[j]!;
        hess[0]![j + 1]! += hx;
        const row = hess[j + 1]!;
        for (let k = 0; k <= j; k++) row[k + 1]! += hx * x[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      hess[j]![0] = hess[0]![j]!;
      for (let k = 1; k < j; k++) hess[k]![j] = hess[j]![k]!;
      grad[j]! += lambda * w[j]!;
      hess[j]![j]! += lambda;
    }
    hess[0]![0]! += 1e-9;
    const step = solveSpd(hess, grad);
    let maxStep = 0;
    for (let j = 0; j <= d; j++) {
      w[j]! -= step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!));
    }
    if (maxStep < 1e-8) break;
  }
  return { kind: 'logistic', featureNames, means, scales, intercept: w[0]!, coefficients: w.slice(1) };
}

/** Per-feature contributions to the log-odds (coefficient × standardised value). */
export function logisticContributions(model: LogisticModel, row: number[]): number[] {
  return model.coefficients.map((c, j) => (c * (row[j]! - model.means[j]!)) / model.scales[j]!);
}

export function logisticLogit(model: LogisticModel, row: number[]): number {
  let eta = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++) eta += (model.coefficients[j]! * (row[j]! - model.means[j]!)) / model.scales[j]!;
  return eta;
}

export function predictLogistic(model: LogisticModel, row: number[]): number {
  return sigmoid(logisticLogit(model, row));
}

export { sigmoid };
