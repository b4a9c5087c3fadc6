import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';

// Two server processes on one database and one Redis when the suite runs on them (the
// production shape: each with its own caches, told of changes through Redis pub/sub); on the
// embedded database the second "process" is the first one.
let a: TestServer;
let b: TestServer;
let api: Client;
let founder: string;
let isp: IspFixture;

beforeAll(async () => {
  a = await startTestServer();
  api = client(a.app);
  founder = await founderToken(a, api);
  isp = await createIspFixture(api, founder, 'revoke-net');
  b = process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL ? await startTestServer({}, { shareWith: a }) : a;
}, 60_000);
afterAll(async () => {
  if (b && b !== a) await b.close();
  await a?.close();
});

const users = (ispId: string) => `/api/isp/${ispId}/users`;

async function newStaff(email: string, role: string, extra: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const r = await api.post(users(isp.id), { token: isp.adminToken, body: { email, name: 'Staff', role, password, ...extra } });
  expect(r.status, r.text).toBe(201);
  return { id: r.json.id, token: await api.login(email, password) };
}

function expectRefused(r: { status: number; json: any; headers: Record<string, unknown> }, reason: string): void {
  expect(r.status).toBe(401);
  expect(String(r.headers['content-type'])).toContain('application/problem+json');
  expect(r.json.reason).toBe(reason);
}

