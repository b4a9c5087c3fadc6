import { sql } from 'drizzle-orm';
import { pgArray } from '../../platform/db/pg-array.ts';
import type { Database } from '../../platform/db/database.ts';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { Batcher } from './batcher.ts';
import { bindAndReleaseLeases } from './ip-pool.ts';

export type AcctRecord = {
  ispId: string;
  nasId: string;
  nasIp: string;
  subscriberId: string | null;
  username: string;
  statusType: 'Start' | 'Interim-Update' | 'Stop';
  acctSessionId: string;
  uniqueId: string;
  nasPort: number | null;
  nasPortId: string | null;
  nasPortType: string | null;
  framedIp: string | null;
  framedIpv6Prefix: string | null;
  callingStationId: string | null;
  calledStationId: string | null;
  serviceType: string | null;
  sessionTime: number;
  inputOctets: number;
  outputOctets: number;
  terminateCause: string | null;
  interimInterval: number | null;
  className: string | null;
  at: Date;
};

/** What a committed batch changed, for the in-memory trackers. */
export type Applied = { record: AcctRecord; deltaBytes: number };

/**
 * Durable accounting with group commit: one transaction per batch upserts the sessions and
 * adds the traffic deltas to the hourly and daily rollups. The NAS gets its
 * Accounting-Response only after that transaction commits.
 */
export class AccountingWriter {
  private readonly batcher: Batcher<AcctRecord>;
  onApplied: (applied: Applied[]) => void = () => undefined;
  onSessionsClosed: (closed: { ispId: string; subscriberId: string | null; uid: string }[]) => void = () => undefined;

  constructor(private readonly db: Database) {
    this.batcher = new Batcher((items) => this.write(items));
  }

  submit(record: AcctRecord): Promise<void> {
    return this.batcher.submit(record);
  }

  idle(): Promise<void> {
    return this.batcher.idle();
  }

  private async write(items: AcctRecord[]): Promise<void> {
    // One row per session in a batch: a retransmitted or quick Start+Interim merges, keeping the latest counters.
    const merged = new Map<string, AcctRecord>();
    const later = (a: AcctRecord, b: AcctRecord) => (a.statusType === 'Stop' ? a : b.statusType === 'Stop' || b.sessionTime >= a.sessionTime ? b : a);
    for (const r of items) {
      const prev = merged.get(r.uniqueId);
      merged.set(r.uniqueId, prev ? later(prev, r) : r);
    }
    const list = [...merged.values()];
    const applied = await withScope(this.db, platformScope, async (tx) => {
      const ids = list.map((r) => r.uniqueId);
      const prevRows = await rows<{ acct_unique_id: string; total: string }>(tx, sql`
        SELECT acct_unique_id, (input_octets + output_octets)::text AS total FROM radius_sessions
        WHERE acct_unique_id = ANY (${pgArray(ids)}::text[]) FOR UPDATE`);
      const before = new Map(prevRows.map((r) => [r.acct_unique_id, Number(r.total)]));
      const col = (f: (r: AcctRecord) => string | number | Date | null) => pgArray(list.map(f));
      await tx.execute(sql`
        INSERT INTO radius_sessions (isp_id, subscriber_id, nas_id, username, acct_session_id, acct_unique_id, nas_ip, nas_port, nas_port_id,
          nas_port_type, framed_ip, framed_ipv6_prefix, calling_station_id, called_station_id, service_type, start_time, update_time, stop_time,
          session_time, input_octets, output_octets, interim_interval, terminate_cause, class)
        SELECT * FROM unnest(${col((r) => r.ispId)}::uuid[], ${col((r) => r.subscriberId)}::uuid[], ${col((r) => r.nasId)}::uuid[],
          ${col((r) => r.username)}::text[], ${col((r) => r.acctSessionId)}::text[], ${col((r) => r.uniqueId)}::text[], ${col((r) => r.nasIp)}::inet[],
          ${col((r) => r.nasPort)}::bigint[], ${col((r) => r.nasPortId)}::text[], ${col((r) => r.nasPortType)}::text[], ${col((r) => r.framedIp)}::inet[],
          ${col((r) => r.framedIpv6Prefix)}::text[], ${col((r) => r.callingStationId)}::text[], ${col((r) => r.calledStationId)}::text[],
          ${col((r) => r.serviceType)}::text[],
          ${col((r) => (r.statusType === 'Start' ? r.at : new Date(r.at.getTime() - r.sessionTime * 1000)))}::timestamptz[],
          ${col((r) => r.at)}::timestamptz[], ${col((r) => (r.statusType === 'Stop' ? r.at : null))}::timestamptz[],
          ${col((r) => r.sessionTime)}::bigint[], ${col((r) => r.inputOctets)}::bigint[], ${col((r) => r.outputOctets)}::bigint[],
          ${col((r) => r.interimInterval)}::int[], ${col((r) => r.terminateCause)}::text[], ${col((r) => r.className)}::text[])
        ON CONFLICT (acct_unique_id) DO UPDATE SET
          update_time = greatest(radius_sessions.update_time, excluded.update_time),
          stop_time = coalesce(radius_sessions.stop_time, excluded.stop_time),
          session_time = greatest(radius_sessions.session_time, excluded.session_time),
          input_octets = greatest(radius_sessions.input_octets, excluded.input_octets),
          output_octets = greatest(radius_sessions.output_octets, excluded.output_octets),
          framed_ip = coalesce(excluded.framed_ip, radius_sessions.framed_ip),
          terminate_cause = coalesce(radius_sessions.terminate_cause, excluded.terminate_cause),
          subscriber_id = coalesce(radius_sessions.subscriber_id, excluded.subscriber_id)`);
      await bindAndReleaseLeases(tx,
        list.filter((r) => r.framedIp && r.statusType !== 'Stop').map((r) => ({ ispId: r.ispId, ip: r.framedIp!, uid: r.uniqueId })),
        list.filter((r) => r.statusType === 'Stop').map((r) => r.uniqueId));
      const out: Applied[] = list.map((r) => ({ record: r, deltaBytes: Math.max(0, r.inputOctets + r.outputOctets - (before.get(r.uniqueId) ?? 0)) }));
      await this.rollUp(tx, out);
      return out;
    });
    this.onApplied(applied);
  }

