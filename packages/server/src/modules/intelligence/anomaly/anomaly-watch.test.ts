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
  // Four weeks of Access-Rejects on ISP A's NAS, 1 to 4 an hour, then 150 in the last hour (a password-guessing run).
  await withScope(server.ctx.db, platformScope, (tx) => tx.execute(sql`
    INSERT INTO radius_postauth (isp_id, nas_id, username, result, reason, created_at)
    SELECT ${a.id}::uuid, ${a.nasId}::uuid, 'user' || h, 'reject', 'wrong password', ${now.toISOString()}::timestamptz - make_interval(hours => h) + make_interval(mins => k * 7)
    FROM generate_series(2, 672) h, generate_series(1, 4) k WHERE k <= 1 + (h * 7) % 4
    UNION ALL
    SELECT ${a.id}::uuid, ${a.nasId}::uuid, 'guess' || k, 'reject', 'wrong password', ${now.toISOString()}::timestamptz - interval '1 hour' + make_interval(secs => k * 20)
    FROM generate_series(1, 150) k`));
});
afterAll(() => server?.close());

type Anomaly = { metric: string; device_id: string; observed: number; expected_low: number; expected_high: number; score: number; model_version: string; alert_id: string | null; at: string };

describe('anomaly detection on the NOC series', () => {
  it('finds the runaway CPU, stores it with band and score, and raises a NOC alert', async () => {
    const r = await runAnomalyPass(server.ctx, now);
    // 1,200 CPU points; per ISP, four weeks of hours of payments and tickets, and of rejects per NAS.
    expect(r.points).toBe(1200 + 2 * 3 * 672);
    expect(r.anomalies).toBeGreaterThanOrEqual(2);
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
    const alert = alerts.find((x) => x.source === 'anomaly' && x.device_id === deviceId);
    expect(alert).toMatchObject({ device_id: deviceId, title: 'Anomaly: cpu_percent on core-1' });
    expect(alert!.detail).toMatch(/^Observed 97, expected .* to .*; anomaly score 0\.\d\d \(astranetix-anomaly-1\)$/);
    expect(items.some((x) => x.alert_id === alert!.id)).toBe(true);
  });

  it('counts Access-Rejects per NAS per hour and flags the guessing run', async () => {
    const items = (await api.get(`/api/ai/detect/anomalies/${a.id}`, { token: a.adminToken })).json.items as (Anomaly & { series_key: string })[];
    const rejects = items.filter((x) => x.metric === 'access_rejects_per_hour');
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ series_key: `access_rejects_per_hour:${a.nasId}`, observed: 150, device_id: null, at: new Date(now.getTime() - 3600_000).toISOString() });
    expect(rejects[0]!.expected_high).toBeLessThan(150);
    const alerts = (await api.get(`/api/noc/${a.id}/alerts?state=firing`, { token: a.adminToken })).json.items as { source: string; title: string }[];
    expect(alerts.filter((x) => x.source === 'anomaly').map((x) => x.title).sort()).toEqual(['Anomaly: access_rejects_per_hour on NAS anom-a', 'Anomaly: cpu_percent on core-1']);
    // Nothing on the quiet series (no payments or tickets in these ISPs' past hours).
    expect(items.filter((x) => x.metric === 'payments_per_hour' || x.metric === 'tickets_per_hour')).toEqual([]);
  });

  it('resumes each series from its stored state: a second pass reads nothing twice', async () => {
    const before = (await api.get(`/api/ai/detect/anomalies/${a.id}`, { token: a.adminToken })).json.items.length;
    expect(await runAnomalyPass(server.ctx, now)).toEqual({ points: 0, anomalies: 0 });
    expect((await api.get(`/api/ai/detect/anomalies/${a.id}`, { token: a.adminToken })).json.items).toHaveLength(before);
    const series = await withScope(server.ctx.db, platformScope, (tx) => rows<{ points: string | number; series_key: string }>(tx, sql`SELECT points, series_key FROM anomaly_series WHERE isp_id = ${a.id} ORDER BY series_key`));
    expect(series.map((x) => [x.series_key, Number(x.points)])).toEqual([
      [`access_rejects_per_hour:${a.nasId}`, 672], [`cpu_percent:${deviceId}:-`, 1200], ['payments_per_hour:isp', 672], ['tickets_per_hour:isp', 672],
    ]);
  });

  it('clears the alert once the series is back within its known patterns', async () => {
    const later = new Date(now.getTime() + 120 * min);
    await addSamples(server, a.id, deviceId, 'cpu_percent', Array.from({ length: 120 }, (_, k) => ({ ts: new Date(now.getTime() + (k + 1) * min), value: cpu(1200 + k) })));
    const r = await runAnomalyPass(server.ctx, later);
    expect(r).toEqual({ points: 120 + 2 * 3 * 2, anomalies: 0 });
    const firing = (await api.get(`/api/noc/${a.id}/alerts?state=firing`, { token: a.adminToken })).json.items as { source: string; title: string }[];
    expect(firing.filter((x) => x.source === 'anomaly' && x.title.includes('cpu_percent'))).toEqual([]);
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
