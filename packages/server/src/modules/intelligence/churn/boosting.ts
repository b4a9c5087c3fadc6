/**
 * Gradient-boosted decision trees for a binary label (log-loss, second-order leaf values, L2 on
 * leaf weights, row subsampling, histogram splits on quantile bins), written here because the
 * npm libraries for boosting are either native bindings (a build step on every server) or
 * unmaintained. Deterministic: the row subsample comes from a seeded generator.
 *
 * Every node keeps the value the tree would give if it stopped there, so a prediction splits
 * exactly into a bias plus one contribution per feature (the change in value at each split on
 * that feature along the row's path) — the reasons a subscriber sees.
 */

export interface BoostingOptions {
  trees: number;
  depth: number;
  learningRate: number;
  l2: number;
  minChildHessian: number;
  subsample: number;
  maxBins: number;
  seed: number;
}

export const defaultBoostingOptions: BoostingOptions = {
  trees: 300,
  depth: 3,
  learningRate: 0.04,
  l2: 5,
  minChildHessian: 5,
  subsample: 0.8,
  maxBins: 32,
  seed: 1,
};

/** A node: a split (feature ≥ 0: row[feature] <= threshold goes left) or a leaf (feature −1). */
export interface TreeNode {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  value: number;
}

export interface BoostingModel {
  kind: 'boosting';
  featureNames: string[];
  base: number;
  trees: TreeNode[][];
}

/** mulberry32: a small seeded generator, enough for subsampling. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Split points per feature: midpoints between distinct quantile values of the training column. */
function binThresholds(rows: number[][], j: number, maxBins: number): number[] {
  const values = rows.map((r) => r[j]!).sort((a, b) => a - b);
  const distinct: number[] = [];
  for (const v of values) if (distinct[distinct.length - 1] !== v) distinct.push(v);
  if (distinct.length <= maxBins) return distinct.slice(0, -1).map((v, i) => (v + distinct[i + 1]!) / 2);
  const cuts = new Set<number>();
  for (let b = 1; b < maxBins; b++) {
    const q = values[Math.floor((b * values.length) / maxBins)]!;
    const next = distinct.find((v) => v > q);
    if (next !== undefined) cuts.add((q + next) / 2);
  }
  return [...cuts].sort((a, b) => a - b);
}

function binOf(thresholds: number[], v: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= thresholds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function fitBoosting(featureNames: string[], rows: number[][], labels: number[], options: BoostingOptions = defaultBoostingOptions): BoostingModel {
  const n = rows.length;
  const d = featureNames.length;
  if (n === 0) throw new Error('gradient boosting: no training rows');
  const thresholds = featureNames.map((_, j) => binThresholds(rows, j, options.maxBins));
  // Column-major bin numbers (maxBins ≤ 256), so a histogram pass reads one contiguous column.
  if (options.maxBins > 256) throw new Error('gradient boosting: maxBins is at most 256');
  const bins = thresholds.map((t, j) => Uint8Array.from(rows, (r) => binOf(t, r[j]!)));
  const positives = labels.reduce((s, y) => s + y, 0);
  const prior = Math.min(Math.max(positives / n, 1e-6), 1 - 1e-6);
  const base = Math.log(prior / (1 - prior));
  const score = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const random = seededRandom(options.seed);
  const trees: TreeNode[][] = [];
  const lr = options.learningRate;
  const leafValue = (G: number, H: number) => (-G / (H + options.l2)) * lr;

  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      g[i] = p - labels[i]!;
      h[i] = Math.max(p * (1 - p), 1e-12);
    }
    const sample: number[] = [];
    for (let i = 0; i < n; i++) if (random() < options.subsample) sample.push(i);
    const nodes: TreeNode[] = [];
    const grow = (idx: number[], depth: number): number => {
      let G = 0;
      let H = 0;
      for (const i of idx) {
        G += g[i]!;
        H += h[i]!;
      }
      const id = nodes.length;
      nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: leafValue(G, H) });
      if (depth >= options.depth || H < 2 * options.minChildHessian) return id;
      const parentGain = (G * G) / (H + options.l2);
      let best = { gain: 1e-9, feature: -1, bin: -1 };
      for (let j = 0; j < d; j++) {
        const nb = thresholds[j]!.length + 1;
        if (nb < 2) continue;
        const hg = new Float64Array(nb);
        const hh = new Float64Array(nb);
        const column = bins[j]!;
        for (let k = 0; k < idx.length; k++) {
          const i = idx[k]!;
          const b = column[i]!;
          hg[b]! += g[i]!;
          hh[b]! += h[i]!;
        }
        let GL = 0;
        let HL = 0;
        for (let b = 0; b < nb - 1; b++) {
          GL += hg[b]!;
          HL += hh[b]!;
          const HR = H - HL;
          if (HL < options.minChildHessian || HR < options.minChildHessian) continue;
          const GR = G - GL;
          const gain = (GL * GL) / (HL + options.l2) + (GR * GR) / (HR + options.l2) - parentGain;
          if (gain > best.gain) best = { gain, feature: j, bin: b };
        }
      }
      if (best.feature < 0) return id;
      const left: number[] = [];
      const right: number[] = [];
      const column = bins[best.feature]!;
      for (const i of idx) (column[i]! <= best.bin ? left : right).push(i);
      const node = nodes[id]!;
      node.feature = best.feature;
      node.threshold = thresholds[best.feature]![best.bin]!;
      node.left = grow(left, depth + 1);
      node.right = grow(right, depth + 1);
      return id;
    };
    grow(sample, 0);
    trees.push(nodes);
    for (let i = 0; i < n; i++) score[i]! += leafOf(nodes, rows[i]!).value;
  }
  return { kind: 'boosting', featureNames, base, trees };
}

function leafOf(nodes: TreeNode[], row: number[]): TreeNode {
  let node = nodes[0]!;
  while (node.feature >= 0) node = nodes[row[node.feature]! <= node.threshold ? node.left : node.right]!;
  return node;
}

export function boostingLogit(model: BoostingModel, row: number[]): number {
  let s = model.base;
  for (const nodes of model.trees) s += leafOf(nodes, row).value;
  return s;
}

export function predictBoosting(model: BoostingModel, row: number[]): number {
  return 1 / (1 + Math.exp(-boostingLogit(model, row)));
}

/** Bias (base + every root's value) and per-feature contributions; bias + Σ contributions = logit. */
export function boostingContributions(model: BoostingModel, row: number[]): { bias: number; contributions: number[] } {
  const contributions = new Array<number>(model.featureNames.length).fill(0);
  let bias = model.base;
  for (const nodes of model.trees) {
    let node = nodes[0]!;
    bias += node.value;
    while (node.feature >= 0) {
      const next = nodes[row[node.feature]! <= node.threshold ? node.left : node.right]!;
      contributions[node.feature]! += next.value - node.value;
      node = next;
    }
  }
  return { bias, contributions };
}
