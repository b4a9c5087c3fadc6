import { bigint, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';
import { nocDevices, nocInterfaces } from '../noc/index.ts';
import { subscribers } from '../subscribers/index.ts';
import { branches, isps } from '../tenancy/index.ts';
import type { DetectorState } from './anomaly/detector.ts';
import type { StoredChurnModel } from './churn/stored-model.ts';
import type { SubscriberFeature } from './churn/subscriber-features.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Each watched series' detector state and how far the worker has read it (migration 0040). */
export const anomalySeries = pgTable('anomaly_series', {
  ispId: uuid('isp_id').notNull(),
  seriesKey: text('series_key').notNull(),
  modelVersion: text('model_version').notNull(),
  state: jsonb('state').$type<DetectorState>().notNull(),
  points: bigint('points', { mode: 'number' }).notNull().default(0),
  lastTs: ts('last_ts').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.ispId, t.seriesKey] })]);

/** Every anomaly found: score, expected band, observed value, model version, and its NOC alert. */
export const anomalyEvents = pgTable('anomaly_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  seriesKey: text('series_key').notNull(),
  metric: text('metric').notNull(),
  deviceId: uuid('device_id'),
  interfaceId: uuid('interface_id'),
  at: ts('at').notNull(),
  observed: doublePrecision('observed').notNull(),
  expectedLow: doublePrecision('expected_low'),
  expectedHigh: doublePrecision('expected_high'),
  score: doublePrecision('score').notNull(),
  novelty: doublePrecision('novelty').notNull(),
  modelVersion: text('model_version').notNull(),
  alertId: uuid('alert_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('anomaly_events_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('set null'),
  tenantKey('anomaly_events_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
  tenantKey('anomaly_events_interface_id_fkey', t.ispId, t.interfaceId, nocInterfaces).onDelete('cascade'),
]);

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
