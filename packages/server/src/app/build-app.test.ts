import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../test/harness.ts';
import { ForegroundGate } from '../platform/jobs/foreground-gate.ts';
import { buildApp } from './build-app.ts';

let server: TestServer;
let api: Client;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
});
afterAll(() => server.close());

describe('the HTTP surface', () => {
  it('serves an OpenAPI 3.1 document of every route, built from the zod schemas', async () => {
    const doc = (await api.get('/api/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    for (const p of ['/api/auth/login', '/api/auth/me', '/api/auth/register/founder', '/api/founder/dashboard', '/api/founder/isp/create',
      '/api/founder/isp/list', '/api/isp/{isp_id}/dashboard', '/api/isp/{isp_id}/subscribers', '/api/branch/{isp_id}/create',
      '/api/branch/{branch_id}/dashboard', '/api/branch/{branch_id}/users', '/api/user/{user_id}/dashboard', '/api/isp/{isp_id}/plans']) {
      expect(paths, p).toContain(p);
    }
    const login = doc.paths['/api/auth/login'].post;
    expect(Object.keys(login.requestBody.content['application/json'].schema.properties)).toEqual(['email', 'password', 'totp', 'isp']);
    const docs = await api.get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });

  it('reports health and metrics', async () => {
    const health = await api.get('/api/health');
    expect(health.json).toMatchObject({ status: 'ok', database: { ok: true } });
    expect(health.json.redis.configured).toBe(Boolean(process.env.TEST_REDIS_URL));
    const metrics = await api.get('/metrics');
    expect(metrics.text).toContain('astranetix_http_requests_total');
  });

  it('answers unknown API routes with problem+json, and serves the web shell elsewhere', async () => {
    const r = await api.get('/api/nope');
    expect(r.status).toBe(404);
    expect(r.json.title).toBe('Not Found');
    const page = await api.get('/t/demo-isp');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('sends a Content-Security-Policy and forbids framing on pages, the API and the docs; HSTS is left to the TLS terminator', async () => {
    for (const url of ['/t/demo-isp', '/api/health', '/api/nope', '/docs/']) {
      const r = await api.get(url);
      const csp = String(r.headers['content-security-policy']);
      const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
      expect(directive('default-src'), url).toBe("default-src 'self'");
      expect(directive('script-src'), url).toBe("script-src 'self'");
      expect(directive('script-src-attr'), url).toBe("script-src-attr 'none'");
      expect(directive('style-src'), url).toBe("style-src 'self' 'unsafe-inline'");
      expect(directive('img-src'), url).toBe("img-src 'self' data: https:");
      expect(directive('connect-src'), url).toBe("connect-src 'self'");
      expect(directive('object-src'), url).toBe("object-src 'none'");
      expect(directive('frame-ancestors'), url).toBe("frame-ancestors 'none'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
      expect(r.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it("the web app's pages carry no inline script or event handler that script-src 'self' would block", () => {
    const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');
    for (const page of ['index.html', 'public/index.html', 'static/offline.html']) {
      const html = readFileSync(path.join(web, page), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag, page).toMatch(/\bsrc=/);
      expect(html, page).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, page).not.toMatch(/javascript:/i);
    }
  });

  it('rejects forged and expired tokens', async () => {
    expect((await api.get('/api/auth/me', { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' })).status).toBe(401);
    expect((await api.get('/api/founder/dashboard', { token: 'garbage' })).status).toBe(401);
  });

  it('tells the foreground gate of each request, so the demo history steps aside while people are served', async () => {
    let now = 0;
    const gate = new ForegroundGate(1000, () => now);
    const app = await buildApp(server.ctx, { foreground: gate });
    try {
      now = 5_000;
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      const missing = await app.inject({ method: 'GET', url: '/api/no-such-route' });
      expect(missing.statusCode).toBe(404);
      let through = false;
      void gate.idle().then(() => (through = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(through).toBe(false);
      // Both requests ended at 5 s: quiet from 6 s, so every request that entered also left.
      now = 6_000;
      await new Promise((r) => setTimeout(r, 1100));
      expect(through).toBe(true);
    } finally {
      await app.close();
    }
  });
});
