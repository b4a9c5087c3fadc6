import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import type { Database } from '../../../platform/db/database.ts';
import { AccountingJournal } from './accounting-journal.ts';
import { AccountingWriter } from './accounting-writer.ts';
import type { AcctRecord } from './acct-record.ts';

// Several accounting lanes commit at once on PostgreSQL; on PGlite the writer keeps one.
let s: TestServer;
let isp: IspFixture;
let subs: { id: string; username: string }[];
let nasId: string;
const SESSIONS = 120;

beforeAll(async () => {
  s = await startTestServer();
  const api = client(s.app);
  isp = await createIspFixture(api, await founderToken(s, api), 'lanes');
  subs = await s.ctx.db.query<{ id: string; username: string }>(`
    INSERT INTO subscribers (isp_id, branch_id, plan_id, account_number, first_name, last_name, username, network_password_enc)
      SELECT '${isp.id}', '${isp.hq}', '${isp.planId}', 'L' || g, 'Sub', g::text, 'lane' || g, 'x' FROM generate_series(1, 4) g
    RETURNING id, username`);
  nasId = (await s.ctx.db.query<{ id: string }>(
    `INSERT INTO nas_devices (isp_id, name, address, secret_enc, vendor) VALUES ($1, 'lanes', '127.0.0.77', 'x', 'mikrotik') RETURNING id`, [isp.id]))[0]!.id;
});
afterAll(async () => s.close());

function record(session: number, statusType: AcctRecord['statusType'], step: number): AcctRecord {
  // Every subscriber has sessions in every lane, so the lanes share rollup rows.
  const sub = subs[session % subs.length]!;
  return {
    ispId: isp.id, nasId, nasIp: '127.0.0.1', subscriberId: sub.id, username: sub.username, statusType,
    acctSessionId: `s${session}`, uniqueId: createHash('md5').update(`lanes|${session}`).digest('hex'), nasPort: session, nasPortId: null,
    nasPortType: 'Ethernet', framedIp: null, framedIpv6Prefix: null, callingStationId: null, calledStationId: null, serviceType: null,
    sessionTime: step * 300, inputOctets: step * 1000, outputOctets: step * 4000, terminateCause: statusType === 'Stop' ? 'User-Request' : null,
    interimInterval: 300, className: null, at: new Date(Date.UTC(2026, 10, 25, 10, step)),
  };
}

describe('accounting lanes', () => {
  it('applies every session in order and counts each byte once when lanes commit at once', async () => {
    const writer = new AccountingWriter(s.ctx.db, 4);
    // Start, Interim and Stop of each session all in flight together, as a busy NAS sends them.
    const all: Promise<void>[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      all.push(writer.submit(record(i, 'Start', 0)), writer.submit(record(i, 'Interim-Update', 1)), writer.submit(record(i, 'Stop', 2)));
    }
    await Promise.all(all);
    await writer.idle();

    const sessions = await s.ctx.db.query<{ open: string; total: string; wrong: string }>(`
      SELECT count(*) FILTER (WHERE stop_time IS NULL)::text AS open, count(*)::text AS total,
             count(*) FILTER (WHERE input_octets <> 2000 OR output_octets <> 8000 OR session_time <> 600)::text AS wrong
      FROM radius_sessions WHERE isp_id = $1`, [isp.id]);
    expect(sessions[0]).toEqual({ open: '0', total: String(SESSIONS), wrong: '0' });
    const usage = await s.ctx.db.query<{ input: string; output: string }>(
      `SELECT sum(input_octets)::text AS input, sum(output_octets)::text AS output FROM usage_daily WHERE isp_id = $1`, [isp.id]);
    expect(usage[0]).toEqual({ input: String(SESSIONS * 2000), output: String(SESSIONS * 8000) });
  });
});

/** The test database, refusing the writer's statements while `refusals` lasts (a restarting server). */
function flaky(db: Database, state: { refusals: number }): Database {
  return new Proxy(db, {
    get(target, key) {
      if (key === 'query') {
        return (...args: Parameters<Database['query']>) => {
          if (state.refusals-- > 0) return Promise.reject(new Error('Connection terminated unexpectedly'));
          return target.query(...args);
        };
      }
      const v: unknown = Reflect.get(target, key);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function storedSessions(from: number, to: number): Promise<{ total: string; wrong: string }> {
  const uids = Array.from({ length: to - from }, (_, i) => createHash('md5').update(`lanes|${from + i}`).digest('hex'));
  return (await s.ctx.db.query<{ total: string; wrong: string }>(`
    SELECT count(*)::text AS total, count(*) FILTER (WHERE stop_time IS NULL OR input_octets <> 2000 OR output_octets <> 8000)::text AS wrong
    FROM radius_sessions WHERE acct_unique_id = ANY($1::text[])`, [uids]))[0]!;
}

const sessionsOf = (writer: AccountingWriter, from: number, to: number) => {
  const all: Promise<void>[] = [];
  for (let i = from; i < to; i++) all.push(writer.submit(record(i, 'Start', 0)), writer.submit(record(i, 'Interim-Update', 1)), writer.submit(record(i, 'Stop', 2)));
  return Promise.all(all);
};

describe('accounting with a journal', () => {
  it('acknowledges once on disk, then applies every record, retrying what the database refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anx-acct-journal-'));
    const state = { refusals: 1 };
    const writer = new AccountingWriter(flaky(s.ctx.db, state), 2, new AccountingJournal(dir));
    const errors: unknown[] = [];
    writer.onApplyError = (err) => errors.push(err);
    expect(await writer.replay()).toBe(0);
    await sessionsOf(writer, 1000, 1040);
    await writer.idle();
    expect(errors.length).toBeGreaterThan(0);
    expect(await storedSessions(1000, 1040)).toEqual({ total: '40', wrong: '0' });
    await writer.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('applies at the next start what a killed process acknowledged but never wrote to the database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anx-acct-journal-'));
    // The database is gone for good: everything is acknowledged from the journal only.
    const down = new AccountingWriter(flaky(s.ctx.db, { refusals: Number.POSITIVE_INFINITY }), 2, new AccountingJournal(dir));
    await down.replay();
    await sessionsOf(down, 2000, 2030);
    expect(await storedSessions(2000, 2030)).toEqual({ total: '0', wrong: '0' });
    expect(down.backlog).toBe(90);
    // What the disk holds at the kill, opened by the next process.
    const after = mkdtempSync(path.join(tmpdir(), 'anx-acct-journal-'));
    cpSync(dir, after, { recursive: true });
    await down.close(0);

    const next = new AccountingWriter(s.ctx.db, 2, new AccountingJournal(after));
    expect(await next.replay()).toBe(90);
    expect(await storedSessions(2000, 2030)).toEqual({ total: '30', wrong: '0' });
    // Replayed twice (a crash during the replay): counted once.
    const usage = await s.ctx.db.query<{ input: string }>(`SELECT sum(input_octets)::text AS input FROM usage_daily WHERE isp_id = $1`, [isp.id]);
    await next.close();
    const again = mkdtempSync(path.join(tmpdir(), 'anx-acct-journal-'));
    cpSync(dir, again, { recursive: true });
    const third = new AccountingWriter(s.ctx.db, 2, new AccountingJournal(again));
    expect(await third.replay()).toBe(90);
    await third.close();
    expect(await s.ctx.db.query<{ input: string }>(`SELECT sum(input_octets)::text AS input FROM usage_daily WHERE isp_id = $1`, [isp.id])).toEqual(usage);
    expect(readdirSync(after)).toEqual([]);
  });
});
