import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { pageOf } from '../../../platform/http/paging.ts';
import { postAlert, postAlertBody, postAlertResult, topology, topologyDto } from './alerts.service.ts';
import { createPolicy, deletePolicy, listPolicies, policyBody, policyDto, updatePolicy, updatePolicyBody } from './escalation.service.ts';
import { actOnIncident, alertDto, alertQuery, assignBody, commentBody, getIncident, incidentDetailDto, incidentDto, incidentQuery, listAlerts, listIncidents, resolveBody } from './incidents.service.ts';
import { createMaintenance, deleteMaintenance, listMaintenance, maintenanceBody, maintenanceDto, maintenanceQuery } from './maintenance.service.ts';
import { createRule, createRuleBody, deleteRule, listRules, ruleDto, updateRule, updateRuleBody } from './rules.service.ts';

const tags = ['noc'];
const ispParams = z.object({ isp_id: z.uuid() });
const idParams = z.object({ isp_id: z.uuid(), id: z.uuid() });
const noContent = { 204: z.null(), ...commonErrors };

export function registerNocAlertRoutes(app: Api, ctx: AppContext): void {
  // Alerts: the issue's `POST /api/noc/{tenant_id}/alerts` (the tenant is the ISP).
  app.get('/api/noc/:isp_id/alerts', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Alerts, newest first', params: ispParams, querystring: alertQuery, response: { 200: pageOf(alertDto), ...commonErrors } },
  }, async (req) => {
    return listAlerts(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.post('/api/noc/:isp_id/alerts', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Raise (or resolve) an alert from outside; correlated into incidents like the NOC\'s own', params: ispParams, body: postAlertBody, response: { 200: postAlertResult, 201: postAlertResult, ...commonErrors } },
  }, async (req, reply) => {
    const r = await postAlert(ctx, req.tenant, req.body);
    return reply.code(r.created ? 201 : 200).send(r.result);
  });
  app.get('/api/noc/:isp_id/topology', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Devices and uplinks with their state, for the topology map', params: ispParams, response: { 200: topologyDto, ...commonErrors } },
  }, async (req) => {
    return topology(ctx, req.tenant.scope, req.tenant.ispId);
  });

  // Incidents.
  app.get('/api/noc/:isp_id/incidents', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Incidents, newest first', params: ispParams, querystring: incidentQuery, response: { 200: pageOf(incidentDto), ...commonErrors } },
  }, async (req) => {
    return listIncidents(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.get('/api/noc/:isp_id/incidents/:id', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'An incident with its alerts and timeline', params: idParams, response: { 200: incidentDetailDto, ...commonErrors } },
  }, async (req) => {
    return getIncident(ctx, req.tenant.scope, req.params.id);
  });
  app.post('/api/noc/:isp_id/incidents/:id/ack', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Acknowledge (stops escalation)', params: idParams, response: { 200: incidentDetailDto, ...commonErrors } },
  }, async (req) => {
    return actOnIncident(ctx, req.tenant, req.params.id, { kind: 'ack' });
  });
  app.post('/api/noc/:isp_id/incidents/:id/assign', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Assign to a staff member (null: unassign)', params: idParams, body: assignBody, response: { 200: incidentDetailDto, ...commonErrors } },
  }, async (req) => {
    return actOnIncident(ctx, req.tenant, req.params.id, { kind: 'assign', userId: req.body.user_id });
  });
  app.post('/api/noc/:isp_id/incidents/:id/comment', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Add a comment to the timeline', params: idParams, body: commentBody, response: { 200: incidentDetailDto, ...commonErrors } },
  }, async (req) => {
    return actOnIncident(ctx, req.tenant, req.params.id, { kind: 'comment', body: req.body.body });
  });
  app.post('/api/noc/:isp_id/incidents/:id/resolve', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Resolve', params: idParams, body: resolveBody, response: { 200: incidentDetailDto, ...commonErrors } },
  }, async (req) => {
    return actOnIncident(ctx, req.tenant, req.params.id, { kind: 'resolve', note: req.body.note ?? null });
  });

  // Alert rules.
  app.get('/api/noc/:isp_id/alert-rules', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Alert rules', params: ispParams, response: { 200: z.array(ruleDto), ...commonErrors } },
  }, async (req) => {
    return listRules(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.post('/api/noc/:isp_id/alert-rules', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Create an alert rule (metric threshold/rate, device down, or log/trap pattern)', params: ispParams, body: createRuleBody, response: { 201: ruleDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createRule(ctx, req.tenant, req.body));
  });
  app.patch('/api/noc/:isp_id/alert-rules/:id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Change an alert rule', params: idParams, body: updateRuleBody, response: { 200: ruleDto, ...commonErrors } },
  }, async (req) => {
    return updateRule(ctx, req.tenant, req.params.id, req.body);
  });
  app.delete('/api/noc/:isp_id/alert-rules/:id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Delete an alert rule', params: idParams, response: noContent },
  }, async (req, reply) => {
    await deleteRule(ctx, req.tenant, req.params.id);
    return reply.code(204).send(null);
  });

  // Maintenance windows.
  app.get('/api/noc/:isp_id/maintenance', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Maintenance windows (current and future; include_past for all)', params: ispParams, querystring: maintenanceQuery, response: { 200: z.array(maintenanceDto), ...commonErrors } },
  }, async (req) => {
    return listMaintenance(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.post('/api/noc/:isp_id/maintenance', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Schedule a maintenance window (alerts inside it are kept but open no incident)', params: ispParams, body: maintenanceBody, response: { 201: maintenanceDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createMaintenance(ctx, req.tenant, req.body));
  });
  app.delete('/api/noc/:isp_id/maintenance/:id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Cancel a maintenance window', params: idParams, response: noContent },
  }, async (req, reply) => {
    await deleteMaintenance(ctx, req.tenant, req.params.id);
    return reply.code(204).send(null);
  });

  // Escalation policies.
  app.get('/api/noc/:isp_id/escalation-policies', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Escalation policies', params: ispParams, response: { 200: z.array(policyDto), ...commonErrors } },
  }, async (req) => {
    return listPolicies(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.post('/api/noc/:isp_id/escalation-policies', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Create an escalation policy (e-mail and webhook steps by time and severity)', params: ispParams, body: policyBody, response: { 201: policyDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createPolicy(ctx, req.tenant, req.body));
  });
  app.patch('/api/noc/:isp_id/escalation-policies/:id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Change an escalation policy', params: idParams, body: updatePolicyBody, response: { 200: policyDto, ...commonErrors } },
  }, async (req) => {
    return updatePolicy(ctx, req.tenant, req.params.id, req.body);
  });
  app.delete('/api/noc/:isp_id/escalation-policies/:id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Delete an escalation policy', params: idParams, response: noContent },
  }, async (req, reply) => {
    await deletePolicy(ctx, req.tenant, req.params.id);
    return reply.code(204).send(null);
  });
}
