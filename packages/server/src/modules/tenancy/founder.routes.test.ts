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

  it('takes a logo only as an https:// image on a public host or a small inline image, from the founder and the ISP alike', async () => {
    const png = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64')}`;
    for (const logo of ['javascript:alert(document.domain)', 'http://cdn.example.com/logo.png', 'https://127.0.0.1/logo.png', 'https://10.0.0.7/logo.png', 'https://169.254.169.254/',
      'https://[::ffff:192.168.1.1]/l.png', 'https://intranet/logo.png', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=', 'data:text/html;base64,PGgxPmhpPC9oMT4=']) {
      for (const [url, token] of [[`/api/founder/isp/${a.id}`, founder], [`/api/isp/${a.id}`, a.adminToken]] as const) {
        const r = await api.patch(url, { token, body: { logo_url: logo } });
        expect(r.status, `${logo} ${url}`).toBe(400);
        expect(r.json.errors[0].pointer, logo).toBe('/body/logo_url');
      }
    }
    for (const logo of ['https://cdn.example.com/pi/logo.png', png, null]) {
      const r = await api.patch(`/api/isp/${a.id}`, { token: a.adminToken, body: { logo_url: logo } });
      expect(r.status, r.text).toBe(200);
      expect((await api.get('/api/public/isp/pi-net')).json.logo_url).toBe(logo);
    }
    const created = await api.post('/api/founder/isp/create', { token: founder, body: { slug: 'bad-logo', display_name: 'Bad', logo_url: 'javascript:alert(1)', admin: { email: 'a@bad-logo.test', name: 'A', password } } });
    expect(created.status).toBe(400);
  });

  it('terminates an ISP: its people cannot sign in, and it stays terminated', async () => {
    const r = await api.post(`/api/founder/isp/${b.id}/terminate`, { token: founder });
    expect(r.json.status).toBe('terminated');
    expect((await api.post('/api/auth/login', { body: { email: b.adminEmail, password } })).status).toBe(403);
    expect((await api.post(`/api/founder/isp/${b.id}/resume`, { token: founder })).status).toBe(409);
  });
});
