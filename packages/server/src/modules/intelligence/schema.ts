import { doublePrecision, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';
import { subscribers } from '../subscribers/index.ts';
import { branches, isps } from '../tenancy/index.ts';
import type { StoredChurnModel } from './churn/stored-model.ts';
import type { SubscriberFeature } from './churn/subscriber-features.ts';

/** One reason behind a subscriber's risk: a feature, its value, and its push on the log-odds. */
export type ChurnReason = { feature: SubscriberFeature; value: number; contribution: number };

export const churnModels = pgTable('churn_models', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull().references(() => isps.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  algorithm: text('algorithm').notNull(),
  trainedAt: timestamp('trained_at', { withTimezone: true }).notNull(),
  horizonDays: integer('horizon_days').notNull(),
  trainingRows: integer('training_rows').notNull(),
  churners: integer('churners').notNull(),
  baseRate: doublePrecision('base_rate').notNull(),
  cvAuc: doublePrecision('cv_auc'),
  cvBrier: doublePrecision('cv_brier'),
  featureNames: jsonb('feature_names').$type<string[]>().notNull(),
  model: jsonb('model').$type<StoredChurnModel>().notNull(),
  trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
}, (t) => [
  tenantRowKey('churn_models', t),
  uniqueIndex('churn_models_version_key').on(t.ispId, t.version),
]);

export const churnScores = pgTable('churn_scores', {
  ispId: uuid('isp_id').notNull().references(() => isps.id, { onDelete: 'cascade' }),
  subscriberId: uuid('subscriber_id').primaryKey(),
  branchId: uuid('branch_id'),
  modelId: uuid('model_id').notNull(),
  risk: doublePrecision('risk').notNull(),
  reasons: jsonb('reasons').$type<ChurnReason[]>().notNull(),
  scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
}, (t) => [
  tenantKey('churn_scores_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('cascade'),
  tenantKey('churn_scores_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('cascade'),
  tenantKey('churn_scores_model_id_fkey', t.ispId, t.modelId, churnModels).onDelete('cascade'),
]);
