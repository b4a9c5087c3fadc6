import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { installTenantContext, RouteDeclarationError } from './tenant-context.ts';
import { password, startWithTwoIsps, type IspFixture } from '../../test/fixtures.ts';
import type { Client, TestServer } from '../../test/harness.ts';

/** A bare app with the plugin: the declarations are checked as routes are added, before any request. */
function bare() {
  const app = Fastify();
  installTenantContext(app, {} as AppContext);
  return app;
}
const handler = async () => 'ok';

describe('routes declare their tenant context', () => {
  it('refuses a route under the ISP, NOC or branch prefixes that declares no permission', () => {
    for (const url of ['/api/isp/:isp_id/things', '/api/isp/:isp_id', '/api/noc/:isp_id/devices', '/api/branch/:branch_id', '/api/branch/:isp_id/create'])
      expect(() => bare().get(url, handler), url).toThrow(RouteDeclarationError);
  });

  it('accepts a declared permission, or a declared absence of tenant with its reason', async () => {
    const app = bare();
    app.get('/api/isp/:isp_id/things', { config: { permission: 'plan:read' } }, handler);
    app.get('/api/branch/:branch_id/things', { config: { permission: 'branch:read' } }, handler);
    app.get('/api/isp/:isp_id/public', { config: { noTenant: 'public branding, before login' } }, handler);
    app.get('/api/health', handler);
    await app.ready();
    await app.close();
  });

  it('refuses a permission on a route that names no tenant, and both declarations at once', () => {
    expect(() => bare().get('/api/somewhere', { config: { permission: 'plan:read' } }, handler)).toThrow(/no :isp_id/);
    expect(() => bare().get('/api/isp/:isp_id/x', { config: { permission: 'plan:read', noTenant: 'why' } }, handler)).toThrow(/both/);
  });

  it('tells a handler that reads req.tenant on a route without a declared permission', async () => {
    const app = bare();
    app.get('/api/other', async (req) => req.tenant.ispId);
    const r = await app.inject({ url: '/api/other' });
    expect(r.statusCode).toBe(500);
    await app.close();
  });
});

describe('the tenant a declared route gets', () => {
  let server: TestServer;
  let api: Client;
  let a: IspFixture;
  let b: IspFixture;
  let founder: string;
  beforeAll(async () => {
    ({ server, api, a, b } = await startWithTwoIsps('ctx-a', 'ctx-b'));
    founder = await api.login('owner@platform.test', password);
  }, 60_000);
  afterAll(async () => server?.close());

  it('answers 401 without identity, 403 without the permission, 404 for another ISP, before the handler runs', async () => {
    expect((await api.get(`/api/isp/${a.id}/plans`)).status).toBe(401);
    // A branch manager may read plans but not manage them.
    const managed = await api.post(`/api/isp/${a.id}/plans`, { token: a.managerToken, body: { name: 'X', download_kbps: 1, upload_kbps: 1, price_minor: 1 } });
    expect(managed.status).toBe(403);
    expect(managed.json.detail).toBe('Missing permission plan:manage');
    const other = await api.get(`/api/isp/${a.id}/plans`, { token: b.adminToken });
    expect([other.status, other.json.detail]).toEqual([404, 'ISP not found']);
    expect((await api.get(`/api/branch/${a.hq}`, { token: b.adminToken })).status).toBe(404);
    // A branch manager sees their subtree only: North, not its sibling South.
    expect((await api.get(`/api/branch/${a.north}`, { token: a.managerToken })).status).toBe(200);
    expect((await api.get(`/api/branch/${a.south}`, { token: a.managerToken })).status).toBe(404);
  });

  it("audits a founder's lookup of a branch's ISP once per request", async () => {
    const count = async () => (await server.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'platform.branch_resolved' AND entity_id = $1`, [b.north]))[0]!.n;
    const before = await count();
    const r = await api.get(`/api/branch/${b.north}`, { token: founder });
    expect([r.status, r.json.id]).toEqual([200, b.north]);
    expect(await count()).toBe(before + 1);
  });
});
