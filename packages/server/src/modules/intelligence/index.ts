/**
 * The intelligence module: models that learn from the ISP's own rows — anomaly detection on the
 * time series we keep, traffic and revenue forecasts, churn risk. The numeric core is plain
 * TypeScript functions (no database, no clock) that other modules call through this front door;
 * the module's services run them on the database's rows and store each output with its model
 * version. Below it: noc (alerts, metrics), billing, subscribers, support. Above it: reporting.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerAnomalyRoutes } from './anomaly/anomalies.routes.ts';
import { startAnomalyJob } from './anomaly/anomaly-job.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export { createDetectorState, observe, anomalyModelVersion, defaultDetectorParams } from './anomaly/detector.ts';
export type { DetectorParams, DetectorState, Observation } from './anomaly/detector.ts';
export { nabDetectCommand, parseSeriesCsv } from './anomaly/nab-detect.ts';
export { runAnomalyPass } from './anomaly/anomaly-watch.ts';
export { anomalySeries, anomalyEvents } from './schema.ts';

export const intelligenceModule: ModuleDefinition = {
  name: 'intelligence',
  roles: ['api', 'worker'],
  routes: [registerAnomalyRoutes],
  jobs: {
    // Anomaly detection reads the series up to "now": held back while the demo's history is written.
    async worker(ctx) {
      return startAnomalyJob(ctx);
    },
  },
};
