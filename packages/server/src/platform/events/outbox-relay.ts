import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { platformScope, rows, withScope } from '../db/scope.ts';
import type { BusMessage, EventBus } from './event-bus.ts';

/**
 * Moves committed events from the outbox to the bus. SKIP LOCKED lets several worker
 * processes share the work; an event is marked published in the same transaction that
 * claims it and published to the bus after commit. A crash between the two loses the
 * notification, not the event: consumers that must not miss one (webhooks) read the table;
 * caches also expire on their own.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly db: Database, private readonly bus: EventBus, private readonly log: Logger, private readonly intervalMs = 200) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }

  /** One pass; returns how many events it relayed. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const claimed = await withScope(this.db, platformScope, (tx) =>
        rows<{ seq: string; id: string; type: string; isp_id: string | null; aggregate_id: string; payload: unknown }>(tx, sql`
          UPDATE domain_events SET published_at = now() WHERE seq IN (
            SELECT seq FROM domain_events WHERE published_at IS NULL ORDER BY seq LIMIT 500 FOR UPDATE SKIP LOCKED)
          RETURNING seq, id, type, isp_id, aggregate_id, payload`),
      );
      if (claimed.length === 0) return 0;
      claimed.sort((a, b) => Number(a.seq) - Number(b.seq));
      // The rows were written by recordChange, whose action and payload are typed by the event map.
      const messages = claimed.map((e) => ({ id: e.id, type: e.type, ispId: e.isp_id, aggregateId: e.aggregate_id, payload: e.payload }) as BusMessage);
      await this.bus.publish(messages);
      return messages.length;
    } catch (err) {
      this.log.warn({ err }, 'outbox relay pass failed; will retry');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
