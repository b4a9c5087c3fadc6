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

export function crossValidate(rows: number[][], labels: number[], featureNames: string[], k: number, options: ChurnModelOptions, seed = 2024): CrossValidationReport {
  if (!Number.isInteger(k) || k < 2) throw new Error('cross-validation needs at least 2 folds');
  const fold = stratifiedFolds(labels, k, seed);
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
