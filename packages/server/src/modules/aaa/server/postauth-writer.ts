import type { Database } from '../../../platform/db/database.ts';
import { pgArray, pgArrayOf } from '../../../platform/db/pg-array.ts';
import { withoutNul } from './malformed-input.ts';

export type PostAuthRecord = {
  ispId: string; subscriberId: string | null; nasId: string; username: string; result: 'accept' | 'reject';
  reason: string; method: string; callingStationId: string | null; nasIp: string; at: Date;
};

/**
 * Pending records by field (see PostAuthWriter), the first `n` entries of each array; `at` in
 * milliseconds since the epoch. The arrays are reused from one write to the next, so that they
 * do not grow again (reallocating as they go) for every batch.
 */
type Columns = {
  n: number;
  ispId: string[]; subscriberId: (string | null)[]; nasId: string[]; username: string[]; result: ('accept' | 'reject')[];
  reason: string[]; method: string[]; callingStationId: (string | null)[]; nasIp: string[]; at: number[];
};

const noColumns = (): Columns => ({
  n: 0, ispId: [], subscriberId: [], nasId: [], username: [], result: [], reason: [], method: [], callingStationId: [], nasIp: [], at: [],
});

/**
 * The post-auth log, written in batches off the reply path: a reply never waits for it.
 * Records go into a plain buffer (no promise per record, as a caller-awaited batch needs):
 * at ten thousand Access-Requests a second those promises were garbage and microtasks.
 *
 * The buffer keeps each field in its own array, and the time as a number: a record waits up to
 * `lingerMs`, so every young-generation GC meanwhile copies what it holds, and a record object
 * with its Date and its own copies of the NAS address and Calling-Station-Id was ~250 bytes of
 * that per Access-Request. Those two strings are shared between records (interned, bounded).
 */
export class PostAuthWriter {
  private buffer: Columns = noColumns();
  /** The arrays of the last batch written, for the next buffer. */
  private spare: Columns | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private readonly interned = new Map<string, string>();
  /** Records taken for writing and not yet in a batch being written: pending as much as the buffer's. */
  private backlog = 0;

  /** `onLost` hears of records shed under a flood or lost with a failed write (for metrics and logs). */
  constructor(
    private readonly db: Database,
    private readonly onLost: (reason: 'shed' | 'db_error', count: number, err?: unknown) => void = () => undefined,
    private readonly maxPending = 50_000, private readonly lingerMs = 250,
    // Small batches: building one is synchronous work that delays the Access-Requests behind it.
    private readonly maxBatch = 500,
  ) {}

  record(r: PostAuthRecord): void {
    this.add(r.ispId, r.subscriberId, r.nasId, r.username, r.result, r.reason, r.method, r.callingStationId, r.nasIp, r.at.getTime());
  }

  /** record() without a record object, for the AAA engine's every Access-Request; `atMs` as Date.getTime(). */
  add(ispId: string, subscriberId: string | null, nasId: string, username: string, result: 'accept' | 'reject', reason: string, method: string,
    callingStationId: string | null, nasIp: string, atMs: number): void {
    const b = this.buffer;
    const i = b.n;
    // Under a flood the log sheds load instead of memory; the metrics count what was shed.
    if (i + this.backlog >= this.maxPending) {
      this.onLost('shed', 1);
      return;
    }
    b.ispId[i] = ispId;
    b.subscriberId[i] = subscriberId;
    b.nasId[i] = nasId;
    b.username[i] = username;
    b.result[i] = result;
    b.reason[i] = reason;
    b.method[i] = method;
    b.callingStationId[i] = callingStationId === null ? null : this.intern(callingStationId);
    b.nasIp[i] = this.intern(nasIp);
    b.at[i] = atMs;
    b.n = i + 1;
    if (!this.timer && !this.writing) {
      this.timer = setTimeout(() => void this.drain(), this.lingerMs);
      this.timer.unref();
    }
  }

  /** Writes what is buffered now and waits until nothing is pending. */
  async idle(): Promise<void> {
    while (this.writing || this.buffer.n > 0) await (this.writing ?? this.drain());
  }

  /** One string per distinct value while it keeps recurring (NAS addresses, subscribers' MACs). */
  private intern(s: string): string {
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    if (this.interned.size >= 100_000) this.interned.clear();
    this.interned.set(s, s);
    return s;
  }

  private drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing) return this.writing;
    this.writing = (async () => {
      while (this.buffer.n > 0) {
        // Everything buffered now, written in batches; what arrives meanwhile waits for the next round.
        const taken = this.buffer;
        this.buffer = this.spare ?? noColumns();
        this.spare = null;
        const n = taken.n;
        for (let start = 0; start < n; start += this.maxBatch) {
          const end = Math.min(n, start + this.maxBatch);
          this.backlog = n - end;
          // A lost log batch must not take the AAA engine down; it is counted.
          await this.write(taken, start, end).catch((err: unknown) => this.onLost('db_error', end - start, err));
        }
        this.backlog = 0;
        // Written: nothing of it is kept alive by the arrays until they are filled again.
        taken.username.fill('', 0, n);
        taken.nasIp.fill('', 0, n);
        taken.subscriberId.fill(null, 0, n);
        taken.callingStationId.fill(null, 0, n);
        taken.n = 0;
        this.spare = taken;
      }
    })().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  private async write(c: Columns, start: number, end: number): Promise<void> {
    // Text from packets (a name, a Calling-Station-Id, a reason quoting them) may hold a NUL,
    // which PostgreSQL refuses: one such record would lose the whole batch.
    for (let i = start; i < end; i++) {
      c.username[i] = withoutNul(c.username[i]!);
      c.reason[i] = withoutNul(c.reason[i]!);
      const calling = c.callingStationId[i];
      if (calling) c.callingStationId[i] = withoutNul(calling);
    }
    const col = (values: readonly (string | null)[]) => pgArray(values, start, end);
    // One Date for the whole batch: each is formatted before the next is set.
    const time = new Date(0);
    // One autocommitted statement (migrations/functions/aaa_log_postauth.sql) rather than a scoped transaction of four round trips.
    await this.db.query(
      'SELECT aaa_log_postauth($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::inet[], $10::timestamptz[])',
      [col(c.ispId), col(c.subscriberId), col(c.nasId), col(c.username), col(c.result), col(c.reason), col(c.method),
        col(c.callingStationId), col(c.nasIp), pgArrayOf(c.at, (ms) => (time.setTime(ms), time), start, end)]);
  }
}
