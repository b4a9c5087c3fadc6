import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestServer } from '../../../test/harness.ts';
import { startWithTwoIsps, type IspFixture } from '../../../test/fixtures.ts';
import { addDevice, addSamples } from '../../../test/noc-test-devices.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import { runAnomalyPass } from './anomaly-watch.ts';
import { anomalyModelVersion } from './detector.ts';

let server: TestServer;
let api: Client;
let a: IspFixture;
let b: IspFixture;
let deviceId: string;
const min = 60_000;
// A pinned clock: the series ends at `now`.
const now = new Date('2026-03-02T12:00:00Z');
const start = now.getTime() - 1200 * min;

/** CPU % of a router: a daily-ish wave with small deterministic wobble; a runaway process at minute 1100. */
function cpu(i: number): number {
  if (i >= 1100 && i < 1130) return 97;
  return 30 + 10 * Math.sin((2 * Math.PI * i) / 360) + ((i * 7919) % 13) / 13;
}

beforeAll(async () => {
  ({ server, api, a, b } = await startWithTwoIsps('anom-a', 'anom-b'));
  deviceId = (await addDevice(server, a.id, { name: 'core-1', ip: '127.0.9.1' })).id;
  await addSamples(server, a.id, deviceId, 'cpu_percent', Array.from({ length: 1200 }, (_, i) => ({ ts: new Date(start + i * min), value: cpu(i) })));
});
afterAll(() => server?.close());

type Anomaly = { metric: string; device_id: string; observed: number; expected_low: number; expected_high: number; score: number; model_version: string; alert_id: string | null; at: string };

describe('anomaly detection on the NOC series', () => {
  it('finds the runaway CPU, stores it with band and score, and raises a NOC alert', async () => {
    const r = await runAnomalyPass(server.ctx, now);
    expect(r.points).toBe(1200);
    expect(r.anomalies).toBeGreaterThanOrEqual(1);
    const res = await api.get(`/api/ai/detect/anomalies/${a.id}`, { token: a.adminToken });
    expect(res.status, res.text).toBe(200);
    const items = res.json.items as Anomaly[];
    const at = (x: Anomaly) => (new Date(x.at).getTime() - start) / min;
    // Nothing before the runaway; the runaway itself is found while it happens.
    expect(items.filter((x) => at(x) < 1100)).toEqual([]);
    const hit = items.find((x) => at(x) >= 1100 && at(x) < 1130);
    expect(hit).toMatchObject({ metric: 'cpu_percent', device_id: deviceId, model_version: anomalyModelVersion });
    expect(hit!.observed).toBeGreaterThan(90);
    expect(hit!.expected_high).toBeLessThan(hit!.observed);
    expect(hit!.expected_low).toBeLessThan(hit!.expected_high);
    expect(hit!.score).toBeGreaterThan(0.5);

    const alerts = (await api.get(`/api/noc/${a.id}/alerts?state=firing`, { token: a.adminToken })).json.items as { id: string; source: string; title: string; detail: string; device_id: string }[];
    const alert = alerts.find((x) => x.source === 'anomaly');
    expect(alert).toMatchObject({ device_id: deviceId, title: 'Anomaly: cpu_percent on core-1' });
    expect(alert!.detail).toMatch(/^Observed 97, expected .* to .*; anomaly score 0\.\d\d \(astranetix-anomaly-1\)$/);
    expect(items.some((x) => x.alert_id === alert!.id)).toBe(true);
  });

  it('resumes each series from its stored state: a second pass reads nothing twice', async () => {
    const before = (await api.get(`/api/ai/detect/anomalies/${a.id}`, { token: a.adminToken })).json.items.length;
    expect(await runAnomalyPass(server.ctx, now)).toEqual({ points: 0, anomalies: 0 });
    expect((await api.get(`/api/ai/detect/anomalies/${a.id}`, { token: a.adminToken })).json.items).toHaveLength(before);
    const [series] = await withScope(server.ctx.db, platformScope, (tx) => rows<{ points: string | number; series_key: string }>(tx, sql`SELECT points, series_key FROM anomaly_series WHERE isp_id = ${a.id}`));
    expect(Number(series!.points)).toBe(1200);
    expect(series!.series_key).toBe(`cpu_percent:${deviceId}:-`);
  });

  it('clears the alert once the series is back within its known patterns', async () => {
    const later = new Date(now.getTime() + 120 * min);
    await addSamples(server, a.id, deviceId, 'cpu_percent', Array.from({ length: 120 }, (_, k) => ({ ts: new Date(now.getTime() + (k + 1) * min), value: cpu(1200 + k) })));
    const r = await runAnomalyPass(server.ctx, later);
    expect(r).toEqual({ points: 120, anomalies: 0 });
    const firing = (await api.get(`/api/noc/${a.id}/alerts?state=firing`, { token: a.adminToken })).json.items as { source: string }[];
    expect(firing.filter((x) => x.source === 'anomaly')).toEqual([]);
  });

  it('another ISP cannot read them, and sees none of its own', async () => {
    const other = await api.get(`/api/ai/detect/anomalies/${a.id}`, { token: b.adminToken });
    expect([403, 404]).toContain(other.status);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const own = await api.get(`/api/ai/detect/anomalies/${b.id}`, { token: b.adminToken });
    expect(own.status).toBe(200);
    expect(own.json.items).toEqual([]);
    expect((await api.get(`/api/ai/detect/anomalies/${a.id}?limit=0`, { token: a.adminToken })).status).toBe(400);
  });
});
