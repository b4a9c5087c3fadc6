import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { radclient } from '../../test/radclient.ts';
import { until } from '../../test/until.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let authPort: number;
let acctPort: number;
let base: string;
const secret = 'testing123';
const GB = 2 ** 32;

beforeAll(async () => {
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'hotspot-net');
  base = `/api/isp/${isp.id}`;
  const nas = await api.post(`${base}/nas`, { token: isp.adminToken, body: { name: 'Hotspot', address: '127.0.0.1', secret, vendor: 'mikrotik' } });
  expect(nas.status).toBe(201);
  await until(() => Boolean(server.aaa!.registry.find('127.0.0.1')), 'the NAS to load');
  ({ authPort, acctPort } = server.aaa!.ports);
});
afterAll(() => server.close());

async function hotspotCard(extra: Record<string, unknown>): Promise<{ serial: string; pin: string; batchId: string }> {
  const r = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: { name: 'Hotspot', kind: 'hotspot', count: 1, plan_id: isp.planId, ...extra } });
  expect(r.status, r.text).toBe(201);
  return { ...r.json.cards[0], batchId: r.json.batch.id };
}
const login = (pin: string, mac: string, how: 'pap' | 'chap' = 'pap') =>
  radclient('auth', authPort, `User-Name = "${pin}"\n${how === 'pap' ? 'User-Password' : 'CHAP-Password'} = "${pin}"\nCalling-Station-Id = "${mac}"\n`);
const acct = (pin: string, status: string, session: string, extra = '') =>
  radclient('acct', acctPort, `User-Name = "${pin}"\nAcct-Status-Type = ${status}\nAcct-Session-Id = "${session}"\nCalling-Station-Id = "AA-BB-CC-00-00-01"\n${extra}`);
const num = (text: string, attr: string) => Number(new RegExp(`${attr} = (\\d+)`).exec(text)?.[1]);

