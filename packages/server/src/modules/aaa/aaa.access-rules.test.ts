import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { radclient } from '../../test/radclient.ts';

// Where (the NAS group) and when (Login-Time) a plan may log in, seen by radclient as the NAS.
let server: TestServer;
let api: Client;
let isp: IspFixture;
let nasId: string;
let authPort: number;
const user = 'ann.access';

const DAY = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];
const hhmm = (d: Date) => d.toISOString().slice(11, 16).replace(':', '');
/** Today's day code (the fixture ISP runs on UTC) with a range from `fromMin` to `toMin` minutes from now. */
const windowFromNow = (fromMin: number, toMin: number) => {
  const now = Date.now();
  return `${DAY[new Date(now).getUTCDay()]}${hhmm(new Date(now + fromMin * 60_000))}-${hhmm(new Date(now + toMin * 60_000))}`;
};

async function login(): Promise<{ code: string; text: string }> {
  return radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`);
}

/** Plan and NAS changes reach the AAA caches by event: wait until the answer changes. */
async function loginUntil(code: string): Promise<{ code: string; text: string }> {
  const end = Date.now() + 8000;
  let r = await login();
  while (r.code !== code && Date.now() < end) {
    await new Promise((res) => setTimeout(res, 100));
    r = await login();
  }
  return r;
}

beforeAll(async () => {
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'access');
  const nas = await api.post(`/api/isp/${isp.id}/nas`, { token: isp.adminToken, body: { name: 'North POP', address: '127.0.0.1', secret: 'testing123', nas_group: 'north-pop' } });
  expect(nas.status, nas.text).toBe(201);
  expect(nas.json.nas_group).toBe('north-pop');
  nasId = nas.json.id;
  const end = Date.now() + 5000;
  while (!server.aaa!.registry.find('127.0.0.1') && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  authPort = server.aaa!.ports.authPort;
}, 60_000);
afterAll(async () => server?.close());

describe('access rules', () => {
  it('refuses a Login-Time or NAS group it cannot read, naming the field', async () => {
    const bad = await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { login_time: 'Weekdays 8-6' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.json)).toMatch(/login_time/);
    expect(JSON.stringify(bad.json)).toMatch(/is not a day code/);
    const badGroup = await api.patch(`/api/isp/${isp.id}/nas/${nasId}`, { token: isp.adminToken, body: { nas_group: 'north;drop' } });
    expect(badGroup.status).toBe(400);
  });

  it('logs in within the access hours with Session-Timeout ending at the window, and rejects outside them', async () => {
    const open = await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { login_time: windowFromNow(-1, 30) } });
    expect(open.status, open.text).toBe(200);
    const accepted = await loginUntil('Access-Accept');
    expect(accepted.code).toBe('Access-Accept');
    const timeout = Number(/Session-Timeout = (\d+)/.exec(accepted.text)?.[1]);
    // The window closes within 30 minutes (sooner when it would pass midnight, which ends the day's range).
    expect(timeout).toBeGreaterThan(0);
    expect(timeout).toBeLessThanOrEqual(30 * 60);

    await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { login_time: windowFromNow(120, 180) } });
    expect((await loginUntil('Access-Reject')).code).toBe('Access-Reject');
    const why = await api.post(`/api/isp/${isp.id}/aaa/test-login`, { token: isp.adminToken, body: { username: user, password: 'pppoe-pass', nas_id: nasId } });
    expect(why.json).toMatchObject({ result: 'reject' });
    expect(why.json.reason).toMatch(/^outside the plan's access hours/);
    await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { login_time: null } });
    expect((await loginUntil('Access-Accept')).code).toBe('Access-Accept');
  });

  it('lets a plan log in only through NAS devices of its group', async () => {
    await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { allowed_nas_group: 'south-pop' } });
    expect((await loginUntil('Access-Reject')).code).toBe('Access-Reject');
    const why = await api.post(`/api/isp/${isp.id}/aaa/test-login`, { token: isp.adminToken, body: { username: user, password: 'pppoe-pass', nas_id: nasId } });
    expect(why.json.reason).toBe("NAS North POP (group north-pop) is not in the plan's group south-pop");
    await api.patch(`/api/isp/${isp.id}/nas/${nasId}`, { token: isp.adminToken, body: { nas_group: 'south-pop' } });
    expect((await loginUntil('Access-Accept')).code).toBe('Access-Accept');
    const checks = await api.post(`/api/isp/${isp.id}/aaa/test-login`, { token: isp.adminToken, body: { username: user, password: 'pppoe-pass', nas_id: nasId } });
    expect(checks.json.checks.map((c: { check: string }) => c.check)).toContain('nas_group');
  });

  it('holds the plan and subscriber check items against the Access-Request (radcheck)', async () => {
    const base = `/api/isp/${isp.id}`;
    const token = isp.adminToken;
    const bad = await api.patch(`${base}/plans/${isp.planId}`, { token, body: { radius_check: [{ attribute: 'Called-Station-Id', op: '=~', value: '(a+)+$' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toContainEqual(expect.objectContaining({ pointer: '/body/radius_check/0/value' }));
    const plan = await api.patch(`${base}/plans/${isp.planId}`, { token, body: { allowed_nas_group: null, radius_check: [{ attribute: 'Called-Station-Id', op: '=~', value: '^hotspot-' }] } });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.json.radius_check).toEqual([{ attribute: 'Called-Station-Id', op: '=~', value: '^hotspot-' }]);
    const sub = await api.patch(`${base}/subscribers/${isp.subscriberId}`, { token, body: { radius_check: [{ attribute: 'NAS-Port-Type', op: '==', value: 'Wireless-802.11' }] } });
    expect(sub.status, sub.text).toBe(200);

    const from = (called: string, portType: string) => radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\nCalled-Station-Id = "${called}"\nNAS-Port-Type = ${portType}\n`);
    const end = Date.now() + 8000;
    let office = await from('office-ap', 'Wireless-802.11');
    while (office.code !== 'Access-Reject' && Date.now() < end) office = await from('office-ap', 'Wireless-802.11');
    expect(office.code).toBe('Access-Reject');
    expect((await from('hotspot-lobby', 'Wireless-802.11')).code).toBe('Access-Accept');
    expect((await from('hotspot-lobby', 'Ethernet')).code).toBe('Access-Reject');
    await server.aaa!.postauth.idle();
    const log = await api.get(`${base}/postauth?subscriber_id=${isp.subscriberId}&result=reject&limit=10`, { token });
    const reasons = log.json.items.map((e: { reason: string }) => e.reason);
    expect(reasons).toContain("subscriber check item NAS-Port-Type == Wireless-802.11 does not hold (request: Ethernet)");
    expect(reasons).toContain("plan check item Called-Station-Id =~ ^hotspot- does not hold (request: office-ap)");
    await api.patch(`${base}/plans/${isp.planId}`, { token, body: { radius_check: [] } });
    await api.patch(`${base}/subscribers/${isp.subscriberId}`, { token, body: { radius_check: [] } });
  });
});
