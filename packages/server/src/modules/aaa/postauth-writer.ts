import type { Database } from '../../platform/db/database.ts';
import { pgArrayOf } from '../../platform/db/pg-array.ts';

export type PostAuthRecord = {
  ispId: string; subscriberId: string | null; nasId: string; username: string; result: 'accept' | 'reject';
  reason: string; method: string; callingStationId: string | null; nasIp: string; at: Date;
};

/**
 * The post-auth log, written in batches off the reply path: a reply never waits for it.
 * Records go into a plain buffer (no promise per record, as a caller-awaited batch needs):
 * at ten thousand Access-Requests a second those promises were garbage and microtasks.
 */
export class PostAuthWriter {
  private buffer: PostAuthRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;

  /** `onLost` hears of records shed under a flood or lost with a failed write (for metrics and logs). */
  constructor(
    private readonly db: Database,
    private readonly onLost: (reason: 'shed' | 'db_error', count: number, err?: unknown) => void = () => undefined,
    private readonly maxPending = 50_000, private readonly lingerMs = 250,
    // Small batches: building one is synchronous work that delays the Access-Requests behind it.
    private readonly maxBatch = 500,
  ) {}

  record(r: PostAuthRecord): void {
    // Under a flood the log sheds load instead of memory; the metrics count what was shed.
    if (this.buffer.length >= this.maxPending) {
      this.onLost('shed', 1);
      return;
    }
    this.buffer.push(r);
    if (!this.timer && !this.writing) {
      this.timer = setTimeout(() => void this.drain(), this.lingerMs);
      this.timer.unref();
    }
  }

  /** Writes what is buffered now and waits until nothing is pending. */
  async idle(): Promise<void> {
    while (this.writing || this.buffer.length > 0) await (this.writing ?? this.drain());
  }

  private drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing) return this.writing;
    this.writing = (async () => {
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.maxBatch);
        // A lost log batch must not take the AAA engine down; it is counted.
        await this.write(batch).catch((err: unknown) => this.onLost('db_error', batch.length, err));
      }
    })().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  private async write(items: PostAuthRecord[]): Promise<void> {
    const col = <K extends keyof PostAuthRecord>(k: K) => pgArrayOf(items, (r) => r[k]);
    // One autocommitted statement (migration 0014) rather than a scoped transaction of four round trips.
    await this.db.query(
      'SELECT aaa_log_postauth($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::inet[], $10::timestamptz[])',
      [col('ispId'), col('subscriberId'), col('nasId'), col('username'), col('result'), col('reason'), col('method'), col('callingStationId'), col('nasIp'), col('at')]);
  }
}
