import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RadiusClient, RadiusCode } from '@astranetix/radius';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { radclient } from '../../test/radclient.ts';
import { until } from '../../test/until.ts';

/** What a NAS sends that cannot be read, over real UDP: answered, logged in the post-auth log, counted, and not one log line a packet. */
let server: TestServer;
let api: Client;
let isp: IspFixture;
let rc: RadiusClient;
let target: { host: string; port: number; secret: string };
let acctTarget: { host: string; port: number; secret: string };
const secret = 'testing123';
const user = () => `ann.${isp.slug}`;

beforeAll(async () => {
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'radius-input');
  const nas = await api.post(`/api/isp/${isp.id}/nas`, { token: isp.adminToken, body: { name: 'Lab', address: '127.0.0.1', secret, vendor: 'mikrotik' } });
  expect(nas.status, nas.text).toBe(201);
  await until(() => Boolean(server.aaa!.registry.find('127.0.0.1')), 'the NAS to load');
  target = { host: '127.0.0.1', port: server.aaa!.ports.authPort, secret };
  acctTarget = { host: '127.0.0.1', port: server.aaa!.ports.acctPort, secret };
  rc = new RadiusClient({ timeoutMs: 1500, retries: 0 });
});
afterAll(async () => {
  rc.close();
  await server.close();
});

const metric = async (name: string) => (server.ctx.metrics.registry.getSingleMetric(name) ? server.ctx.metrics.registry.getSingleMetricAsString(name) : '');
const count = async (name: string, label: string) => Number(new RegExp(`${label}} (\\d+)`).exec(await metric(name))?.[1] ?? 0);
async function postauth(username: string) {
  await server.aaa!.postauth.idle();
  return server.ctx.db.query<{ result: string; reason: string; username: string }>('SELECT result, reason, username FROM radius_postauth WHERE isp_id = $1 AND username = $2', [isp.id, username]);
}

describe('a User-Name with a NUL octet', () => {
  it('is an Access-Reject with its reason in the post-auth log, not a database error without an answer', async () => {
    const errors = vi.spyOn(server.ctx.log, 'error');
    const name = Buffer.from(`${user()}\0' OR 1=1`, 'utf8');
    const reply = await rc.send(RadiusCode.AccessRequest, [{ type: 1, value: name }, ['User-Password', 'pppoe-pass']], target);
    expect(reply.code).toBe(RadiusCode.AccessReject);
    expect(reply.getString('Reply-Message')).toBe('User-Name contains a NUL octet');
    expect(await postauth(`${user()}\u2400' OR 1=1`)).toEqual([{ result: 'reject', reason: 'User-Name contains a NUL octet', username: `${user()}\u2400' OR 1=1` }]);
    expect(await count('astranetix_radius_malformed_total', 'attribute="User-Name"')).toBe(1);
    expect(await metric('astranetix_radius_errors_total')).not.toContain('stage="handler"');
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    // The subscriber themself is unaffected.
    expect((await radclient('auth', target.port, `User-Name = "${user()}"\nUser-Password = "pppoe-pass"\n`)).code).toBe('Access-Accept');
  });

  it('in accounting, and in any string accounting keeps, is recorded (as ␀) and answered', async () => {
    const reply = await rc.send(RadiusCode.AccountingRequest, [
      { type: 1, value: Buffer.from('ghost\0user') }, ['Acct-Status-Type', 'Start'], { type: 44, value: Buffer.from('sess\0one') },
      { type: 31, value: Buffer.from('AA-BB\0') }, { type: 25, value: Buffer.from('cls\0x') },
    ], acctTarget);
    expect(reply.code).toBe(RadiusCode.AccountingResponse);
    const [row] = await server.ctx.db.query<{ username: string; calling_station_id: string; class: string | null }>(
      "SELECT username, calling_station_id, class FROM radius_sessions WHERE acct_session_id = 'sess\u2400one'");
    expect(row).toMatchObject({ username: 'ghost\u2400user', calling_station_id: 'AA-BB\u2400', class: 'cls\u2400x' });
  });
});

describe('a User-Password of a length RFC 2865 §5.2 does not allow', () => {
  it('is an Access-Reject each time, counted in a metric, and logged once for the interval rather than once a packet', async () => {
    const warn = vi.spyOn(server.ctx.log, 'warn');
    const errors = vi.spyOn(server.ctx.log, 'error');
    // Known and in the cache: the request takes the engine's fast path.
    expect((await radclient('auth', target.port, `User-Name = "${user()}"\nUser-Password = "pppoe-pass"\n`)).code).toBe('Access-Accept');
    const before = await count('astranetix_radius_malformed_total', 'attribute="User-Password"');
    const lengths = [20, 8, 144, 17, 0];
    for (let i = 0; i < 50; i++) {
      const reply = await rc.send(RadiusCode.AccessRequest, [['User-Name', user()], { type: 2, value: Buffer.alloc(lengths[i % lengths.length]!, i) }], target);
      expect(reply.code).toBe(RadiusCode.AccessReject);
      expect(reply.getString('Reply-Message')).toMatch(/^malformed User-Password: User-Password of length \d+ is not a multiple of 16 in 16\.\.128/);
    }
    expect(await count('astranetix_radius_malformed_total', 'attribute="User-Password"')).toBe(before + 50);
    expect(warn.mock.calls.filter(([fields]) => (fields as { attribute?: string }).attribute === 'User-Password')).toHaveLength(1);
    expect(errors).not.toHaveBeenCalled();
    warn.mockRestore();
    errors.mockRestore();
    const logged = await postauth(user());
    expect(logged.filter((r) => r.reason.startsWith('malformed User-Password'))).toHaveLength(50);
  });
});