describe('an access token stops acting with its account', () => {
  it('a disabled isp_admin can no longer list staff or create an isp_admin', async () => {
    const boss = await newStaff('disabled-admin@revoke.test', 'isp_admin');
    expect((await api.get(users(isp.id), { token: boss.token })).status).toBe(200);
    expect((await api.patch(`${users(isp.id)}/${boss.id}`, { token: isp.adminToken, body: { status: 'disabled' } })).status).toBe(200);
    const list = await api.get(users(isp.id), { token: boss.token });
    expectRefused(list, 'account_disabled');
    expect(list.json.detail).toBe('This account is disabled');
    const create = await api.post(users(isp.id), { token: boss.token, body: { email: 'planted@revoke.test', name: 'P', role: 'isp_admin', password } });
    expectRefused(create, 'account_disabled');
    expect((await api.get(`${users(isp.id)}?q=planted`, { token: isp.adminToken })).json.total).toBe(0);
  });

  it('a deleted staff member is refused', async () => {
    const leaver = await newStaff('deleted@revoke.test', 'support_agent');
    expect((await api.get(`/api/isp/${isp.id}/subscribers`, { token: leaver.token })).status).toBe(200);
    expect((await api.del(`${users(isp.id)}/${leaver.id}`, { token: isp.adminToken })).status).toBe(204);
    const r = await api.get(`/api/isp/${isp.id}/subscribers`, { token: leaver.token });
    expectRefused(r, 'account_deleted');
    expect(r.json.detail).toBe('This account no longer exists');
  });

  it('a demoted isp_admin keeps none of the old rights; a new login carries the new role', async () => {
    const demoted = await newStaff('demoted@revoke.test', 'isp_admin');
    expect((await api.patch(`${users(isp.id)}/${demoted.id}`, { token: isp.adminToken, body: { role: 'support_agent' } })).status).toBe(200);
    expectRefused(await api.get(users(isp.id), { token: demoted.token }), 'role_changed');
    expectRefused(await api.post(users(isp.id), { token: demoted.token, body: { email: 'x@revoke.test', name: 'X', role: 'isp_admin', password } }), 'role_changed');
    const fresh = await api.login('demoted@revoke.test', password);
    expect((await api.get(users(isp.id), { token: fresh })).status).toBe(403);
    expect((await api.get(`/api/isp/${isp.id}/subscribers`, { token: fresh })).status).toBe(200);
  });

  it('a branch manager moved to another branch signs in again', async () => {
    const manager = await newStaff('moved@revoke.test', 'branch_manager', { branch_id: isp.north });
    expect((await api.patch(`${users(isp.id)}/${manager.id}`, { token: isp.adminToken, body: { branch_id: isp.south } })).status).toBe(200);
    expectRefused(await api.get(`/api/isp/${isp.id}/subscribers`, { token: manager.token }), 'role_changed');
  });

  it('a revoked API key is refused at once, saying so', async () => {
    const created = await api.post(`/api/isp/${isp.id}/api-keys`, { token: isp.adminToken, body: { name: 'sync', scopes: ['subscriber:read'] } });
    expect((await api.get(`/api/isp/${isp.id}/subscribers`, { token: created.json.key })).status).toBe(200);
    expect((await api.del(`/api/isp/${isp.id}/api-keys/${created.json.id}`, { token: isp.adminToken })).status).toBe(204);
    expectRefused(await api.get(`/api/isp/${isp.id}/subscribers`, { token: created.json.key }), 'api_key_revoked');
  });

  it('a forged or expired token is refused as such, and public routes still answer it', async () => {
    expectRefused(await api.get('/api/auth/me', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }), 'invalid_token');
    expect((await api.post('/api/auth/login', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x', body: { email: isp.adminEmail, password } })).status).toBe(200);
  });
});

describe('subscribers in their portal', () => {
  it('keep it while suspended (to pay), lose it when terminated', async () => {
    const own = await createIspFixture(api, founder, 'revoke-sub');
    const token = await api.login('ann@revoke-sub.test', password);
    const base = `/api/isp/${own.id}/subscribers/${own.subscriberId}`;
    expect((await api.patch(base, { token: own.adminToken, body: { status: 'suspended' } })).status).toBe(200);
    expect((await api.get('/api/me/profile', { token })).status).toBe(200);
    expect((await api.patch(base, { token: own.adminToken, body: { status: 'terminated' } })).status).toBe(200);
    const r = await api.get('/api/me/profile', { token });
    expectRefused(r, 'account_terminated');
    expect(r.json.detail).toBe('This account is terminated');
  });
});

describe('a suspended ISP', () => {
  it("refuses its staff's and subscribers' tokens and its API keys until resumed; the founder is not affected", async () => {
    const own = await createIspFixture(api, founder, 'revoke-susp');
    const subscriber = await api.login('ann@revoke-susp.test', password);
    const key = (await api.post(`/api/isp/${own.id}/api-keys`, { token: own.adminToken, body: { name: 'k', scopes: ['subscriber:read'] } })).json.key as string;
    expect((await api.post(`/api/founder/isp/${own.id}/suspend`, { token: founder })).status).toBe(200);
    expectRefused(await api.get(users(own.id), { token: own.adminToken }), 'isp_suspended');
    expectRefused(await api.get('/api/me/profile', { token: subscriber }), 'isp_suspended');
    expectRefused(await api.get(`/api/isp/${own.id}/subscribers`, { token: key }), 'isp_suspended');
    expect((await api.get(`/api/isp/${own.id}/subscribers`, { token: own.managerToken })).json.detail).toBe('This ISP is suspended');
    expect((await api.get(`/api/founder/isp/${own.id}`, { token: founder })).status).toBe(200);
    // Another ISP's staff carry on.
    expect((await api.get(users(isp.id), { token: isp.adminToken })).status).toBe(200);
    expect((await api.post(`/api/founder/isp/${own.id}/resume`, { token: founder })).status).toBe(200);
    expect((await api.get(users(own.id), { token: own.adminToken })).status).toBe(200);
  });
});

describe('across processes', () => {
  // The TTL of a remembered account is a minute: a refusal within seconds is the event's doing.
  const promptly = 3000;

  it('a staff member disabled through A is refused by B within moments, though B had the account in memory', async () => {
    const apiB = client(b.app);
    const staff = await newStaff('two-procs@revoke.test', 'noc_engineer');
    expect((await apiB.get(`/api/isp/${isp.id}/subscribers`, { token: staff.token })).status).toBe(200);
    expect((await api.patch(`${users(isp.id)}/${staff.id}`, { token: isp.adminToken, body: { status: 'disabled' } })).status).toBe(200);
    await until(async () => (await apiB.get(`/api/isp/${isp.id}/subscribers`, { token: staff.token })).status === 401, 'B to refuse the token', promptly);
  });

  it('an ISP suspended through A is refused by B, and resumed through A is served by B again', async () => {
    const apiB = client(b.app);
    const own = await createIspFixture(api, founder, 'revoke-procs');
    expect((await apiB.get(users(own.id), { token: own.adminToken })).status).toBe(200);
    expect((await api.post(`/api/founder/isp/${own.id}/suspend`, { token: founder })).status).toBe(200);
    await until(async () => (await apiB.get(users(own.id), { token: own.adminToken })).status === 401, 'B to refuse the suspended ISP', promptly);
    expect((await api.post(`/api/founder/isp/${own.id}/resume`, { token: founder })).status).toBe(200);
    await until(async () => (await apiB.get(users(own.id), { token: own.adminToken })).status === 200, 'B to serve the resumed ISP', promptly);
  });
});
