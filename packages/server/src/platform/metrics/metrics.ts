import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'astranetix_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'astranetix_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'astranetix_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    dbTransactions: new Histogram({
      name: 'astranetix_db_transaction_duration_seconds',
      help: 'Scoped database transactions by outcome (committed, or rolled back by an error)',
      labelNames: ['outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    loginFailures: new Counter({
      name: 'astranetix_login_failures_total',
      help: 'Failed logins by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
  };
}
