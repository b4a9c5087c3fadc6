import type { Database } from '../../platform/db/database.ts';
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
    // One autocommitted statement (migration 0014) rather than a scoped transaction of four round trips.
    await this.db.query(
      'SELECT aaa_log_postauth($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::inet[], $10::timestamptz[])',
      [col('ispId'), col('subscriberId'), col('nasId'), col('username'), col('result'), col('reason'), col('method'), col('callingStationId'), col('nasIp'), col('at')]);
  }
}
