import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { radclient } from '../../test/radclient.ts';
import { allocateIp } from './nas/ip-pool.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let other: IspFixture;
let poolId: string;
let authPort: number;
let acctPort: number;
const auth = (u: string) => radclient('auth', authPort, `User-Name = "${u}"\nUser-Password = "pppoe-pass"\n`);
const framed = (text: string) => /Framed-IP-Address = (\S+)/.exec(text)?.[1];

beforeAll(async () => {
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  const founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'pool-net');
  other = await createIspFixture(api, founder, 'pool-other');
  await api.post(`/api/isp/${isp.id}/nas`, { token: isp.adminToken, body: { name: 'Lab', address: '127.0.0.1', secret: 'testing123' } });
  const pool = await api.post(`/api/isp/${isp.id}/ip-pools`, { token: isp.adminToken, body: { name: 'PPPoE', first_ip: '100.64.0.1', last_ip: '100.64.0.2' } });
  expect(pool.status, pool.text).toBe(201);
  poolId = pool.json.id;
  expect((await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { ip_pool_id: poolId } })).status).toBe(200);
  await api.post(`/api/isp/${isp.id}/subscribers`, { token: isp.adminToken, body: { first_name: 'Third', last_name: 'User', username: 'third.pool-net', password: 'pppoe-pass', plan_id: isp.planId, branch_id: isp.hq } });
  const end = Date.now() + 5000;
  while (!server.aaa!.registry.find('127.0.0.1') && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  ({ authPort, acctPort } = server.aaa!.ports);
}, 60_000);
afterAll(() => server.close());

describe('address pools', () => {
  it('lease distinct addresses, keep a reconnecting subscriber on theirs, and refuse when full', async () => {
    const ann = await auth('ann.pool-net');
    const ned = await auth('ned.pool-net');
    expect(ann.code).toBe('Access-Accept');
    expect(new Set([framed(ann.text), framed(ned.text)])).toEqual(new Set(['100.64.0.1', '100.64.0.2']));
    expect(framed((await auth('ann.pool-net')).text)).toBe(framed(ann.text));
    const third = await auth('third.pool-net');
    expect(third.code).toBe('Access-Reject');
    expect(third.text).toContain('IP pool exhausted');
  });

  it('the Stop frees the address for someone else', async () => {
    const annIp = framed((await auth('ann.pool-net')).text)!;
    const acct = (st: string) => radclient('acct', acctPort, `User-Name = "ann.pool-net"\nAcct-Session-Id = "pool-1"\nAcct-Status-Type = ${st}\nFramed-IP-Address = ${annIp}\n`);
    await acct('Start');
    const pools = await api.get(`/api/isp/${isp.id}/ip-pools`, { token: isp.adminToken });
    expect(pools.json[0]).toMatchObject({ size: 2, in_use: 1 });
    await acct('Stop');
    // Ann's address is free again, but was hers last: the third user may only take it once no offer holds it.
    await server.ctx.db.exec("UPDATE ip_leases SET expires_at = now() - interval '1 second' WHERE acct_unique_id IS NULL");
    const third = await auth('third.pool-net');
    expect(third.code).toBe('Access-Accept');
  });

  it('never gives the same address twice, even to concurrent allocations', async () => {
    const big = await api.post(`/api/isp/${isp.id}/ip-pools`, { token: isp.adminToken, body: { name: 'Big', first_ip: '100.65.0.1', last_ip: '100.65.0.50' } });
    const subs = (await api.get(`/api/isp/${isp.id}/subscribers?limit=10`, { token: isp.adminToken })).json.items.map((s: { id: string }) => s.id);
    const ips = await Promise.all(Array.from({ length: 30 }, (_, i) => allocateIp(server.ctx.db, isp.id, big.json.id, subs[i % subs.length]!.replace(/.$/, String(i % 10)))));
    expect(ips.every(Boolean)).toBe(true);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it("another ISP can neither see the pools nor point a plan at one", async () => {
    expect((await api.get(`/api/isp/${isp.id}/ip-pools`, { token: other.adminToken })).status).toBe(404);
    expect((await api.patch(`/api/isp/${other.id}/plans/${other.planId}`, { token: other.adminToken, body: { ip_pool_id: poolId } })).status).toBe(404);
    expect((await api.del(`/api/isp/${other.id}/ip-pools/${poolId}`, { token: other.adminToken })).status).toBe(404);
  });
});
