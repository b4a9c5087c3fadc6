/**
 * The noc module: network devices polled by SNMP and the RouterOS API, their interfaces and
 * metrics, LLDP topology, syslog and SNMP traps, alert rules, incidents and escalations, SLAs.
 * Parts: collector/, alerts/, logs/, lldp/, sla/, providers/. Below it: tenancy, identity,
 * subscribers, aaa (the NAS list).
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerNocDeviceRoutes } from './devices.routes.ts';
import { registerRouterOsRoutes } from './routeros.routes.ts';
import { registerNocAlertRoutes } from './alerts/alerts.routes.ts';
import { registerNocLogRoutes } from './logs/logs.routes.ts';
import { registerNocSlaRoutes } from './sla/sla.routes.ts';
import { registerNocLldpRoutes } from './lldp/lldp.routes.ts';
import { startCollector } from './collector/collector.ts';
import { nocAlertsOptions, startNocAlerts } from './alerts/noc-alerts-runtime.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const nocModule: ModuleDefinition = {
  name: 'noc',
  roles: ['api', 'collector'],
  routes: [registerNocDeviceRoutes, registerRouterOsRoutes, registerNocAlertRoutes, registerNocLogRoutes, registerNocSlaRoutes, registerNocLldpRoutes],
  runners: {
    async collector(ctx) {
      const alerts = await startNocAlerts(ctx, nocAlertsOptions(process.env, ctx.config.host));
      return {
        stop: () => alerts.stop(),
        banner: [`  NOC:      syslog udp+tcp ${ctx.config.host}:${alerts.ports.syslog}, SNMP traps udp ${ctx.config.host}:${alerts.ports.trap}`],
      };
    },
  },
  jobs: {
    async collector(ctx) {
      const collector = await startCollector(ctx);
      return { stop: () => collector.stop() };
    },
  },
};

export { healthOf, type DeviceHealthRow } from './dashboard.service.ts';
export { createDevice } from './devices.service.ts';
export { createDeviceBody } from './devices.schemas.ts';
export { createRule, createRuleBody } from './alerts/rules.service.ts';
export { startNocAlerts } from './alerts/noc-alerts-runtime.ts';
export { Collector } from './collector/collector.ts';
export { readInterfaces } from './collector/snmp-poll.ts';
export { openSnmp } from './providers/snmp.ts';
export { attributes, encodeSentence, SentenceReader } from './providers/routeros-codec.ts';
export { seedNocDevicesDemo } from './demo.ts';
export { seedNocAlertsDemo } from './alerts/demo.ts';
export type { DeviceRow } from './devices.service.ts';
export type { InterfaceSample } from './collector/snmp-poll.ts';
export type { PollOutcome } from './collector/store.ts';
export { nocDevices } from './schema.ts';
export { rollupMetrics } from './collector/rollup.ts';
export { storePollSeries } from './collector/store-series.ts';
export { clearAlerts, firingKeys, raiseAlerts } from './alerts/alert-engine.ts';
