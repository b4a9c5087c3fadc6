import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { pageOf } from '../../platform/http/paging.ts';
import { withScope } from '../../platform/db/scope.ts';
import { createDeviceBody, deviceDto, interfaceDto, listDevicesQuery, updateDeviceBody } from './devices.schemas.ts';
import { createDevice, deleteDevice, deviceToDto, getDevice, listDevices, listInterfaces, loadDevice, updateDevice } from './devices.service.ts';
import { metricsDto, metricsQuery, queryMetrics } from './metrics-query.ts';
import { nocDashboard, nocDashboardDto } from './dashboard.service.ts';
import { pollDevice } from './collector/poll-device.ts';

const tags = ['noc'];
const ispParams = z.object({ isp_id: z.uuid() });
const deviceParams = z.object({ isp_id: z.uuid(), device_id: z.uuid() });

export function registerNocDeviceRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/noc/:isp_id/dashboard', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'NOC dashboard: devices up/down, busiest links, sessions per NAS, network health (formula included)', params: ispParams, response: { 200: nocDashboardDto, ...commonErrors } },
  }, async (req) => {
    return nocDashboard(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.get('/api/noc/:isp_id/devices', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Monitored devices', params: ispParams, querystring: listDevicesQuery, response: { 200: pageOf(deviceDto), ...commonErrors } },
  }, async (req) => {
    return listDevices(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.post('/api/noc/:isp_id/devices', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Add a device to monitor (SNMP secrets are write-only)', params: ispParams, body: createDeviceBody, response: { 201: deviceDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createDevice(ctx, req.tenant, req.body));
  });
  app.get('/api/noc/:isp_id/devices/:device_id', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'One device with its last poll (never its secrets)', params: deviceParams, response: { 200: deviceDto, ...commonErrors } },
  }, async (req) => {
    return getDevice(ctx, req.tenant.scope, req.params.device_id);
  });
  app.patch('/api/noc/:isp_id/devices/:device_id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Change a device; omit a secret to keep it', params: deviceParams, body: updateDeviceBody, response: { 200: deviceDto, ...commonErrors } },
  }, async (req) => {
    return updateDevice(ctx, req.tenant, req.params.device_id, req.body);
  });
  app.delete('/api/noc/:isp_id/devices/:device_id', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Stop monitoring a device (its metrics go with it)', params: deviceParams, response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await deleteDevice(ctx, req.tenant, req.params.device_id);
    return reply.code(204).send(null);
  });
  app.get('/api/noc/:isp_id/devices/:device_id/interfaces', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Interfaces of a device with their current rates', params: deviceParams, response: { 200: z.array(interfaceDto), ...commonErrors } },
  }, async (req) => {
    return listInterfaces(ctx, req.tenant.scope, req.params.device_id);
  });
  app.get('/api/noc/:isp_id/devices/:device_id/metrics', {
    config: { permission: 'noc:read' },
    schema: { tags, summary: 'Time series of a device or interface (raw, 5-minute or hourly by range)', params: deviceParams, querystring: metricsQuery, response: { 200: metricsDto, ...commonErrors } },
  }, async (req) => {
    return queryMetrics(ctx, req.tenant.scope, req.params.device_id, req.query);
  });
  app.post('/api/noc/:isp_id/devices/:device_id/poll', {
    config: { permission: 'noc:manage' },
    schema: { tags, summary: 'Poll a device now and return its state', params: deviceParams, response: { 200: deviceDto, ...commonErrors } },
  }, async (req) => {
    const device = await withScope(ctx.db, req.tenant.scope, (tx) => loadDevice(tx, req.params.device_id));
    const n = ctx.config.noc;
    return deviceToDto(await pollDevice(ctx, device, { snmpTimeoutMs: n.snmpTimeoutMs, snmpRetries: n.snmpRetries, tcpTimeoutMs: n.tcpTimeoutMs }, { forceLldp: true }));
  });
}
