import { sql } from 'drizzle-orm';
import { pgArray } from '../../../platform/db/pg-array.ts';
import type { Database } from '../../../platform/db/database.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import type { AccountingJournal } from './accounting-journal.ts';
import { Batcher } from './batcher.ts';
import { bindAndReleaseLeases } from '../nas/ip-pool.ts';
import type { AcctRecord } from './acct-record.ts';

/** What a committed batch changed, for the in-memory trackers. */
export type Applied = { record: AcctRecord; deltaBytes: number };

/**
 * Durable accounting with group commit: one transaction per batch upserts the sessions and
 * adds the traffic deltas to the hourly and daily rollups. The NAS gets its
 * Accounting-Response only after that transaction commits.
 */
export class AccountingWriter {
  private readonly lanes: Batcher<AcctRecord>[];
  /** Journalled records on their way to the database, retries included. */
  private applying = 0;
  private closed = false;
  onApplied: (applied: Applied[]) => void = () => undefined;
  /** A journalled batch the database refused; it is retried, never dropped. */
  onApplyError: (err: unknown, count: number) => void = () => undefined;
  onSessionsClosed: (closed: { ispId: string; subscriberId: string | null; uid: string }[]) => void = () => undefined;

  /**
   * With one batch in flight, the next waits out the whole commit (fsync included); two lanes
   * overlap one batch's commit with the next one's work. A session always takes the same lane,
   * so its Start, Interim and Stop are applied in order. PGlite runs one statement at a time,
   * so it gets one lane.
   */
  constructor(private readonly db: Database, lanes = 2, private readonly journal: AccountingJournal | null = null, private readonly maxBacklog = 200_000) {
    // Nobody waits on a journalled record: it lingers (a quarter of a second) to join a large
    // batch. Each batch is a database commit, and a commit's sync competes on the disk with the
    // journal's syncs, which the NAS does wait on: at 16 requests in flight, 250 ms instead of
    // 20 ms took the journal from ~5,000 to ~8,700 acknowledged requests a second
    // (bench/results/acct-journal-linger-20261126.txt).
    this.lanes = Array.from({ length: db.kind === 'postgres' ? Math.max(1, lanes) : 1 },
      () => new Batcher<AcctRecord>((items) => this.write(items), journal ? 2000 : 500, journal ? 250 : 0));
  }

  /**
   * Resolves when the record is durable: committed in the database, or, with a journal, synced
   * to the journal (the database applies it right after). A rejection means: do not acknowledge.
   */
  submit(record: AcctRecord): Promise<void> {
    const journal = this.journal;
    if (!journal) return this.lane(record).submit(record);
    // A database that cannot keep up (or is down) stops the acknowledgements: the NAS keeps
    // its records and retransmits, rather than the journal growing without bound.
    if (journal.backlog >= this.maxBacklog) return Promise.reject(new Error(`accounting backlog of ${journal.backlog} records: the database is not keeping up`));
    return journal.append(record).then((segment) => this.applyJournalled(record, segment, 0));
  }

  /** Records acknowledged from the journal and not yet in the database (0 without a journal). */
  get backlog(): number {
    return this.journal?.backlog ?? 0;
  }

  /** Applies what an earlier process journalled and did not apply; call before taking requests. */
  async replay(): Promise<number> {
    if (!this.journal) return 0;
    const { records, segments } = await this.journal.open();
    await Promise.all(records.map((r) => this.lane(r).submit(r)));
    this.journal.removeReplayed(segments);
    return records.length;
  }

