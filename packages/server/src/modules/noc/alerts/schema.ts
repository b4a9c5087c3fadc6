import { bigint, boolean, doublePrecision, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../../platform/db/tenant-key.ts';
import { users } from '../../identity/index.ts';
import { nocDevices, nocInterfaces } from '../schema.ts';
import { subscribers } from '../../subscribers/index.ts';
import { branches } from '../../tenancy/index.ts';

export const severities = ['critical', 'major', 'minor', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];
/** Lower is worse, for "at least this severe" comparisons. */
export const severityRank = (s: Severity) => severities.indexOf(s);
export const ruleKinds = ['metric', 'device_down', 'log'] as const;
export const metricModes = ['threshold', 'rate', 'change_percent'] as const;
export const incidentStatuses = ['open', 'acknowledged', 'resolved'] as const;

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const nocAlertRules = pgTable('noc_alert_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  severity: text('severity', { enum: severities }).notNull().default('major'),
  kind: text('kind', { enum: ruleKinds }).notNull(),
  deviceId: uuid('device_id'),
  deviceKind: text('device_kind'),
  metric: text('metric'),
  mode: text('mode', { enum: metricModes }),
  comparator: text('comparator', { enum: ['above', 'below'] }),
  raiseValue: doublePrecision('raise_value'),
  clearValue: doublePrecision('clear_value'),
  windowS: integer('window_s'),
  durationS: integer('duration_s').notNull().default(0),
  logSource: text('log_source', { enum: ['syslog', 'trap', 'any'] }),
  trapOid: text('trap_oid'),
  pattern: text('pattern'),
  maxSeverity: smallint('max_severity'),
  clearTrapOid: text('clear_trap_oid'),
  clearPattern: text('clear_pattern'),
  autoClearS: integer('auto_clear_s'),
  flapCount: integer('flap_count').notNull().default(5),
  flapWindowS: integer('flap_window_s').notNull().default(600),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('noc_alert_rules', t),
  tenantKey('noc_alert_rules_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
]);

export const nocAlerts = pgTable('noc_alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  ruleId: uuid('rule_id'),
  deviceId: uuid('device_id'),
  interfaceId: uuid('interface_id'),
  key: text('key').notNull(),
  source: text('source', { enum: ['rule', 'log', 'api', 'flapping', 'anomaly', 'forecast'] }).notNull(),
  severity: text('severity', { enum: severities }).notNull(),
  title: text('title').notNull(),
  detail: text('detail'),
  value: doublePrecision('value'),
  state: text('state', { enum: ['firing', 'cleared'] }).notNull().default('firing'),
  suppressed: text('suppressed', { enum: ['maintenance', 'flapping'] }),
  incidentId: uuid('incident_id'),
  raisedAt: ts('raised_at').notNull().defaultNow(),
  clearedAt: ts('cleared_at'),
}, (t) => [
  tenantKey('noc_alerts_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('set null'),
  tenantKey('noc_alerts_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
  tenantKey('noc_alerts_incident_id_fkey', t.ispId, t.incidentId, nocIncidents).onDelete('set null'),
  tenantKey('noc_alerts_interface_id_fkey', t.ispId, t.interfaceId, nocInterfaces).onDelete('cascade'),
  tenantKey('noc_alerts_rule_id_fkey', t.ispId, t.ruleId, nocAlertRules).onDelete('set null'),
]);

export const nocIncidents = pgTable('noc_incidents', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  number: integer('number').notNull(),
  title: text('title').notNull(),
  severity: text('severity', { enum: severities }).notNull(),
  status: text('status', { enum: incidentStatuses }).notNull().default('open'),
  rootDeviceId: uuid('root_device_id'),
  assigneeId: uuid('assignee_id'),
  escalationLevel: integer('escalation_level').notNull().default(0),
  openedAt: ts('opened_at').notNull().defaultNow(),
  acknowledgedAt: ts('acknowledged_at'),
  resolvedAt: ts('resolved_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantRowKey('noc_incidents', t),
  tenantKey('noc_incidents_assignee_id_fkey', t.ispId, t.assigneeId, users).onDelete('set null'),
  tenantKey('noc_incidents_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('set null'),
  tenantKey('noc_incidents_root_device_id_fkey', t.ispId, t.rootDeviceId, nocDevices).onDelete('set null'),
]);

export const incidentEventKinds = ['opened', 'alert', 'cleared', 'acknowledged', 'assigned', 'comment', 'escalated', 'notify_failed', 'merged', 'resolved', 'reopened'] as const;
export const nocIncidentEvents = pgTable('noc_incident_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  ispId: uuid('isp_id').notNull(),
  incidentId: uuid('incident_id').notNull(),
  kind: text('kind', { enum: incidentEventKinds }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  body: text('body'),
  at: ts('at').notNull().defaultNow(),
}, (t) => [
  tenantKey('noc_incident_events_incident_id_fkey', t.ispId, t.incidentId, nocIncidents).onDelete('cascade'),
]);

export type EscalationStep = { after_minutes: number; emails: string[]; phones?: string[]; webhook_url: string | null };
export const nocEscalationPolicies = pgTable('noc_escalation_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  name: text('name').notNull(),
  minSeverity: text('min_severity', { enum: severities }).notNull().default('major'),
  steps: jsonb('steps').$type<EscalationStep[]>().notNull(),
  webhookSecretEnc: text('webhook_secret_enc'),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const nocMaintenanceWindows = pgTable('noc_maintenance_windows', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  deviceId: uuid('device_id'),
  site: text('site'),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  reason: text('reason').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('noc_maintenance_windows_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
]);

export const nocDeviceStatusLog = pgTable('noc_device_status_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  ispId: uuid('isp_id').notNull(),
  branchId: uuid('branch_id'),
  deviceId: uuid('device_id').notNull(),
  status: text('status', { enum: ['up', 'down', 'unknown'] }).notNull(),
  at: ts('at').notNull(),
}, (t) => [
  tenantKey('noc_device_status_log_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('set null'),
  tenantKey('noc_device_status_log_device_id_fkey', t.ispId, t.deviceId, nocDevices).onDelete('cascade'),
]);

export const nocSlaDefinitions = pgTable('noc_sla_definitions', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  name: text('name').notNull(),
  subscriberId: uuid('subscriber_id'),
  deviceIds: uuid('device_ids').array().notNull(),
  availabilityTarget: numeric('availability_target', { precision: 6, scale: 3, mode: 'number' }).notNull(),
  latencyTargetMs: doublePrecision('latency_target_ms'),
  mttrTargetMinutes: integer('mttr_target_minutes'),
  notifyEmails: text('notify_emails').array().notNull().default([]),
  breached: boolean('breached').notNull().default(false),
  breachReason: text('breach_reason'),
  lastCheckedAt: ts('last_checked_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  tenantKey('noc_sla_definitions_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('cascade'),
]);