  /** Traffic since the previous record of the session, added to the hour and day it was reported in. */
  private async rollUp(tx: Parameters<Parameters<typeof withScope>[2]>[0], applied: Applied[]): Promise<void> {
    const perKey = new Map<string, { isp: string; sub: string; at: Date; inp: number; out: number }>();
    for (const { record: r, deltaBytes } of applied) {
      if (!r.subscriberId || deltaBytes === 0) continue;
      // Split the delta between directions in proportion to the session's counters.
      const total = r.inputOctets + r.outputOctets;
      const inp = total ? Math.round((deltaBytes * r.inputOctets) / total) : 0;
      const hour = new Date(Math.floor(r.at.getTime() / 3_600_000) * 3_600_000);
      const key = `${r.subscriberId}|${hour.getTime()}`;
      const e = perKey.get(key) ?? { isp: r.ispId, sub: r.subscriberId, at: hour, inp: 0, out: 0 };
      e.inp += inp;
      e.out += deltaBytes - inp;
      perKey.set(key, e);
    }
    if (perKey.size === 0) return;
    const v = [...perKey.values()];
    await tx.execute(sql`
      INSERT INTO usage_hourly (isp_id, subscriber_id, hour, input_octets, output_octets)
      SELECT * FROM unnest(${pgArray(v.map((e) => e.isp))}::uuid[], ${pgArray(v.map((e) => e.sub))}::uuid[], ${pgArray(v.map((e) => e.at))}::timestamptz[],
        ${pgArray(v.map((e) => e.inp))}::bigint[], ${pgArray(v.map((e) => e.out))}::bigint[])
      ON CONFLICT (subscriber_id, hour) DO UPDATE SET input_octets = usage_hourly.input_octets + excluded.input_octets,
        output_octets = usage_hourly.output_octets + excluded.output_octets`);
    const days = new Map<string, { isp: string; sub: string; day: string; inp: number; out: number }>();
    for (const e of v) {
      const day = e.at.toISOString().slice(0, 10);
      const key = `${e.sub}|${day}`;
      const d = days.get(key) ?? { isp: e.isp, sub: e.sub, day, inp: 0, out: 0 };
      d.inp += e.inp;
      d.out += e.out;
      days.set(key, d);
    }
    const dl = [...days.values()];
    await tx.execute(sql`
      INSERT INTO usage_daily (isp_id, subscriber_id, day, input_octets, output_octets)
      SELECT * FROM unnest(${pgArray(dl.map((d) => d.isp))}::uuid[], ${pgArray(dl.map((d) => d.sub))}::uuid[], ${pgArray(dl.map((d) => d.day))}::date[],
        ${pgArray(dl.map((d) => d.inp))}::bigint[], ${pgArray(dl.map((d) => d.out))}::bigint[])
      ON CONFLICT (subscriber_id, day) DO UPDATE SET input_octets = usage_daily.input_octets + excluded.input_octets,
        output_octets = usage_daily.output_octets + excluded.output_octets`);
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
