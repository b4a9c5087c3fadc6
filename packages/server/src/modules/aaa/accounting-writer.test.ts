import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { AccountingWriter, type AcctRecord } from './accounting-writer.ts';

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
