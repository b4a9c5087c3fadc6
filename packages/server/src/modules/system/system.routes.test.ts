import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let founder: string;
let a: IspFixture;
let b: IspFixture;

beforeAll(async () => {
  server = await startTestServer({ platformDomain: 'isp.example' });
  api = client(server.app);
  founder = await founderToken(server, api);
  a = await createIspFixture(api, founder, 'lambda-net');
  b = await createIspFixture(api, founder, 'mu-net');
  await api.patch(`/api/isp/${a.id}`, { token: a.adminToken, body: { timezone: 'Asia/Kolkata', custom_domain: 'wifi.lambda.example' } });
});
afterAll(() => server.close());

const byHost = (host: string) => api.get('/api/public/isp-by-host', { headers: { host } });

describe('public branding', () => {
  it('by slug carries the time zone, currency and custom domain, and nothing private', async () => {
    const r = await api.get('/api/public/isp/lambda-net');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: a.id, slug: 'lambda-net', timezone: 'Asia/Kolkata', currency: 'EUR', custom_domain: 'wifi.lambda.example' });
    expect(Object.keys(r.json).sort()).toEqual(['currency', 'custom_domain', 'default_locale', 'display_name', 'id', 'logo_url', 'primary_color', 'secondary_color', 'slug', 'status', 'timezone']);
    // A slug is a slug: it does not match another ISP's custom domain.
    expect((await api.get('/api/public/isp/wifi.lambda.example')).status).toBe(404);
  });

  it('by host: the custom domain first, then {slug}.platform domain, else 404', async () => {
    expect((await byHost('wifi.lambda.example')).json.slug).toBe('lambda-net');
    expect((await byHost('WIFI.Lambda.Example:8443')).json.slug).toBe('lambda-net');
    expect((await byHost('mu-net.isp.example')).json.slug).toBe('mu-net');
    expect((await byHost('lambda-net.isp.example')).json.slug).toBe('lambda-net');
    for (const host of ['isp.example', 'localhost', '127.0.0.1', 'mu-net.other.example', 'x.mu-net.isp.example', 'nobody.isp.example'])
      expect((await byHost(host)).status, host).toBe(404);
  });

  it('a custom domain wins over a slug that looks like it', async () => {
    // mu-net takes "lambda-net.isp.example" as its custom domain: that host is now mu-net's portal.
    await api.patch(`/api/isp/${b.id}`, { token: b.adminToken, body: { custom_domain: 'lambda-net.isp.example' } });
    expect((await byHost('lambda-net.isp.example')).json.slug).toBe('mu-net');
    await api.patch(`/api/isp/${b.id}`, { token: b.adminToken, body: { custom_domain: null } });
  });

  it('terminated ISPs have no portal', async () => {
    const c = await createIspFixture(api, founder, 'nu-net');
    expect((await api.post(`/api/founder/isp/${c.id}/terminate`, { token: founder })).status).toBe(200);
    expect((await api.get('/api/public/isp/nu-net')).status).toBe(404);
    expect((await byHost('nu-net.isp.example')).status).toBe(404);
  });
});
