import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { histogramTiming } from './monitoring.service.ts';

let server: TestServer;
let api: Client;
let founder: string;
let isp: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'sigma-net');
});
afterAll(() => server.close());

describe('system monitoring', () => {
  it('sums the real registry: request counts move with traffic, errors by class, database transactions', async () => {
    const before = (await api.get('/api/founder/system/metrics', { token: founder })).json;
    for (let i = 0; i < 5; i++) await api.get(`/api/isp/${isp.id}/subscribers`, { token: isp.adminToken });
    // A 404 thrown inside the update's transaction rolls it back.
    await api.patch(`/api/isp/${isp.id}/subscribers/00000000-0000-0000-0000-000000000000`, { token: isp.adminToken, body: { first_name: 'X' } });
    const r = await api.get('/api/founder/system/metrics', { token: founder });
    expect(r.status, r.text).toBe(200);
    const after = r.json;
    // The first snapshot's own request counts once it has finished: 5 lists + one 404 + that request.
    expect(after.http.requests - before.http.requests).toBe(7);
    expect((after.http.by_status['4xx'] ?? 0) - (before.http.by_status['4xx'] ?? 0)).toBe(1);
    expect(after.http.latency.count).toBeGreaterThan(before.http.latency.count);
    expect(after.db).toMatchObject({ ok: true });
    expect(after.db.committed).toBeGreaterThan(before.db.committed);
    expect(after.db.rolled_back).toBeGreaterThan(before.db.rolled_back);
    expect(after.redis.configured).toBe(Boolean(server.ctx.redis));
    expect(after.process.rss_bytes).toBeGreaterThan(0);
  });

  it('is for founders only', async () => {
    expect((await api.get('/api/founder/system/metrics', { token: isp.adminToken })).status).toBe(403);
    expect((await api.get('/api/founder/system/metrics')).status).toBe(401);
  });

  it('estimates quantiles from cumulative buckets like histogram_quantile', () => {
    const series = (le: string, value: number) => ({ value, labels: { le }, metricName: 'x_bucket' });
    const t = histogramTiming({ name: 'x', values: [series('0.01', 50), series('0.1', 90), series('+Inf', 100), { value: 100, labels: {}, metricName: 'x_count' }, { value: 3, labels: {}, metricName: 'x_sum' }] });
    expect(t.count).toBe(100);
    expect(t.p50_ms).toBe(10);
    expect(t.p95_ms).toBe(100);
    expect(histogramTiming(undefined)).toEqual({ count: 0, sum_seconds: 0, p50_ms: null, p95_ms: null });
  });
});
