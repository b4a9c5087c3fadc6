import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';
import { currentTotp } from './mfa.ts';

let server: TestServer;
let api: Client;
let founder: string;
let isp: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'gamma-net');
});
afterAll(() => server.close());

describe('login', () => {
  it('answers OAuth-style tokens and /me knows the account', async () => {
    const r = await api.post('/api/auth/login', { body: { email: isp.adminEmail, password } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(r.json.refresh_token.length).toBeGreaterThan(20);
    const me = await api.get('/api/auth/me', { token: r.json.access_token });
    expect(me.json).toMatchObject({ kind: 'user', role: 'isp_admin', isp_id: isp.id, email: isp.adminEmail, isp_slug: 'gamma-net' });
  });

  it('rejects a wrong password without saying whether the account exists', async () => {
    const wrong = await api.post('/api/auth/login', { body: { email: isp.adminEmail, password: 'nope-nope' } });
    const unknown = await api.post('/api/auth/login', { body: { email: 'nobody@x.test', password: 'nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.detail).toBe(unknown.json.detail);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('subscribers log in to their portal', async () => {
    const token = await api.login('ann@gamma-net.test', password);
    const me = await api.get('/api/auth/me', { token });
    expect(me.json).toMatchObject({ kind: 'subscriber', role: 'subscriber', isp_id: isp.id });
    const dash = await api.get(`/api/user/${isp.subscriberId}/dashboard`, { token });
    expect(dash.status).toBe(200);
    expect(dash.json.plan.name).toBe('Fiber 50');
    expect((await api.get(`/api/user/${isp.northSubscriberId}/dashboard`, { token })).status).toBe(403);
    expect((await api.get(`/api/isp/${isp.id}/subscribers`, { token })).status).toBe(403);
  });

  it('throttles an account at the address that failed five times, even with the right password then', async () => {
    await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email: 'lock@gamma.test', name: 'L', role: 'support_agent', password } });
    for (let i = 0; i < 5; i++) expect((await api.post('/api/auth/login', { body: { email: 'lock@gamma.test', password: 'wrong-pass' } })).status).toBe(401);
    const locked = await api.post('/api/auth/login', { body: { email: 'lock@gamma.test', password } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('suspending an ISP locks out its staff', async () => {
    const other = await createIspFixture(api, founder, 'suspend-me');
    expect((await api.post(`/api/founder/isp/${other.id}/suspend`, { token: founder })).json.status).toBe('suspended');
    expect((await api.post('/api/auth/login', { body: { email: other.adminEmail, password } })).status).toBe(403);
    expect((await api.post(`/api/founder/isp/${other.id}/resume`, { token: founder })).json.status).toBe('active');
    expect((await api.post('/api/auth/login', { body: { email: other.adminEmail, password } })).status).toBe(200);
  });
});

describe('refresh tokens', () => {
  it('rotate, and a reused token revokes the whole family', async () => {
    const first = (await api.post('/api/auth/login', { body: { email: isp.adminEmail, password } })).json;
    const second = await api.post('/api/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    const replay = await api.post('/api/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(replay.status).toBe(401);
    expect(replay.json.detail).toMatch(/reuse/);
    // The legitimate newer token died with the family.
    expect((await api.post('/api/auth/refresh', { body: { refresh_token: second.json.refresh_token } })).status).toBe(401);
  });

  it('logout revokes', async () => {
    const t = (await api.post('/api/auth/login', { body: { email: isp.adminEmail, password } })).json;
    expect((await api.post('/api/auth/logout', { body: { refresh_token: t.refresh_token } })).status).toBe(204);
    expect((await api.post('/api/auth/refresh', { body: { refresh_token: t.refresh_token } })).status).toBe(401);
  });
});

describe('first-run founder registration', () => {
  it('is refused once a founder exists', async () => {
    const r = await api.post('/api/auth/register/founder', { body: { email: 'second@x.test', name: 'S', password: 'long enough password' } });
    expect(r.status).toBe(409);
  });

  it('works exactly once on an empty platform, even under concurrent requests', async () => {
    const fresh = await startTestServer();
    try {
      const c = client(fresh.app);
      const results = await Promise.all([1, 2, 3].map((i) =>
        c.post('/api/auth/register/founder', { body: { email: `f${i}@x.test`, name: 'F', password: 'long enough password' } })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const created = results.find((r) => r.status === 201)!;
      const token = await c.login(created.json.email, 'long enough password');
      expect((await c.get('/api/founder/dashboard', { token })).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

describe('TOTP multi-factor authentication', () => {
  it('enrols, then requires a code; recovery codes work once', async () => {
    await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email: 'mfa@gamma.test', name: 'M', role: 'noc_engineer', password } });
    const token = await api.login('mfa@gamma.test', password);
    const setup = await api.post('/api/auth/mfa/setup', { token });
    expect(setup.status).toBe(200);
    expect(setup.json.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.json.qr_code_data_url).toMatch(/^data:image\/png;base64,/);
    expect((await api.post('/api/auth/mfa/confirm', { token, body: { code: '000000' } })).status).toBe(400);
    const confirm = await api.post('/api/auth/mfa/confirm', { token, body: { code: currentTotp(setup.json.secret) } });
    expect(confirm.status).toBe(200);
    expect(confirm.json.recovery_codes).toHaveLength(10);

    const noCode = await api.post('/api/auth/login', { body: { email: 'mfa@gamma.test', password } });
    expect(noCode.status).toBe(401);
    expect(noCode.json.mfa_required).toBe(true);
    expect((await api.post('/api/auth/login', { body: { email: 'mfa@gamma.test', password, totp: currentTotp(setup.json.secret) } })).status).toBe(200);
    const code = confirm.json.recovery_codes[0];
    expect((await api.post('/api/auth/login', { body: { email: 'mfa@gamma.test', password, totp: code } })).status).toBe(200);
    expect((await api.post('/api/auth/login', { body: { email: 'mfa@gamma.test', password, totp: code } })).status).toBe(401);
  });

  it('an ISP that requires MFA lets un-enrolled staff do nothing but enrol', async () => {
    const other = await createIspFixture(api, founder, 'mfa-isp');
    await api.patch(`/api/isp/${other.id}`, { token: other.adminToken, body: { require_mfa: true } });
    const login = await api.post('/api/auth/login', { body: { email: `north@mfa-isp.test`, password } });
    expect(login.json.mfa_setup_required).toBe(true);
    const token = login.json.access_token;
    expect((await api.get(`/api/isp/${other.id}/subscribers`, { token })).status).toBe(403);
    expect((await api.post('/api/auth/mfa/setup', { token })).status).toBe(200);
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password and ends old sessions', async () => {
    await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email: 'forgot@gamma.test', name: 'F', role: 'billing', password } });
    const old = (await api.post('/api/auth/login', { body: { email: 'forgot@gamma.test', password } })).json;
    expect((await api.post('/api/auth/password/forgot', { body: { email: 'forgot@gamma.test' } })).status).toBe(202);
    expect((await api.post('/api/auth/password/forgot', { body: { email: 'nobody@gamma.test' } })).status).toBe(202);
    const mail = server.mailer.sent.findLast((m) => m.to === 'forgot@gamma.test')!;
    // The link opens the reset page on the ISP's branded portal.
    expect(mail.text).toContain(`${server.ctx.config.publicUrl}/t/gamma-net/reset-password?token=`);
    const token = /token=([^\s]+)/.exec(mail.text)![1]!;
    expect((await api.post('/api/auth/password/reset', { body: { token: decodeURIComponent(token), password: 'short' } })).status).toBe(400);
    expect((await api.post('/api/auth/password/reset', { body: { token: decodeURIComponent(token), password: 'a brand new password' } })).status).toBe(204);
    expect((await api.post('/api/auth/password/reset', { body: { token: decodeURIComponent(token), password: 'another new password' } })).status).toBe(400);
    expect((await api.post('/api/auth/login', { body: { email: 'forgot@gamma.test', password } })).status).toBe(401);
    expect((await api.post('/api/auth/login', { body: { email: 'forgot@gamma.test', password: 'a brand new password' } })).status).toBe(200);
    expect((await api.post('/api/auth/refresh', { body: { refresh_token: old.refresh_token } })).status).toBe(401);
  });
});

describe('password reset links', () => {
  it('go to the custom domain when the ISP has one, and to the platform for founders', async () => {
    await api.patch(`/api/isp/${isp.id}`, { token: isp.adminToken, body: { custom_domain: 'portal.gamma.example' } });
    await api.post('/api/auth/password/forgot', { body: { email: isp.adminEmail } });
    expect(server.mailer.sent.findLast((m) => m.to === isp.adminEmail)!.text).toContain('https://portal.gamma.example/t/gamma-net/reset-password?token=');
    await api.patch(`/api/isp/${isp.id}`, { token: isp.adminToken, body: { custom_domain: null } });
    await api.post('/api/auth/password/forgot', { body: { email: 'owner@platform.test' } });
    const mail = server.mailer.sent.findLast((m) => m.to === 'owner@platform.test')!;
    expect(mail.text).toMatch(new RegExp(`${server.ctx.config.publicUrl}/reset-password\\?token=`));
  });
});

describe('API keys', () => {
  it('are shown once, act within their scopes, and stop working when revoked', async () => {
    const created = await api.post(`/api/isp/${isp.id}/api-keys`, { token: isp.adminToken, body: { name: 'CRM sync', scopes: ['subscriber:read'] } });
    expect(created.status).toBe(201);
    const key = created.json.key as string;
    expect(key).toMatch(/^anx_/);
    const list = await api.get(`/api/isp/${isp.id}/api-keys`, { token: isp.adminToken });
    expect(list.text).not.toContain(key.slice('anx_'.length + 11));
    expect((await api.get(`/api/isp/${isp.id}/subscribers`, { token: key })).json.total).toBe(2);
    expect((await api.post(`/api/isp/${isp.id}/plans`, { token: key, body: { name: 'x', download_kbps: 1, upload_kbps: 1, price_minor: 1 } })).status).toBe(403);
    const other = await createIspFixture(api, founder, 'key-other');
    expect((await api.get(`/api/isp/${other.id}/subscribers`, { token: key })).status).toBe(404);
    expect((await api.get(`/api/isp/${isp.id}/subscribers`, { token: key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A') })).status).toBe(401);
    expect((await api.del(`/api/isp/${isp.id}/api-keys/${created.json.id}`, { token: isp.adminToken })).status).toBe(204);
    expect((await api.get(`/api/isp/${isp.id}/subscribers`, { token: key })).status).toBe(401);
  });
});

describe('/api/auth/me: what the account may do, from the server\'s one permission matrix', () => {
  it('gives each role its permissions and the roles it may grant, so the web keeps no copy', async () => {
    const admin = (await api.get('/api/auth/me', { token: isp.adminToken })).json;
    expect(admin.permissions).toEqual(['isp:read', 'isp:manage', 'branch:read', 'branch:manage', 'staff:read', 'staff:manage', 'subscriber:read', 'subscriber:manage',
      'plan:read', 'plan:manage', 'audit:read', 'nas:read', 'nas:manage', 'aaa:test_login', 'apikey:manage', 'billing:read', 'billing:manage', 'billing:configure',
      'noc:read', 'noc:manage', 'ticket:read', 'ticket:manage']);
    expect(admin.grantable_roles).toEqual(['isp_admin', 'billing', 'support_agent', 'noc_engineer', 'branch_manager']);

    await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email: 'agent@gamma.test', name: 'Agent', role: 'support_agent', password } });
    const agent = (await api.get('/api/auth/me', { token: await api.login('agent@gamma.test', password) })).json;
    expect(agent.permissions).toEqual(['isp:read', 'branch:read', 'subscriber:read', 'subscriber:manage', 'plan:read', 'nas:read', 'billing:read', 'noc:read', 'ticket:read', 'ticket:manage']);
    expect(agent.grantable_roles).toEqual([]);

    const subscriber = (await api.get('/api/auth/me', { token: await api.login('ann@gamma-net.test', password) })).json;
    expect(subscriber.permissions).toEqual(['self:read', 'self:manage']);

    const f = (await api.get('/api/auth/me', { token: founder })).json;
    expect(f.permissions).toContain('platform:manage');
  });

  it('gives an API key its scopes, and another ISP\'s account only its own', async () => {
    const created = await api.post(`/api/isp/${isp.id}/api-keys`, { token: isp.adminToken, body: { name: 'Scopes', scopes: ['subscriber:read', 'plan:read'] } });
    const me = (await api.get('/api/auth/me', { token: created.json.key })).json;
    expect(me).toMatchObject({ kind: 'api_key', isp_id: isp.id, permissions: ['subscriber:read', 'plan:read'], grantable_roles: [] });
    const other = await createIspFixture(api, founder, 'me-other');
    const otherMe = (await api.get('/api/auth/me', { token: other.adminToken })).json;
    expect(otherMe).toMatchObject({ isp_id: other.id, isp_slug: 'me-other' });
    expect(JSON.stringify(otherMe)).not.toContain(isp.id);
  });
});
