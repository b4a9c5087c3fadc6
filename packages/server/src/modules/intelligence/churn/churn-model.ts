/**
 * The churn model: a logistic regression and gradient-boosted trees fitted on the same features,
 * blended in log-odds (weight `logisticWeight` on the regression). Blending log-odds rather than
 * probabilities keeps the reasons exact: a feature's contribution is the same blend of its two
 * contributions, and bias + Σ contributions is the model's log-odds.
 */
import { boostingContributions, boostingLogit, defaultBoostingOptions, fitBoosting, type BoostingModel, type BoostingOptions } from './boosting.ts';
import { fitLogistic, logisticContributions, logisticLogit, sigmoid, type LogisticModel } from './logistic.ts';

export interface ChurnModelOptions {
  logisticL2: number;
  boosting: BoostingOptions;
  /** 1 = regression only, 0 = trees only. */
  logisticWeight: number;
}

export const defaultChurnModelOptions: ChurnModelOptions = {
  logisticL2: 0.003,
  boosting: defaultBoostingOptions,
  logisticWeight: 0.5,
};

export interface ChurnModel {
  featureNames: string[];
  logisticWeight: number;
  /**
   * Added to the log-odds: log of the rate at which stayers were kept when the training rows
   * were subsampled (0 when they were not), so probabilities refer to the full population.
   */
  logitOffset?: number;
  logistic: LogisticModel | null;
  boosting: BoostingModel | null;
}

export function fitChurnModel(featureNames: string[], rows: number[][], labels: number[], options: ChurnModelOptions = defaultChurnModelOptions): ChurnModel {
  const positives = labels.filter((y) => y === 1).length;
  if (positives === 0 || positives === labels.length) throw new Error('the training rows need both churners and stayers');
  const w = options.logisticWeight;
  return {
    featureNames,
    logisticWeight: w,
    logistic: w > 0 ? fitLogistic(featureNames, rows, labels, { l2: options.logisticL2 }) : null,
    boosting: w < 1 ? fitBoosting(featureNames, rows, labels, options.boosting) : null,
  };
}

export function churnLogit(model: ChurnModel, row: number[]): number {
  const w = model.logisticWeight;
  return (model.logitOffset ?? 0) + (model.logistic ? w * logisticLogit(model.logistic, row) : 0) + (model.boosting ? (1 - w) * boostingLogit(model.boosting, row) : 0);
}

export function predictChurn(model: ChurnModel, row: number[]): number {
  return sigmoid(churnLogit(model, row));
}

export interface Explanation {
  probability: number;
  bias: number;
  /** Feature name → contribution to the log-odds, largest push towards churn first. */
  contributions: { feature: string; value: number; contribution: number }[];
}

/** The model's own per-feature contributions for one row (positive = towards churn). */
export function explainChurn(model: ChurnModel, row: number[]): Explanation {
  const w = model.logisticWeight;
  const total = new Array<number>(model.featureNames.length).fill(0);
  let bias = model.logitOffset ?? 0;
  if (model.logistic) {
    const c = logisticContributions(model.logistic, row);
    c.forEach((v, j) => (total[j]! += w * v));
    bias += w * model.logistic.intercept;
  }
  if (model.boosting) {
    const b = boostingContributions(model.boosting, row);
    b.contributions.forEach((v, j) => (total[j]! += (1 - w) * v));
    bias += (1 - w) * b.bias;
  }
  const contributions = model.featureNames
    .map((feature, j) => ({ feature, value: row[j]!, contribution: total[j]! }))
    .sort((a, b) => b.contribution - a.contribution);
  return { probability: sigmoid(bias + total.reduce((s, v) => s + v, 0)), bias, contributions };
}
