/** Scoring a probabilistic classifier: ROC AUC, Brier score, a reliability table; stratified folds. */
import { seededRandom } from './boosting.ts';

/** ROC AUC as the Mann–Whitney statistic (ties count one half). */
export function rocAuc(labels: number[], scores: number[]): number {
  const order = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.s === order[i]!.s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k]!.y === 1) {
      rankSumPos += midRank;
      pos++;
    }
    i = j;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function brierScore(labels: number[], probabilities: number[]): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (probabilities[i]! - labels[i]!) ** 2;
  return s / labels.length;
}

export function logLoss(labels: number[], probabilities: number[]): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i]!, 1e-15), 1 - 1e-15);
    s -= labels[i]! ? Math.log(p) : Math.log(1 - p);
  }
  return s / labels.length;
}

export interface ReliabilityBin {
  bin: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Rows sorted by predicted probability and cut into `bins` equal-count groups (deciles by default). */
export function reliabilityTable(labels: number[], probabilities: number[], bins = 10): ReliabilityBin[] {
  const order = probabilities.map((p, i) => i).sort((a, b) => probabilities[a]! - probabilities[b]!);
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * order.length) / bins);
    const to = Math.floor(((b + 1) * order.length) / bins);
    let p = 0;
    let y = 0;
    for (let k = from; k < to; k++) {
      p += probabilities[order[k]!]!;
      y += labels[order[k]!]!;
    }
    const count = to - from;
    out.push({ bin: b + 1, count, meanPredicted: count ? p / count : NaN, observedRate: count ? y / count : NaN });
  }
  return out;
}

/** Expected calibration error over a reliability table: the count-weighted mean |predicted − observed|. */
export function calibrationError(table: ReliabilityBin[]): number {
  const total = table.reduce((s, b) => s + b.count, 0);
  return table.reduce((s, b) => s + (b.count ? (b.count / total) * Math.abs(b.meanPredicted - b.observedRate) : 0), 0);
}

/** Fold number (0..k−1) per row, each class spread evenly over the folds after a seeded shuffle. */
export function stratifiedFolds(labels: number[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const fold = new Array<number>(labels.length).fill(0);
  for (const cls of [0, 1]) {
    const idx = labels.map((y, i) => (y === cls ? i : -1)).filter((i) => i >= 0);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((row, r) => (fold[row] = r % k));
  }
  return fold;
}

export function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(values.length - 1, 1));
  return { mean, sd };
}
