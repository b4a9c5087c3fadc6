import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';
import { currentTotp } from './mfa.ts';

// The limiter's clock is pinned and stepped by the tests; everything else runs on real time.
const clock = { t: Date.UTC(2026, 2, 2, 9, 0, 0) };
const seconds = (n: number) => { clock.t += n * 1000; };

let server: TestServer;
let api: Client;
let isp: IspFixture;
const owner = 'owner@platform.test';

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock.t });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'throttle-net');
});
afterAll(() => server.close());

const login = (email: string, pw: string, from: string, extra: Record<string, string> = {}) =>
  api.post('/api/auth/login', { body: { email, password: pw, ...extra }, from });

async function staff(email: string): Promise<void> {
  const r = await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email, name: 'S', role: 'support_agent', password } });
  expect(r.status).toBe(201);
}

describe('login throttling', () => {
  it('an attacker failing many times from one address does not lock the founder out from another', async () => {
    const attacker = '127.0.0.11';
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(owner, `guess ${i}`, attacker)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // The right password from the attacker's address is refused too: no oracle there.
    const there = await login(owner, password, attacker);
    expect(there.status).toBe(429);
    expect(there.headers['content-type']).toContain('application/problem+json');
    expect(there.json).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(Number(there.headers['retry-after'])).toBeGreaterThan(0);
    // The owner, from an address with no failures, logs in.
    expect((await login(owner, password, '127.0.0.12')).status).toBe(200);
  });

  it("the failing address waits longer after each failure, up to 15 minutes", async () => {
    await staff('backoff@throttle.test');
    const from = '127.0.0.13';
    for (let i = 0; i < 5; i++) expect((await login('backoff@throttle.test', 'wrong', from)).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refused = await login('backoff@throttle.test', 'wrong', from);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers['retry-after']);
      expect(refused.json.retryAfter).toBe(wait);
      waits.push(wait);
      seconds(wait);
      expect((await login('backoff@throttle.test', 'wrong', from)).status).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    // Part of the wait gone: the rest is what Retry-After says, and a refused try adds nothing.
    seconds(400);
    expect((await login('backoff@throttle.test', password, from)).headers['retry-after']).toBe('500');
    seconds(500);
    // Once through, the right password clears this address's count for the account.
    expect((await login('backoff@throttle.test', password, from)).status).toBe(200);
    expect((await login('backoff@throttle.test', 'wrong', from)).status).toBe(401);
  });

  it('one address trying many accounts (password spraying) is throttled across them', async () => {
    const sprayer = '127.0.0.14';
    for (let i = 0; i < 20; i++) expect((await login(`victim${i}@throttle.test`, 'Summer2026!', sprayer)).status).toBe(401);
    const next = await login('victim20@throttle.test', 'Summer2026!', sprayer);
    expect(next.status).toBe(429);
    expect(next.headers['retry-after']).toBe('30');
    // Even an account's right password is not checked from there now; elsewhere it is.
    expect((await login(isp.adminEmail, password, sprayer)).status).toBe(429);
    expect((await login(isp.adminEmail, password, '127.0.0.15')).status).toBe(200);
  });

  it('successful logins from a shared address do not use up its allowance', async () => {
    const office = '127.0.0.16';
    for (let i = 0; i < 25; i++) expect((await login(isp.adminEmail, password, office)).status).toBe(200);
    expect((await login(isp.adminEmail, 'typo', office)).status).toBe(401);
  });

  it('a burst of parallel guesses gets no more tries than a sequence', async () => {
    await staff('burst@throttle.test');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => login('burst@throttle.test', `parallel ${i}`, '127.0.0.17')));
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
  });

  it('with MFA the owner gets past a throttled address with a TOTP code; a wrong code does not', async () => {
    await staff('mfa-owner@throttle.test');
    const token = await api.login('mfa-owner@throttle.test', password);
    const setup = await api.post('/api/auth/mfa/setup', { token });
    expect((await api.post('/api/auth/mfa/confirm', { token, body: { code: currentTotp(setup.json.secret) } })).status).toBe(200);
    const shared = '127.0.0.18';
    for (let i = 0; i < 6; i++) await login('mfa-owner@throttle.test', `guess ${i}`, shared);
    expect((await login('mfa-owner@throttle.test', password, shared)).status).toBe(429);
    expect((await login('mfa-owner@throttle.test', password, shared, { totp: '000000' })).status).toBe(429);
    // A TOTP code with a wrong password is a failed login, not a way to test passwords faster.
    expect((await login('mfa-owner@throttle.test', 'still guessing', shared, { totp: currentTotp(setup.json.secret) })).status).toBe(401);
    const ok = await login('mfa-owner@throttle.test', password, shared, { totp: currentTotp(setup.json.secret) });
    expect(ok.status).toBe(200);
    // An account without MFA has no such way: a code changes nothing.
    await staff('plain@throttle.test');
    for (let i = 0; i < 6; i++) await login('plain@throttle.test', `guess ${i}`, shared);
    expect((await login('plain@throttle.test', password, shared, { totp: '123456' })).status).toBe(429);
  });

  it('the TOTP way past the throttle is itself limited per account and address', async () => {
    await staff('mfa-limit@throttle.test');
    const token = await api.login('mfa-limit@throttle.test', password);
    const setup = await api.post('/api/auth/mfa/setup', { token });
    await api.post('/api/auth/mfa/confirm', { token, body: { code: currentTotp(setup.json.secret) } });
    const from = '127.0.0.19';
    for (let i = 0; i < 6; i++) await login('mfa-limit@throttle.test', `guess ${i}`, from);
    for (let i = 0; i < 5; i++) expect((await login('mfa-limit@throttle.test', password, from, { totp: '000000' })).status).toBe(429);
    // Five wrong codes used up the way in from this address, even for the right code now…
    expect((await login('mfa-limit@throttle.test', password, from, { totp: currentTotp(setup.json.secret) })).status).toBe(429);
    // …but not the account's second factor from elsewhere.
    expect((await login('mfa-limit@throttle.test', password, '127.0.0.20', { totp: currentTotp(setup.json.secret) })).status).toBe(200);
  });
});
