import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { platformScope, withScope } from '../../platform/db/scope.ts';
import { Batcher } from './batcher.ts';
import { pgArray } from '../../platform/db/pg-array.ts';

export type PostAuthRecord = {
  ispId: string; subscriberId: string | null; nasId: string; username: string; result: 'accept' | 'reject';
  reason: string; method: string; callingStationId: string | null; nasIp: string; at: Date;
};

/** The post-auth log, written in batches off the reply path: a reply never waits for it. */
export class PostAuthWriter {
  private readonly batcher = new Batcher<PostAuthRecord>((items) => this.write(items), 2000, 250);
  dropped = 0;

  constructor(private readonly db: Database, private readonly maxPending = 50_000) {}

  record(r: PostAuthRecord): void {
    // Under a flood the log sheds load instead of memory; the metrics count what was shed.
    if (this.batcher.pending >= this.maxPending) {
      this.dropped++;
      return;
    }
    this.batcher.submit(r).catch(() => undefined);
  }

  idle(): Promise<void> {
    return this.batcher.idle();
  }

  private async write(items: PostAuthRecord[]): Promise<void> {
    const col = <K extends keyof PostAuthRecord>(k: K) => pgArray(items.map((r) => r[k] as string | Date | null));
    await withScope(this.db, platformScope, (tx) => tx.execute(sql`
      INSERT INTO radius_postauth (isp_id, subscriber_id, nas_id, username, result, reason, auth_method, calling_station_id, nas_ip, created_at)
      SELECT * FROM unnest(${col('ispId')}::uuid[], ${col('subscriberId')}::uuid[], ${col('nasId')}::uuid[], ${col('username')}::text[],
        ${col('result')}::text[], ${col('reason')}::text[], ${col('method')}::text[], ${col('callingStationId')}::text[], ${col('nasIp')}::inet[],
        ${col('at')}::timestamptz[])`));
  }
}
