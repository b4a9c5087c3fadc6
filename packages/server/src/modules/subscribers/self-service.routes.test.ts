import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let subToken: string;
const email = 'ann@kappa-net.test';

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'kappa-net');
  subToken = await api.login(email, password);
});
afterAll(() => server.close());

const audit = async (action: string) =>
  server.ctx.db.query<{ actor_kind: string; actor_id: string }>('SELECT actor_kind, actor_id FROM audit_log WHERE action = $1 AND entity_id = $2', [action, isp.subscriberId]);

describe('subscriber self-service profile', () => {
  it('reads and changes the own contact details and language, audited as the subscriber', async () => {
    const r = await api.get('/api/me/profile', { token: subToken });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: isp.subscriberId, first_name: 'Ann', email, plan_name: 'Fiber 50', status: 'active' });
    const p = await api.patch('/api/me/profile', { token: subToken, body: { phone: '+1 555 0100', address: '1 Main St', city: 'Springfield', locale: 'fr', first_name: 'Anna' } });
    expect(p.status, p.text).toBe(200);
    expect(p.json).toMatchObject({ phone: '+1 555 0100', address: '1 Main St', city: 'Springfield', locale: 'fr', first_name: 'Anna' });
    const staffView = await api.get(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken });
    expect(staffView.json).toMatchObject({ phone: '+1 555 0100', locale: 'fr', first_name: 'Anna' });
    const rows = await audit('subscriber.updated');
    expect(rows.some((a) => a.actor_kind === 'subscriber' && a.actor_id === isp.subscriberId)).toBe(true);
  });

  it('refuses plan, status and unknown fields, and bad values, naming the field', async () => {
    for (const body of [{ plan_id: isp.planId }, { status: 'active' }, { radius_reply: [] }, { id: isp.northSubscriberId }]) {
      const r = await api.patch('/api/me/profile', { token: subToken, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const bad = await api.patch('/api/me/profile', { token: subToken, body: { email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('/body/email');
    const still = await api.get(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken });
    expect(still.json).toMatchObject({ plan_id: isp.planId, status: 'active', email });
  });

  it('a taken e-mail is a conflict', async () => {
    await api.patch(`/api/isp/${isp.id}/subscribers/${isp.northSubscriberId}`, { token: isp.adminToken, body: { email: 'ned@kappa-net.test' } });
    const r = await api.patch('/api/me/profile', { token: subToken, body: { email: 'ned@kappa-net.test' } });
    expect(r.status).toBe(409);
  });

  it('is for subscribers only', async () => {
    expect((await api.get('/api/me/profile', { token: isp.adminToken })).status).toBe(403);
    expect((await api.patch('/api/me/profile', { token: isp.adminToken, body: { phone: '1' } })).status).toBe(403);
    expect((await api.get('/api/me/usage', { token: isp.adminToken })).status).toBe(403);
    expect((await api.get('/api/me/profile')).status).toBe(401);
  });
});

describe('subscriber usage over time', () => {
  it('gives daily totals from the rollups with zero days filled, and the quota left', async () => {
    await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { fup_daily_bytes: 5_000_000, fup_monthly_bytes: 100_000_000, fup_download_kbps: 1024, fup_upload_kbps: 512 } });
    const today = new Date().toISOString().slice(0, 10);
    await server.ctx.db.query(`INSERT INTO usage_daily (isp_id, subscriber_id, day, input_octets, output_octets) VALUES ($1, $2, $3::date, 1000000, 3000000)`, [isp.id, isp.subscriberId, today]);
    // Another subscriber's traffic must not count.
    await server.ctx.db.query(`INSERT INTO usage_daily (isp_id, subscriber_id, day, input_octets, output_octets) VALUES ($1, $2, $3::date, 9, 9)`, [isp.id, isp.northSubscriberId, today]);
    const r = await api.get('/api/me/usage?days=7', { token: subToken });
    expect(r.status, r.text).toBe(200);
    expect(r.json.days).toHaveLength(7);
    expect(r.json.days[6]).toEqual({ day: today, input_octets: 1_000_000, output_octets: 3_000_000 });
    expect(r.json.days.slice(0, 6).every((d: { input_octets: number }) => d.input_octets === 0)).toBe(true);
    expect(r.json.today_bytes).toBe(4_000_000);
    expect(r.json.quota).toMatchObject({ daily_bytes: 5_000_000, daily_left_bytes: 1_000_000, fup_download_kbps: 1024 });
    expect(r.json.quota.monthly_left_bytes).toBe(100_000_000 - r.json.month_bytes);
    expect(r.json.quota.data_pack_bytes).toBe(0);
    expect((await api.get('/api/me/usage?days=0', { token: subToken })).status).toBe(400);

    // A data pack bought today raises this month's quota, as the AAA engine counts it.
    const token = isp.adminToken;
    const base = `/api/isp/${isp.id}`;
    expect((await api.post(`${base}/subscribers/${isp.subscriberId}/subscription`, { token, body: { kind: 'postpaid', start_date: today } })).status).toBe(201);
    const pack = await api.post(`${base}/billing/addons`, { token, body: { name: 'Extra 50 MB', kind: 'data_pack', billing: 'one_off', price_minor: 100, currency: 'USD', data_bytes: 50_000_000 } });
    expect((await api.post(`${base}/subscribers/${isp.subscriberId}/addons`, { token, body: { addon_id: pack.json.id, quantity: 2 } })).status).toBe(201);
    const withPack = await api.get('/api/me/usage?days=7', { token: subToken });
    expect(withPack.json.quota).toMatchObject({ monthly_bytes: 200_000_000, data_pack_bytes: 100_000_000, monthly_left_bytes: 200_000_000 - withPack.json.month_bytes });
  });
});

describe('changing the own password', () => {
  it('needs the current password, revokes the other sessions and keeps this one', async () => {
    const other = await api.post('/api/auth/login', { body: { email, password } });
    const wrong = await api.post('/api/me/password', { token: subToken, body: { current_password: 'nope nope', new_password: 'brand new secret' } });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('/body/current_password');
    const short = await api.post('/api/me/password', { token: subToken, body: { current_password: password, new_password: 'short' } });
    expect(short.status).toBe(400);
    const r = await api.post('/api/me/password', { token: subToken, body: { current_password: password, new_password: 'brand new secret' } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.refresh_token).toBeTruthy();
    // The other login's refresh token is dead; the new pair works; the old password does not.
    expect((await api.post('/api/auth/refresh', { body: { refresh_token: other.json.refresh_token } })).status).toBe(401);
    expect((await api.post('/api/auth/refresh', { body: { refresh_token: r.json.refresh_token } })).status).toBe(200);
    expect((await api.post('/api/auth/login', { body: { email, password } })).status).toBe(401);
    subToken = await api.login(email, 'brand new secret');
    const [row] = await server.ctx.db.query<{ portal_password_hash: string }>('SELECT portal_password_hash FROM subscribers WHERE id = $1', [isp.subscriberId]);
    expect(row!.portal_password_hash).toMatch(/^\$argon2id\$/);
    expect(await audit('auth.password_changed')).toHaveLength(1);
  });

  it('works for staff too, and locks after repeated wrong current passwords', async () => {
    const staff = await api.login(isp.adminEmail, password);
    for (let i = 0; i < 5; i++)
      expect((await api.post('/api/me/password', { token: staff, body: { current_password: `wrong ${i}`, new_password: 'another long one' } })).status).toBe(400);
    const locked = await api.post('/api/me/password', { token: staff, body: { current_password: password, new_password: 'another long one' } });
    expect(locked.status).toBe(429);
  });
});
