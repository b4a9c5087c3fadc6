import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let other: IspFixture;
let url: string;

const ned = () => `ned.${isp.slug}`; // in the North branch, the manager's
const ann = () => `ann.${isp.slug}`; // in HQ, outside the North subtree

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  const founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'oracle');
  other = await createIspFixture(api, founder, 'oracle-other');
  url = `/api/isp/${isp.id}/aaa/test-login`;
});
afterAll(() => server.close());

async function apiKey(scopes: string[]): Promise<string> {
  const r = await api.post(`/api/isp/${isp.id}/api-keys`, { token: isp.adminToken, body: { name: scopes.join(' '), scopes } });
  expect(r.status, r.text).toBe(201);
  return r.json.key as string;
}

async function staff(role: string, email: string): Promise<string> {
  const r = await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email, name: role, role, password } });
  expect(r.status, r.text).toBe(201);
  return api.login(email, password);
}

async function auditedAttempts() {
  const r = await api.get(`/api/isp/${isp.id}/audit?action=aaa.test_login&limit=200`, { token: isp.adminToken });
  expect(r.status, r.text).toBe(200);
  return r as { json: { items: { actor_email: string | null; entity_id: string | null; after: { username: string; result: string; reason: string } }[] }; text: string };
}

describe('test login: who may ask', () => {
  it('needs aaa:test_login: a read-only API key, a support agent and the billing role are refused; an ISP admin, a NOC engineer and a key given the scope are not', async () => {
    const body = { username: ned(), password: 'pppoe-pass' };
    const readOnly = await apiKey(['subscriber:read', 'nas:read']);
    expect((await api.post(url, { token: readOnly, body })).status).toBe(403);
    expect((await api.post(url, { token: await staff('support_agent', 'desk@oracle.test'), body })).status).toBe(403);
    expect((await api.post(url, { token: await staff('billing', 'books@oracle.test'), body })).status).toBe(403);

    const scoped = await apiKey(['aaa:test_login']);
    expect((await api.post(url, { token: scoped, body })).json).toMatchObject({ result: 'accept' });
    expect((await api.post(url, { token: await staff('noc_engineer', 'noc@oracle.test'), body })).json).toMatchObject({ result: 'accept' });
    expect((await api.post(url, { token: isp.adminToken, body })).json).toMatchObject({ result: 'accept' });
  });

  it("another ISP's admin gets 404, and in their own ISP the username is nobody's", async () => {
    expect((await api.post(url, { token: other.adminToken, body: { username: ned(), password: 'pppoe-pass' } })).status).toBe(404);
    const there = await api.post(`/api/isp/${other.id}/aaa/test-login`, { token: other.adminToken, body: { username: ned(), password: 'pppoe-pass' } });
    expect(there.json).toMatchObject({ result: 'reject', reason: 'unknown user' });
  });

  it('a branch manager tests the subscribers of their subtree; one of another branch is answered as a username nobody has', async () => {
    const mine = await api.post(url, { token: isp.managerToken, body: { username: ned(), password: 'pppoe-pass' } });
    expect(mine.json).toMatchObject({ result: 'accept' });
    // Ann exists (in HQ) and this is her password: the answer must not tell.
    const theirs = await api.post(url, { token: isp.managerToken, body: { username: ann(), password: 'pppoe-pass' } });
    const nobody = await api.post(url, { token: isp.managerToken, body: { username: `nobody.${isp.slug}`, password: 'pppoe-pass' } });
    expect(theirs.status).toBe(200);
    expect(theirs.json).toEqual(nobody.json);
    expect(theirs.json).toMatchObject({ result: 'reject', reason: 'unknown user', reply: [] });
    // The ISP admin, whose scope is the whole ISP, gets the real answer.
    expect((await api.post(url, { token: isp.adminToken, body: { username: ann(), password: 'pppoe-pass' } })).json).toMatchObject({ result: 'accept' });
  });

  it('refuses a NUL character with a pointer to the field, not a database error', async () => {
    const r = await api.post(url, { token: isp.adminToken, body: { username: 'ned\u0000x', password: 'x' } });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json.errors[0].pointer).toBe('/body/username');
  });
});

describe('test login: throttled and audited', () => {
  it('after 10 attempts on one username it answers 429 with Retry-After, the right password included, to every caller', async () => {
    // Nothing else has asked about this subscriber yet.
    const target = `throttled.${isp.slug}`;
    const created = await api.post(`/api/isp/${isp.id}/subscribers`, {
      token: isp.adminToken, body: { first_name: 'Tom', last_name: 'North', username: target, password: 'right-pass', branch_id: isp.north, plan_id: isp.planId },
    });
    expect(created.status, created.text).toBe(201);
    for (let i = 0; i < 10; i++) {
      const r = await api.post(url, { token: isp.managerToken, body: { username: target, password: `guess-${i}` } });
      expect(r.json).toMatchObject({ result: 'reject', reason: 'wrong password (pap)' });
    }
    const right = await api.post(url, { token: isp.managerToken, body: { username: target, password: 'right-pass' } });
    expect(right.status).toBe(429);
    expect(right.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(right.text).not.toContain('accept');
    // Per username: the admin, who has not been throttled, cannot ask about it either.
    expect((await api.post(url, { token: isp.adminToken, body: { username: target, password: 'right-pass' } })).status).toBe(429);
    // Other usernames are still answered.
    expect((await api.post(url, { token: isp.adminToken, body: { username: ned(), password: 'pppoe-pass' } })).status).toBe(200);
  });

  it('after 30 attempts by one caller, whichever usernames, it answers 429 to that caller only', async () => {
    const token = await staff('noc_engineer', 'sweeper@oracle.test');
    for (let i = 0; i < 30; i++) {
      const r = await api.post(url, { token, body: { username: `sweep-${i}.${isp.slug}`, password: 'pppoe-pass' } });
      expect(r.status, r.text).toBe(200);
    }
    const next = await api.post(url, { token, body: { username: ned(), password: 'pppoe-pass' } });
    expect(next.status).toBe(429);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api.post(url, { token: isp.adminToken, body: { username: ned(), password: 'pppoe-pass' } })).status).toBe(200);
  });

  it('audits every attempt: who, which username, the result, never the password', async () => {
    const log = await auditedAttempts();
    const manager = log.json.items.filter((e) => e.actor_email === `north@${isp.slug}.test`);
    const results = (username: string) => manager.filter((e) => e.after.username === username).map((e) => e.after.result);
    expect(results(`throttled.${isp.slug}`).filter((r) => r === 'reject')).toHaveLength(10);
    expect(results(`throttled.${isp.slug}`)).toContain('throttled');
    expect(results(ned())).toContain('accept');
    // The out-of-scope attempt names no subscriber: the manager learns nothing from it, the trail records it.
    const probe = manager.find((e) => e.after.username === ann());
    expect(probe).toMatchObject({ entity_id: null, after: { result: 'reject', reason: 'unknown user' } });
    expect(log.json.items.filter((e) => e.actor_email === 'sweeper@oracle.test' && e.after.result === 'throttled')).toHaveLength(1);
    for (const secret of ['pppoe-pass', 'right-pass', 'guess-3']) expect(log.text).not.toContain(secret);
  });
});
