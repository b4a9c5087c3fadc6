/**
 * The CPU-heavy half of a training run, with no database and no clock: cross-validate, fit the
 * model on every row, and explain the current subscribers' risk. It runs in a worker thread
 * (fit-in-thread.ts) so that minutes of arithmetic never stall the process's event loop, which
 * in `npm start` also answers RADIUS.
 */
import { explainChurn, fitChurnModel, type ChurnModel, type ChurnModelOptions } from './churn-model.ts';
import { crossValidate } from './cross-validate.ts';

export interface FitJob {
  featureNames: string[];
  inputs: number[][];
  labels: number[];
  /** One per training row: a subscriber's rows stay in one fold. */
  groups: string[];
  folds: number;
  options: ChurnModelOptions;
  seed: number;
  /** log of the rate stayers were kept at when subsampled. */
  logitOffset: number;
  /** The current subscribers' inputs, to be explained by the fitted model. */
  scoring: number[][];
}

export interface FitResult {
  model: ChurnModel;
  cvPooledAuc: number;
  cvBrier: number;
  /** Per scoring row: the probability and every feature's contribution, largest first. */
  explained: { probability: number; contributions: { feature: string; contribution: number }[] }[];
}

export function fitAndScore(job: FitJob): FitResult {
  const cv = crossValidate(job.inputs, job.labels, job.featureNames, job.folds, job.options, job.seed, job.groups);
  const model: ChurnModel = { ...fitChurnModel(job.featureNames, job.inputs, job.labels, job.options), logitOffset: job.logitOffset };
  const explained = job.scoring.map((row) => {
    const e = explainChurn(model, row);
    return { probability: e.probability, contributions: e.contributions.map(({ feature, contribution }) => ({ feature, contribution })) };
  });
  return { model, cvPooledAuc: cv.pooledAuc, cvBrier: cv.brier, explained };
}
