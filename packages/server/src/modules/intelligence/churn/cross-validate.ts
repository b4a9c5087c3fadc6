/** Stratified k-fold cross-validation of the churn model: every fold fits everything (scaler, bins, trees) on its own training part. */
import { fitChurnModel, predictChurn, type ChurnModelOptions } from './churn-model.ts';
import { brierScore, calibrationError, logLoss, meanAndSd, reliabilityTable, rocAuc, stratifiedFolds, type ReliabilityBin } from './metrics.ts';

export interface CrossValidationReport {
  folds: number;
  foldAuc: number[];
  auc: { mean: number; sd: number };
  /** On the pooled out-of-fold predictions. */
  pooledAuc: number;
  brier: number;
  logLoss: number;
  calibrationError: number;
  reliability: ReliabilityBin[];
  outOfFold: number[];
}

/**
 * `groups` (optional, one per row): rows of one group (a subscriber seen at several moments)
 * stay in one fold, so a fold is never scored on someone it trained on.
 */
export function crossValidate(rows: number[][], labels: number[], featureNames: string[], k: number, options: ChurnModelOptions, seed = 2024, groups?: readonly string[]): CrossValidationReport {
  if (!Number.isInteger(k) || k < 2) throw new Error('cross-validation needs at least 2 folds');
  const fold = groups ? groupedFolds(labels, groups, k, seed) : stratifiedFolds(labels, k, seed);
  const outOfFold = new Array<number>(rows.length).fill(NaN);
  const foldAuc: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = rows.flatMap((r, i) => (fold[i] === f ? [] : [i]));
    const test = rows.flatMap((r, i) => (fold[i] === f ? [i] : []));
    const model = fitChurnModel(featureNames, train.map((i) => rows[i]!), train.map((i) => labels[i]!), options);
    const p = test.map((i) => predictChurn(model, rows[i]!));
    test.forEach((i, j) => (outOfFold[i] = p[j]!));
    foldAuc.push(rocAuc(test.map((i) => labels[i]!), p));
  }
  const reliability = reliabilityTable(labels, outOfFold);
  return {
    folds: k,
    foldAuc,
    auc: meanAndSd(foldAuc),
    pooledAuc: rocAuc(labels, outOfFold),
    brier: brierScore(labels, outOfFold),
    logLoss: logLoss(labels, outOfFold),
    calibrationError: calibrationError(reliability),
    reliability,
    outOfFold,
  };
}

/** Stratified folds over groups (a group counts as positive if any of its rows is). */
export function groupedFolds(labels: readonly number[], groups: readonly string[], k: number, seed: number): number[] {
  const ids = [...new Set(groups)];
  const index = new Map(ids.map((g, i) => [g, i]));
  const groupLabel = new Array<number>(ids.length).fill(0);
  groups.forEach((g, i) => {
    if (labels[i] === 1) groupLabel[index.get(g)!] = 1;
  });
  const groupFold = stratifiedFolds(groupLabel, k, seed);
  return groups.map((g) => groupFold[index.get(g)!]!);
}
