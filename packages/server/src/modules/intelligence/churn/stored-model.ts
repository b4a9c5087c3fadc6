/** The churn model as stored in churn_models.model (JSON): the fitted numbers, nothing else. */
import type { ChurnModel } from './churn-model.ts';

export type StoredChurnModel = ChurnModel;

export function toStored(model: ChurnModel): StoredChurnModel {
  return model;
}

/** Checks the shape read back from the database before the numbers are trusted. */
export function fromStored(value: unknown): ChurnModel {
  const m = value as Partial<ChurnModel> | null;
  if (!m || !Array.isArray(m.featureNames) || typeof m.logisticWeight !== 'number' || (!m.logistic && !m.boosting)) {
    throw new Error('stored churn model has an unexpected shape');
  }
  if (m.logistic && m.logistic.coefficients.length !== m.featureNames.length) throw new Error('stored churn model: coefficient count differs from its features');
  return m as ChurnModel;
}