  async idle(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.idle()));
    while (this.applying > 0) {
      await new Promise((r) => setTimeout(r, 5));
      await Promise.all(this.lanes.map((l) => l.idle()));
    }
  }

  /** Stops: waits (up to `waitMs` with a journal) for the database; what is still unapplied stays in the journal for the next start. */
  async close(waitMs = 10_000): Promise<void> {
    if (!this.journal) return this.idle();
    await Promise.race([this.idle(), new Promise((r) => setTimeout(r, waitMs).unref())]);
    this.closed = true;
    await this.journal.close();
  }

  private lane(record: AcctRecord): Batcher<AcctRecord> {
    const lanes = this.lanes;
    // The unique id is an MD5 in hex, so its last character spreads sessions evenly.
    return lanes[lanes.length === 1 ? 0 : record.uniqueId.charCodeAt(record.uniqueId.length - 1) % lanes.length]!;
  }

  private applyJournalled(record: AcctRecord, segment: number, attempt: number): void {
    if (this.closed) return;
    this.applying++;
    this.lane(record).submit(record).then(() => {
      this.applying--;
      this.journal!.applied(segment);
    }, (err: unknown) => {
      if (attempt === 0) this.onApplyError(err, 1);
      // Backs off to one try every 30 s while the database is away; the record stays in the journal meanwhile.
      setTimeout(() => {
        this.applying--;
        this.applyJournalled(record, segment, attempt + 1);
      }, Math.min(30_000, 250 * 2 ** attempt));
    });
  }

  private async write(items: AcctRecord[]): Promise<void> {
    // One row per session in a batch: a retransmitted or quick Start+Interim merges, keeping the latest counters.
    const merged = new Map<string, AcctRecord>();
    const later = (a: AcctRecord, b: AcctRecord) => (a.statusType === 'Stop' ? a : b.statusType === 'Stop' || b.sessionTime >= a.sessionTime ? b : a);
    for (const r of items) {
      const prev = merged.get(r.uniqueId);
      merged.set(r.uniqueId, prev ? later(prev, r) : r);
    }
    // Sorted, so that concurrent batches (other lanes, other processes) lock session rows in one order.
    const list = [...merged.values()].sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : a.uniqueId > b.uniqueId ? 1 : 0));
    const col = (f: (r: AcctRecord) => string | number | Date | null) => pgArray(list.map(f));
    // One autocommitted statement (migrations/functions/aaa_apply_accounting.sql): lock, upsert, leases and rollups in one round trip.
    const deltas = await this.db.query<{ uid: string; delta: string }>(
      `SELECT uid, delta::text FROM aaa_apply_accounting($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::inet[],
        $8::bigint[], $9::text[], $10::text[], $11::inet[], $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[],
        $17::timestamptz[], $18::timestamptz[], $19::bigint[], $20::bigint[], $21::bigint[], $22::int[], $23::text[], $24::text[])`,
      [col((r) => r.ispId), col((r) => r.subscriberId), col((r) => r.nasId), col((r) => r.username), col((r) => r.acctSessionId),
        col((r) => r.uniqueId), col((r) => r.nasIp), col((r) => r.nasPort), col((r) => r.nasPortId), col((r) => r.nasPortType),
        col((r) => r.framedIp), col((r) => r.framedIpv6Prefix), col((r) => r.callingStationId), col((r) => r.calledStationId),
        col((r) => r.serviceType), col((r) => (r.statusType === 'Start' ? r.at : new Date(r.at.getTime() - r.sessionTime * 1000))),
        col((r) => r.at), col((r) => (r.statusType === 'Stop' ? r.at : null)), col((r) => r.sessionTime), col((r) => r.inputOctets),
        col((r) => r.outputOctets), col((r) => r.interimInterval), col((r) => r.terminateCause), col((r) => r.className)]);
    const byUid = new Map(deltas.map((d) => [d.uid, Number(d.delta)]));
    this.onApplied(list.map((r) => ({ record: r, deltaBytes: byUid.get(r.uniqueId) ?? 0 })));
  }

  /**
   * Sessions whose NAS stopped reporting: no update for twice the interim interval plus a
   * grace period. Closed at their last update, so usage and session time stay what the NAS
   * last said. SKIP LOCKED lets several AAA processes run this at once.
   */
  async closeStaleSessions(graceSeconds = 120): Promise<number> {
    const closed = await withScope(this.db, platformScope, (tx) =>
      rows<{ ispId: string; subscriberId: string | null; uid: string }>(tx, sql`
        UPDATE radius_sessions s SET stop_time = s.update_time, terminate_cause = 'Stale-Session'
        WHERE s.id IN (SELECT id FROM radius_sessions WHERE stop_time IS NULL
          AND update_time < now() - make_interval(secs => 2 * coalesce(interim_interval, 300) + ${graceSeconds})
          ORDER BY id LIMIT 5000 FOR UPDATE SKIP LOCKED)
        RETURNING isp_id AS "ispId", subscriber_id AS "subscriberId", acct_unique_id AS uid`).then(async (closed) => {
        await bindAndReleaseLeases(tx, [], closed.map((c) => c.uid));
        return closed;
      }));
    this.onSessionsClosed(closed);
    return closed.length;
  }

  /** Accounting-On/Off: the NAS rebooted, so none of its sessions survive. */
  async closeNasSessions(nasId: string, at: Date): Promise<void> {
    const closed = await withScope(this.db, platformScope, (tx) =>
      rows<{ ispId: string; subscriberId: string | null; uid: string }>(tx, sql`
        UPDATE radius_sessions SET stop_time = ${at}::timestamptz, update_time = ${at}::timestamptz, terminate_cause = 'NAS-Reboot'
        WHERE nas_id = ${nasId} AND stop_time IS NULL RETURNING isp_id AS "ispId", subscriber_id AS "subscriberId", acct_unique_id AS uid`).then(async (closed) => {
        await bindAndReleaseLeases(tx, [], closed.map((c) => c.uid));
        return closed;
      }));
    this.onSessionsClosed(closed);
  }
}
