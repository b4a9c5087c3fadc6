import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/database.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';

/**
 * Online sessions per subscriber, in memory, for Simultaneous-Use at memory speed. Loaded
 * from the sessions table at start; kept current by committed accounting (local and, through
 * the bus, other processes').
 */
export class SessionTracker {
  private readonly bySubscriber = new Map<string, Set<string>>();

  constructor(private readonly db: Database) {}

  async load(): Promise<number> {
    const list = await withScope(this.db, platformScope, (tx) =>
      rows<{ subscriber_id: string; acct_unique_id: string }>(tx, sql`
        SELECT subscriber_id, acct_unique_id FROM radius_sessions WHERE stop_time IS NULL AND subscriber_id IS NOT NULL`));
    this.bySubscriber.clear();
    for (const r of list) this.started(r.subscriber_id, r.acct_unique_id);
    return list.length;
  }

  count(subscriberId: string): number {
    return this.bySubscriber.get(subscriberId)?.size ?? 0;
  }

  started(subscriberId: string, uid: string): void {
    let set = this.bySubscriber.get(subscriberId);
    if (!set) this.bySubscriber.set(subscriberId, (set = new Set()));
    set.add(uid);
  }

  stopped(subscriberId: string, uid: string): void {
    const set = this.bySubscriber.get(subscriberId);
    if (!set) return;
    set.delete(uid);
    if (set.size === 0) this.bySubscriber.delete(subscriberId);
  }

  get online(): number {
    let n = 0;
    for (const s of this.bySubscriber.values()) n += s.size;
    return n;
  }
}