describe('hotspot cards as RADIUS logins (radclient as the NAS)', () => {
  it('first login binds the card to the device: accept with Session-Timeout and the data left; another MAC is rejected', async () => {
    const card = await hotspotCard({ time_limit_s: 3600, data_limit_bytes: 5 * GB + 1000, validity_days: 1 });
    const ok = await login(card.pin, 'AA-BB-CC-00-00-01');
    expect(ok.code, ok.text).toBe('Access-Accept');
    expect(num(ok.text, 'Session-Timeout')).toBe(3600);
    expect(ok.text).toContain('Mikrotik-Rate-Limit = "10240k/51200k"');
    expect(num(ok.text, 'Mikrotik-Total-Limit')).toBe(1000);
    expect(num(ok.text, 'Mikrotik-Total-Limit-Gigawords')).toBe(5);
    // CHAP, lower case as typed on a phone, from the same device: still the card.
    expect((await radclient('auth', authPort, `User-Name = "${card.pin.toLowerCase()}"\nCHAP-Password = "${card.pin.toLowerCase()}"\nCalling-Station-Id = "aa:bb:cc:00:00:01"\n`)).code).toBe('Access-Accept');
    const other = await login(card.pin, 'AA-BB-CC-00-00-02');
    expect(other.code).toBe('Access-Reject');
    expect(other.text).toContain('bound to another device');
    expect((await radclient('auth', authPort, `User-Name = "${card.pin}"\nUser-Password = "WRONGPIN234"\nCalling-Station-Id = "AA-BB-CC-00-00-01"\n`)).code).toBe('Access-Reject');

    const list = await api.get(`${base}/vouchers?serial=${card.serial}`, { token: isp.adminToken });
    expect(list.json.items[0]).toMatchObject({ status: 'used', used_mac: 'AA:BB:CC:00:00:01', bytes_used: 0, seconds_used: 0 });
    const expires = new Date(list.json.items[0].expires_at).getTime();
    expect(Math.abs(expires - (Date.now() + 86_400_000))).toBeLessThan(60_000);
    // The post-auth log names the card by its serial, never by its PIN.
    const postauth = () => api.get(`${base}/postauth?limit=20`, { token: isp.adminToken });
    await until(async () => (await postauth()).text.includes(`voucher ${card.serial}`), 'the post-auth log');
    expect((await postauth()).text).not.toContain(card.pin);
    const audit = await api.get(`${base}/audit?entity_id=${list.json.items[0].id}`, { token: isp.adminToken });
    expect(audit.json.items.map((a: { action: string }) => a.action)).toContain('voucher.activated');
  });

  it('two devices logging in with one new card at once: exactly one gets it', async () => {
    const card = await hotspotCard({ time_limit_s: 3600 });
    const answers = await Promise.all([login(card.pin, 'AA-BB-CC-00-00-0A'), login(card.pin, 'AA-BB-CC-00-00-0B', 'chap')]);
    expect(answers.map((a) => a.code).sort()).toEqual(['Access-Accept', 'Access-Reject']);
    const bound = (await api.get(`${base}/vouchers?serial=${card.serial}`, { token: isp.adminToken })).json.items[0].used_mac;
    expect(bound).toBe(answers[0]!.code === 'Access-Accept' ? 'AA:BB:CC:00:00:0A' : 'AA:BB:CC:00:00:0B');
  });

  it('accounting counts down the card: less time and data at the next login, rejected once exhausted', async () => {
    const card = await hotspotCard({ time_limit_s: 3600, data_limit_bytes: 1_000_000 });
    expect((await login(card.pin, 'AA-BB-CC-00-00-01')).code).toBe('Access-Accept');
    expect((await acct(card.pin, 'Start', 's1')).code).toBe('Accounting-Response');
    expect((await acct(card.pin, 'Stop', 's1', 'Acct-Session-Time = 600\nAcct-Input-Octets = 100000\nAcct-Output-Octets = 300000\n')).code).toBe('Accounting-Response');
    const again = await login(card.pin, 'AA-BB-CC-00-00-01');
    expect(again.code).toBe('Access-Accept');
    expect(num(again.text, 'Session-Timeout')).toBe(3000);
    expect(num(again.text, 'Mikrotik-Total-Limit')).toBe(600_000);
    const card2 = (await api.get(`${base}/vouchers?serial=${card.serial}`, { token: isp.adminToken })).json.items[0];
    expect(card2).toMatchObject({ bytes_used: 400_000, seconds_used: 600 });
    await acct(card.pin, 'Start', 's2');
    await acct(card.pin, 'Stop', 's2', 'Acct-Session-Time = 60\nAcct-Input-Octets = 200000\nAcct-Output-Octets = 400000\n');
    const exhausted = await login(card.pin, 'AA-BB-CC-00-00-01');
    expect(exhausted.code).toBe('Access-Reject');
    expect(exhausted.text).toContain('data limit used up');
  });

  it('time used up, disabled cards, recharge cards and unknown PINs are rejected; subscribers are unaffected', async () => {
    const timed = await hotspotCard({ time_limit_s: 60 });
    expect((await login(timed.pin, 'AA-BB-CC-00-00-01')).code).toBe('Access-Accept');
    await acct(timed.pin, 'Start', 't1');
    await acct(timed.pin, 'Stop', 't1', 'Acct-Session-Time = 60\n');
    const out = await login(timed.pin, 'AA-BB-CC-00-00-01');
    expect(out.code).toBe('Access-Reject');
    expect(out.text).toContain('time limit used up');

    const stolen = await hotspotCard({ time_limit_s: 600 });
    const id = (await api.get(`${base}/vouchers?serial=${stolen.serial}`, { token: isp.adminToken })).json.items[0].id;
    expect((await api.post(`${base}/vouchers/${id}/disable`, { token: isp.adminToken })).status).toBe(200);
    expect((await login(stolen.pin, 'AA-BB-CC-00-00-03')).code).toBe('Access-Reject');

    const recharge = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: { name: 'R', kind: 'recharge', count: 1, validity_days: 30, value_minor: 100 } });
    expect((await login(recharge.json.cards[0].pin, 'AA-BB-CC-00-00-04')).code).toBe('Access-Reject');
    expect((await login('ACEFGHJKMNPR', 'AA-BB-CC-00-00-05')).code).toBe('Access-Reject');
    const subscriber = await radclient('auth', authPort, `User-Name = "ann.hotspot-net"\nUser-Password = "pppoe-pass"\n`);
    expect(subscriber.code).toBe('Access-Accept');
  });
});
