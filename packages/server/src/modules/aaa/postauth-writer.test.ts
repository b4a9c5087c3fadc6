import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.ts';
import { PostAuthWriter, type PostAuthRecord } from './postauth-writer.ts';

describe('post-auth log writer', () => {
  let s: TestServer;
  let ispId: string;
  beforeAll(async () => {
    s = await startTestServer();
    ispId = (await s.ctx.db.query<{ id: string }>("INSERT INTO isps (slug, display_name) VALUES ('pa-test', 'PA') RETURNING id"))[0]!.id;
  });
  afterAll(async () => s.close());

  const rec = (username: string): PostAuthRecord => ({
    ispId, subscriberId: null, nasId: ispId, username, result: 'reject', reason: 'unknown user', method: 'none', callingStationId: 'aa:bb', nasIp: '127.0.0.1', at: new Date(),
  });

  it('writes what it buffered, sheds beyond its bound and says how much', async () => {
    const lost: [string, number][] = [];
    const w = new PostAuthWriter(s.ctx.db, (reason, n) => lost.push([reason, n]), 3, 60_000);
    for (const u of ['a', 'b', 'c', 'd', 'e']) w.record(rec(u));
    await w.idle();
    const rows = await s.ctx.db.query<{ username: string }>('SELECT username FROM radius_postauth WHERE isp_id = $1 ORDER BY username', [ispId]);
    expect(rows.map((r) => r.username)).toEqual(['a', 'b', 'c']);
    expect(lost).toEqual([['shed', 1], ['shed', 1]]);
  });

  it("writes a NUL from a packet as ␀ rather than losing the batch it is in", async () => {
    const lost: [string, number][] = [];
    const w = new PostAuthWriter(s.ctx.db, (reason, n) => lost.push([reason, n]), 10, 60_000);
    w.record(rec('nul-before'));
    w.record({ ...rec('nul\0name'), callingStationId: 'aa\0bb', reason: 'MAC aa\0bb is not the bound aa:bb' });
    w.record(rec('nul-after'));
    await w.idle();
    expect(lost).toEqual([]);
    const rows = await s.ctx.db.query<{ username: string; calling_station_id: string; reason: string }>(
      "SELECT username, calling_station_id, reason FROM radius_postauth WHERE isp_id = $1 AND username LIKE 'nul%' ORDER BY username", [ispId]);
    expect(rows.map((r) => r.username)).toEqual(['nul-after', 'nul-before', 'nul\u2400name']);
    expect(rows[2]).toMatchObject({ calling_station_id: 'aa\u2400bb', reason: 'MAC aa\u2400bb is not the bound aa:bb' });
  });

  it('reports a failed write instead of throwing into the AAA engine', async () => {
    const lost: [string, number][] = [];
    const w = new PostAuthWriter(s.ctx.db, (reason, n) => lost.push([reason, n]), 10, 60_000);
    w.record({ ...rec('x'), nasIp: 'not an address' }); // the inet column refuses it
    await w.idle();
    expect(lost).toEqual([['db_error', 1]]);
  });
});
