import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { radclient } from '../../test/radclient.ts';
import { until } from '../../test/until.ts';

// A disconnect waits this long for the session's Accounting Stop.
process.env.COA_STOP_WAIT_MS = '2500';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/bench');
const coaPort = 38_000 + Math.floor(Math.random() * 1000);
const detail = `/tmp/coa-test-${process.pid}.detail`;
let listenerPid = 0;
let server: TestServer;
let api: Client;
let isp: IspFixture;
let acctPort: number;
const user = 'ann.coa-net';

async function startSession(id: string): Promise<number> {
  const r = await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Start\nAcct-Session-Id = "${id}"\nFramed-IP-Address = 10.20.0.5\n`);
  expect(r.code).toBe('Accounting-Response');
  const s = await api.get(`/api/isp/${isp.id}/sessions?q=${user}`, { token: isp.adminToken });
  return s.json.items.find((x: { acct_session_id: string }) => x.acct_session_id === id).id;
}

beforeAll(async () => {
  // FreeRADIUS's own CoA server plays the NAS side of RFC 5176 (../shared/bench/coa-listener.sh).
  listenerPid = Number(execFileSync('bash', [path.join(shared, 'coa-listener.sh'), String(coaPort)], { env: { ...process.env, DETAIL: detail } }).toString().trim().split('\n').pop());
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'coa-net');
  await api.post(`/api/isp/${isp.id}/nas`, { token: isp.adminToken, body: { name: 'Lab', address: '127.0.0.1', secret: 'testing123', coa_port: coaPort } });
  const end = Date.now() + 5000;
  while (!server.aaa!.registry.find('127.0.0.1') && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  acctPort = server.aaa!.ports.acctPort;
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (listenerPid) process.kill(listenerPid);
});

describe('Disconnect-Request and CoA against a real RFC 5176 receiver', () => {
  it('a kick ACKed while the session stays online is reported as a failure', async () => {
    const id = await startSession('coa-1');
    const r = await api.post(`/api/isp/${isp.id}/sessions/${id}/disconnect`, { token: isp.adminToken, body: { reason: 'test kick' } });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('failed');
    expect(r.json.outcome).toMatch(/Disconnect-ACK, but the session is still online/);
    const seen = readFileSync(detail, 'utf8');
    expect(seen).toContain('Acct-Session-Id = "coa-1"');
    expect(seen).toContain('Framed-IP-Address = 10.20.0.5');
  });

  it('a kick counts as done when the Accounting Stop follows', async () => {
    const id = await startSession('coa-2');
    const kick = api.post(`/api/isp/${isp.id}/sessions/${id}/disconnect`, { token: isp.adminToken });
    await new Promise((r) => setTimeout(r, 500));
    await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Stop\nAcct-Session-Id = "coa-2"\nAcct-Terminate-Cause = Admin-Reset\n`);
    const r = await kick;
    expect(r.json.status, r.text).toBe('done');
    expect(r.json.outcome).toMatch(/Accounting Stop arrived/);
  });

  it('a plan change sends the new speed by CoA to the live session', async () => {
    await startSession('coa-3');
    const plan = await api.post(`/api/isp/${isp.id}/plans`, { token: isp.adminToken, body: { name: 'Fiber 200', download_kbps: 204800, upload_kbps: 51200, price_minor: 5000 } });
    await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { plan_id: plan.json.id } });
    const end = Date.now() + 10_000;
    let done: { kind: string; status: string; reason: string } | undefined;
    while (!done && Date.now() < end) {
      const list = await api.get(`/api/isp/${isp.id}/coa-requests?subscriber_id=${isp.subscriberId}`, { token: isp.adminToken });
      done = list.json.items.find((c: { kind: string; status: string }) => c.kind === 'coa' && c.status !== 'pending');
      if (!done) await new Promise((r) => setTimeout(r, 100));
    }
    expect(done).toMatchObject({ kind: 'coa', status: 'done', reason: 'plan changed' });
    expect(readFileSync(detail, 'utf8')).toContain('Mikrotik-Rate-Limit = "51200k/204800k"');
  });

  it('a request the NAS does not answer is tried again later, with the speed due then', async () => {
    const nasList = await api.get(`/api/isp/${isp.id}/nas`, { token: isp.adminToken });
    const nas = (nasList.json.items ?? nasList.json)[0] as { id: string };
    const coaPortIs = async (port: number) => {
      await api.patch(`/api/isp/${isp.id}/nas/${nas.id}`, { token: isp.adminToken, body: { coa_port: port } });
      const end = Date.now() + 5000;
      while (server.aaa!.registry.find('127.0.0.1')?.coaPort !== port && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    };
    const id = await startSession('retry-1');
    await coaPortIs(coaPort + 1); // nothing listens there: a NAS rebooting
    const first = await api.post(`/api/isp/${isp.id}/sessions/${id}/coa`, { token: isp.adminToken, body: { reason: 'retry test' } });
    expect(first.json.status, first.text).toBe('retrying');
    expect(first.json.outcome).toMatch(/no answer from the NAS at 127\.0\.0\.1:\d+ after 3 tries; trying again in 30 s/);
    const listed = await api.get(`/api/isp/${isp.id}/coa-requests?status=retrying`, { token: isp.adminToken });
    const row = listed.json.items.find((c: { id: string }) => c.id === first.json.request_id);
    expect(row).toMatchObject({ attempts: 3, status: 'retrying' });
    expect(Date.parse(row.next_attempt_at) - Date.now()).toBeGreaterThan(20_000);
    // Not due yet: nothing is sent.
    expect(await server.aaa!.enforcer.retryDue()).toBe(0);

    // The NAS is back and the backoff is over.
    await coaPortIs(coaPort);
    await server.ctx.db.query(`UPDATE coa_requests SET next_attempt_at = now() WHERE id = $1`, [first.json.request_id]);
    expect(await server.aaa!.enforcer.retryDue()).toBe(1);
    const after = await api.get(`/api/isp/${isp.id}/coa-requests?subscriber_id=${isp.subscriberId}`, { token: isp.adminToken });
    expect(after.json.items.find((c: { id: string }) => c.id === first.json.request_id)).toMatchObject({ status: 'done', attempts: 6, next_attempt_at: null });

    // A retry due after the session ended is not sent: offline is what enforcement wanted.
    await coaPortIs(coaPort + 1);
    const second = await api.post(`/api/isp/${isp.id}/sessions/${id}/coa`, { token: isp.adminToken });
    expect(second.json.status).toBe('retrying');
    await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Stop\nAcct-Session-Id = "retry-1"\n`);
    await server.ctx.db.query(`UPDATE coa_requests SET next_attempt_at = now() WHERE id = $1`, [second.json.request_id]);
    expect(await server.aaa!.enforcer.retryDue()).toBe(1);
    const ended = await api.get(`/api/isp/${isp.id}/coa-requests?subscriber_id=${isp.subscriberId}`, { token: isp.adminToken });
    expect(ended.json.items.find((c: { id: string }) => c.id === second.json.request_id)).toMatchObject({ status: 'done', outcome: 'the session ended before retry 2' });
    await coaPortIs(coaPort);
  }, 30_000);

  it("another ISP's admin cannot kick this ISP's sessions", async () => {
    const other = await createIspFixture(api, (await api.post('/api/auth/login', { body: { email: 'owner@platform.test', password: 'correct horse battery' } })).json.access_token, 'coa-other');
    const id = await startSession('coa-4');
    expect((await api.post(`/api/isp/${other.id}/sessions/${id}/disconnect`, { token: other.adminToken })).status).toBe(404);
    expect((await api.post(`/api/isp/${isp.id}/sessions/${id}/disconnect`, { token: other.adminToken })).status).toBe(404);
    expect((await api.get(`/api/isp/${isp.id}/coa-requests`, { token: other.adminToken })).status).toBe(404);
  });
});

describe('test login', () => {
  it('explains an accept and a reject check by check, on a real Access-Request', async () => {
    // The NAS "reboots": earlier tests' sessions end, so Simultaneous-Use allows a login.
    await radclient('acct', acctPort, 'Acct-Status-Type = Accounting-On\n');
    const ok = await api.post(`/api/isp/${isp.id}/aaa/test-login`, { token: isp.adminToken, body: { username: user, password: 'pppoe-pass' } });
    expect(ok.status).toBe(200);
    expect(ok.json.result).toBe('accept');
    expect(ok.json.checks.map((c: { check: string }) => c.check)).toEqual(['subscriber', 'credentials', 'expiry', 'simultaneous_use', 'quota']);
    expect(ok.json.reply).toContainEqual({ name: 'Mikrotik-Rate-Limit', value: '51200k/204800k' });
    const bad = await api.post(`/api/isp/${isp.id}/aaa/test-login`, { token: isp.adminToken, body: { username: user, password: 'nope' } });
    expect(bad.json).toMatchObject({ result: 'reject', reason: 'wrong password (pap)' });
    const other = await createIspFixture(api, (await api.post('/api/auth/login', { body: { email: 'owner@platform.test', password: 'correct horse battery' } })).json.access_token, 'coa-third');
    expect((await api.post(`/api/isp/${isp.id}/aaa/test-login`, { token: other.adminToken, body: { username: user, password: 'pppoe-pass' } })).status).toBe(404);
    // Run in the other ISP, the same username is unknown there: tenants never share subscribers.
    const cross = await api.post(`/api/isp/${other.id}/aaa/test-login`, { token: other.adminToken, body: { username: user, password: 'pppoe-pass' } });
    expect(cross.json).toMatchObject({ result: 'reject', reason: 'unknown user' });
  });
});

describe('day/night speed schedule', () => {
  it('pushes the night speed by CoA when the window opens, in the ISP time zone', async () => {
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const now = new Date();
    const plan = await api.post(`/api/isp/${isp.id}/plans`, {
      token: isp.adminToken,
      body: { name: 'Night owl', download_kbps: 20480, upload_kbps: 5120, price_minor: 1500, night_download_kbps: 102400, night_upload_kbps: 20480,
        night_start: hhmm(new Date(now.getTime() - 60_000)), night_end: hhmm(new Date(now.getTime() + 3_600_000)) },
    });
    expect(plan.status, plan.text).toBe(201);
    const half = await api.patch(`/api/isp/${isp.id}/plans/${plan.json.id}`, { token: isp.adminToken, body: { night_start: null } });
    expect(half.status).toBe(400);
    await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { plan_id: plan.json.id } });
    await radclient('acct', acctPort, 'Acct-Status-Type = Accounting-On\n');
    const id = await startSession('night-1');
    await server.aaa!.schedule.tick(new Date(now.getTime() - 120_000));
    const pushed = await server.aaa!.schedule.tick(new Date());
    expect(pushed).toBe(1);
    const list = await api.get(`/api/isp/${isp.id}/coa-requests?subscriber_id=${isp.subscriberId}`, { token: isp.adminToken });
    expect(list.json.items.find((c: { session_id: number; reason: string }) => c.session_id === id && c.reason === 'night speed begins')).toMatchObject({ status: 'done' });
    expect(readFileSync(detail, 'utf8')).toContain('Mikrotik-Rate-Limit = "20480k/102400k"');
  });
});

describe('data packs and the live quota', () => {
  async function coaFor(reason: string) {
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      const list = await api.get(`/api/isp/${isp.id}/coa-requests?subscriber_id=${isp.subscriberId}`, { token: isp.adminToken });
      const hit = list.json.items.find((c: { reason: string; status: string }) => c.reason === reason && c.status !== 'pending');
      if (hit) return hit as { kind: string; status: string };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no CoA for "${reason}"`);
  }
  const rateLimits = () => readFileSync(detail, 'utf8').match(/Mikrotik-Rate-Limit = "[^"]+"/g) ?? [];

  it('a pack bought at the fair-use speed gives the plan speed back at once, and removing it takes it away', async () => {
    const base = `/api/isp/${isp.id}`;
    const token = isp.adminToken;
    const plan = await api.post(`${base}/plans`, { token, body: { name: 'Capped 10', download_kbps: 10240, upload_kbps: 2048, price_minor: 1000, fup_monthly_bytes: 1_000_000, fup_download_kbps: 1024, fup_upload_kbps: 512 } });
    expect(plan.status, plan.text).toBe(201);
    await api.patch(`${base}/subscribers/${isp.subscriberId}`, { token, body: { plan_id: plan.json.id } });
    const sub = await api.post(`${base}/subscribers/${isp.subscriberId}/subscription`, { token, body: { kind: 'postpaid', start_date: new Date().toISOString().slice(0, 10) } });
    expect(sub.status, sub.text).toBe(201);
    await radclient('acct', acctPort, 'Acct-Status-Type = Accounting-On\n');
    await startSession('pack-1');
    // 2 MB through a 1 MB monthly quota: the fair-use speed by CoA.
    await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Interim-Update\nAcct-Session-Id = "pack-1"\nAcct-Input-Octets = 500000\nAcct-Output-Octets = 1500000\n`);
    expect(await coaFor('monthly quota exhausted')).toMatchObject({ kind: 'coa', status: 'done' });
    expect(rateLimits().at(-1)).toBe('Mikrotik-Rate-Limit = "512k/1024k"');

    const pack = await api.post(`${base}/billing/addons`, { token, body: { name: 'Extra 5 MB', kind: 'data_pack', billing: 'one_off', price_minor: 200, currency: 'USD', data_bytes: 5_000_000 } });
    expect(pack.status, pack.text).toBe(201);
    const attached = await api.post(`${base}/subscribers/${isp.subscriberId}/addons`, { token, body: { addon_id: pack.json.id, quantity: 1 } });
    expect(attached.status, attached.text).toBe(201);
    expect(await coaFor('data pack attached')).toMatchObject({ kind: 'coa', status: 'done' });
    expect(rateLimits().at(-1)).toBe('Mikrotik-Rate-Limit = "2048k/10240k"');

    const removed = await api.post(`${base}/subscribers/${isp.subscriberId}/addons/${attached.json.id}/detach`, { token, body: {} });
    expect(removed.status, removed.text).toBe(200);
    expect(await coaFor('data pack detached')).toMatchObject({ kind: 'coa', status: 'done' });
    expect(rateLimits().at(-1)).toBe('Mikrotik-Rate-Limit = "512k/1024k"');

    // A new login is decided on the same quota: within it again once the pack is back.
    await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Stop\nAcct-Session-Id = "pack-1"\nAcct-Input-Octets = 500000\nAcct-Output-Octets = 1500000\n`);
    const login = () => api.post(`${base}/aaa/test-login`, { token, body: { username: user, password: 'pppoe-pass' } });
    expect((await login()).json.reply).toContainEqual({ name: 'Mikrotik-Rate-Limit', value: '512k/1024k' });
    await api.post(`${base}/subscribers/${isp.subscriberId}/addons`, { token, body: { addon_id: pack.json.id, quantity: 2 } });
    // Offline, nothing to CoA: the change event reaches the AAA cache through the outbox relay.
    // Waited for in the cache itself: test login is throttled, not a thing to poll.
    await until(async () => (await server.aaa!.subscribers.get(isp.id, user)).usage.packBytes === 10_000_000, 'the packs in the AAA cache');
    const after = await login();
    expect(after.json.result).toBe('accept');
    expect(after.json.reply).toContainEqual({ name: 'Mikrotik-Rate-Limit', value: '2048k/10240k' });
  });
});
