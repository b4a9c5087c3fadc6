import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type AaaMetrics = ReturnType<typeof createAaaMetrics>;

export function createAaaMetrics(registry: Registry) {
  const r = [registry];
  // Answered Access-Requests are tallied in plain numbers and handed to the counter when it is
  // read: inc() with labels builds the series' key string and a result object on every call.
  const answered: Record<'accept' | 'reject', Record<string, number>> = { accept: {}, reject: {} };
  // Read when scraped: the runtime points it at its accounting writer.
  const journalProbe = { backlog: () => 0 };
  return {
    journalProbe,
    auth: new Counter({
      name: 'astranetix_radius_auth_total', help: 'Access-Requests answered', labelNames: ['result', 'method'] as const, registers: r,
      collect() {
        for (const result of ['accept', 'reject'] as const) {
          const tally = answered[result];
          for (const method of Object.keys(tally)) {
            const n = tally[method]!;
            if (n === 0) continue;
            tally[method] = 0;
            this.inc({ result, method }, n);
          }
        }
      },
    }),
    /** One Access-Request answered; what `auth` shows once read. */
    countAuth(result: 'accept' | 'reject', method: string): void {
      const tally = answered[result];
      tally[method] = (tally[method] ?? 0) + 1;
    },
    acct: new Counter({ name: 'astranetix_radius_acct_total', help: 'Accounting-Requests committed and answered', labelNames: ['status'] as const, registers: r }),
    dropped: new Counter({ name: 'astranetix_radius_dropped_total', help: 'Packets dropped without an answer', labelNames: ['reason'] as const, registers: r }),
    duplicates: new Counter({ name: 'astranetix_radius_duplicates_total', help: 'Retransmissions answered from the duplicate cache', labelNames: ['kind'] as const, registers: r }),
    errors: new Counter({ name: 'astranetix_radius_errors_total', help: 'Internal errors while handling packets', labelNames: ['stage'] as const, registers: r }),
    malformed: new Counter({
      name: 'astranetix_radius_malformed_total', help: 'Access-Requests rejected for an attribute that cannot be read (a NUL in User-Name, a User-Password of a wrong length)',
      labelNames: ['attribute'] as const, registers: r,
    }),
    latency: new Histogram({
      name: 'astranetix_radius_latency_seconds', help: 'Time from receipt to answer', labelNames: ['kind'] as const,
      buckets: [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5], registers: r,
    }),
    postauthLost: new Counter({ name: 'astranetix_radius_postauth_lost_total', help: 'Post-auth log records not written (shed under a flood, or a failed write)', labelNames: ['reason'] as const, registers: r }),
    online: new Gauge({ name: 'astranetix_radius_sessions_online', help: 'Sessions online (this process view)', registers: r }),
    journalBacklog: new Gauge({ name: 'astranetix_radius_acct_journal_backlog', help: 'Accounting records acknowledged from the journal and not yet in the database',
      registers: r, collect() {
        this.set(journalProbe.backlog());
      } }),
  };
}
