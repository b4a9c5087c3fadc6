import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let founder: string;
let a: IspFixture;
let b: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  founder = await founderToken(server, api);
  a = await createIspFixture(api, founder, 'pi-net');
  b = await createIspFixture(api, founder, 'rho-net');
});
afterAll(() => server.close());

describe("the founder's ISP page", () => {
  it('edits branding, currency, locale, time zone, custom domain and plan', async () => {
    const r = await api.patch(`/api/founder/isp/${a.id}`, { token: founder, body: {
      display_name: 'Pi Networks', primary_color: '#123456', currency: 'INR', default_locale: 'hi', timezone: 'Asia/Kolkata',
      custom_domain: 'portal.pi.example', saas_plan: 'growth',
    } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ display_name: 'Pi Networks', currency: 'INR', timezone: 'Asia/Kolkata', custom_domain: 'portal.pi.example', saas_plan: 'growth', portal_url: 'https://portal.pi.example' });
    expect((await api.get('/api/public/isp/pi-net')).json).toMatchObject({ timezone: 'Asia/Kolkata', currency: 'INR', default_locale: 'hi' });
  });

  it('refuses a custom domain another ISP has, and bad values', async () => {
    expect((await api.patch(`/api/founder/isp/${b.id}`, { token: founder, body: { custom_domain: 'PORTAL.pi.example' } })).status).toBe(409);
    const bad = await api.patch(`/api/founder/isp/${b.id}`, { token: founder, body: { timezone: 'Mars/Olympus', custom_domain: 'not a host' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('/body/timezone');
    expect((await api.get(`/api/founder/isp/${b.id}`, { token: founder })).json.custom_domain).toBeNull();
  });

  it('terminates an ISP: its people cannot sign in, and it stays terminated', async () => {
    const r = await api.post(`/api/founder/isp/${b.id}/terminate`, { token: founder });
    expect(r.json.status).toBe('terminated');
    expect((await api.post('/api/auth/login', { body: { email: b.adminEmail, password } })).status).toBe(403);
    expect((await api.post(`/api/founder/isp/${b.id}/resume`, { token: founder })).status).toBe(409);
  });
});
