import { bigint, doublePrecision, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey } from '../../platform/db/tenant-key.ts';
import { nocDevices, nocInterfaces } from '../noc/index.ts';
import { branches } from '../tenancy/index.ts';
import type { DetectorState } from './anomaly/detector.ts';

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
