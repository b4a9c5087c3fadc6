import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { SubscriberCache } from './subscriber-cache.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let other: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  const founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'cache-net');
  other = await createIspFixture(api, founder, 'cache-other');
}, 60_000);
afterAll(() => server.close());

/** Counts the cache's point loads, the queries a bulk reload exists to avoid. */
function counting(cache: SubscriberCache) {
  const c = cache as unknown as { load: (i: string, u: string) => Promise<unknown> };
  const original = c.load.bind(cache);
  let loads = 0;
  c.load = (i, u) => {
    loads++;
    return original(i, u);
  };
  return () => loads;
}

describe('subscriber cache reloads', () => {
  it('reads a changed plan\'s subscribers again in one query, and Access-Requests meanwhile wait for it', async () => {
    const cache = new SubscriberCache(server.ctx.db, server.ctx.secrets);
    await cache.preload();
    const loads = counting(cache);
    expect(cache.peek(isp.id, `ann.cache-net`)?.sub?.plan?.downloadKbps).toBeDefined();
    const r = await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { download_kbps: 77_000 } });
    expect(r.status, r.text).toBe(200);
    const reload = cache.reloadPlan(isp.id, isp.planId);
    // Dropped at once: no request is decided on the old plan.
    expect(cache.peek(isp.id, 'ann.cache-net')).toBeUndefined();
    const during = await cache.get(isp.id, 'ann.cache-net');
    await reload;
    expect(during.sub?.plan?.downloadKbps).toBe(77_000);
    expect(cache.peek(isp.id, 'ned.cache-net')?.sub?.plan?.downloadKbps).toBe(77_000);
    expect(loads()).toBe(0);
    // The other ISP's entries were never touched.
    expect(cache.peek(other.id, 'ann.cache-other')?.sub).toBeTruthy();
  });

  it('reloads an ISP whose settings changed in one query, the last reload winning', async () => {
    const cache = new SubscriberCache(server.ctx.db, server.ctx.secrets);
    await cache.preload();
    const loads = counting(cache);
    const first = cache.reloadIsp(isp.id);
    const patched = await api.patch(`/api/isp/${isp.id}`, { token: isp.adminToken, body: { timezone: 'Asia/Kolkata' } });
    expect(patched.status, patched.text).toBe(200);
    const second = cache.reloadIsp(isp.id);
    await Promise.all([first, second]);
    expect(cache.peek(isp.id, 'ann.cache-net')?.sub?.timezone).toBe('Asia/Kolkata');
    expect(loads()).toBe(0);
  });
});
