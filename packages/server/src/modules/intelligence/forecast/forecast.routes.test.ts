import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithTwoIsps } from '../../../test/fixtures.ts';
import { clockStoppedAt } from '../../../test/clocks.ts';
import type { Client, TestServer } from '../../../test/harness.ts';
import type { IspFixture } from '../../../test/fixtures.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import { pgArray } from '../../../platform/db/pg-array.ts';
import { evaluateCapacityAlerts } from './capacity-alerts.ts';

let server: TestServer;
let api: Client;
let a: IspFixture;
let b: IspFixture;
let deviceId: string;
let interfaceId: string;
const now = new Date('2026-06-15T12:00:00Z');
const HOUR = 3_600_000;

/** 35 days of hourly inbound traffic on a 1 Gb/s uplink: evening busy hour growing 6 Mb/s a day from 450 Mb/s. */
function hourly(): { ts: Date; value: number }[] {
  const start = now.getTime() - 35 * 24 * HOUR;
  return Array.from({ length: 35 * 24 }, (_, i) => {
    const hod = i % 24;
    const day = Math.floor(i / 24);
    const shape = 0.4 + 0.6 * Math.exp(-(((hod - 21) / 3) ** 2));
    return { ts: new Date(start + i * HOUR), value: (450e6 + 6e6 * day) * shape * (1 + 0.02 * Math.sin(i * 1.7)) };
  });
}

beforeAll(async () => {
  ({ server, api, a, b } = await startWithTwoIsps('fc-a', 'fc-b'));
  server.ctx.clock = clockStoppedAt(now);
  const d = await api.post(`/api/noc/${a.id}/devices`, { token: a.adminToken, body: { name: 'Edge 1', kind: 'router', mgmt_ip: '127.0.0.1', snmp_version: 'v2c', snmp_community: 'public-test', nas_id: a.nasId, enabled: false } });
  expect(d.status, d.text).toBe(201);
  deviceId = d.json.id;
  const points = hourly();
  await withScope(server.ctx.db, platformScope, async (tx) => {
    const [i] = await rows<{ id: string }>(tx, sql`INSERT INTO noc_interfaces (isp_id, device_id, if_index, name, speed_bps) VALUES (${a.id}::uuid, ${deviceId}::uuid, 1, 'sfp-uplink', 1000000000) RETURNING id`);
    interfaceId = i!.id;
    await tx.execute(sql`INSERT INTO noc_metrics_1h (isp_id, device_id, interface_id, metric, bucket, samples, min, avg, max)
      SELECT ${a.id}::uuid, ${deviceId}::uuid, ${interfaceId}::uuid, 'if_in_bps', t, 12, v, v, v
      FROM unnest(${pgArray(points.map((p) => p.ts.toISOString()))}::timestamptz[], ${pgArray(points.map((p) => String(p.value)))}::float8[]) AS x(t, v)`);
  });
});
afterAll(() => server.close());

describe('GET /api/ai/predict/network/{tenant_id}', () => {
  it("forecasts each link with intervals and says when it crosses 80 % of capacity", async () => {
    const r = await api.get(`/api/ai/predict/network/${a.id}?horizon_hours=48`, { token: a.adminToken });
    expect(r.status, r.text).toBe(200);
    expect(r.json.links).toHaveLength(1);
    const link = r.json.links[0];
    expect(link).toMatchObject({ device_id: deviceId, interface_id: interfaceId, interface_name: 'sfp-uplink', direction: 'in', speed_bps: 1e9, nas_id: a.nasId, history_points: 840 });
    expect(link.forecast.mean).toHaveLength(48);
    expect(link.forecast.start).toBe(now.toISOString());
    for (let h = 0; h < 48; h++) {
      expect(link.forecast.lower95[h]).toBeLessThanOrEqual(link.forecast.mean[h]);
      expect(link.forecast.upper95[h]).toBeGreaterThanOrEqual(link.forecast.mean[h]);
    }
    // Busy hour today about 450 + 6·34 = 654 Mb/s (± the ripple), 6 Mb/s a day: 800 Mb/s in about 24 days.
    expect(link.capacity.trend_bps_per_day).toBeGreaterThan(5e6);
    expect(link.capacity.trend_bps_per_day).toBeLessThan(7e6);
    expect(link.capacity.days_to_threshold).toBeGreaterThanOrEqual(20);
    expect(link.capacity.days_to_threshold).toBeLessThanOrEqual(28);
    expect(r.json.warnings).toHaveLength(1);
    const narrow = await api.get(`/api/ai/predict/network/${a.id}?warn_days=10`, { token: a.adminToken });
    expect(narrow.json.warnings).toHaveLength(0);
  });

  it("is not readable across ISPs, and validates its query", async () => {
    expect((await api.get(`/api/ai/predict/network/${a.id}`, { token: b.adminToken })).status).toBe(404);
    // ISP B's own view does not contain ISP A's links, even when asked for A's device.
    const own = await api.get(`/api/ai/predict/network/${b.id}`, { token: b.adminToken });
    expect(own.status).toBe(200);
    expect(own.json.links).toEqual([]);
    expect((await api.get(`/api/ai/predict/network/${b.id}?device_id=${deviceId}`, { token: b.adminToken })).status).toBe(404);
    expect((await api.get(`/api/ai/predict/network/${a.id}?horizon_hours=5000`, { token: a.adminToken })).status).toBe(400);
    expect((await api.get(`/api/ai/predict/network/${a.id}`)).status).toBe(401);
  });
});

describe('capacity alerts', () => {
  it('raises one warning alert per link through the NOC alert engine, and clears it when the forecast no longer warns', async () => {
    const first = await evaluateCapacityAlerts(server.ctx, now);
    expect(first.raised).toBe(1);
    expect((await evaluateCapacityAlerts(server.ctx, now)).raised).toBe(0);
    const alerts = await api.get(`/api/noc/${a.id}/alerts?state=firing`, { token: a.adminToken });
    expect(alerts.status, alerts.text).toBe(200);
    const alert = alerts.json.items.find((x: { title: string }) => x.title.includes('crosses 80 %'));
    expect(alert).toMatchObject({ severity: 'warning', device_id: deviceId });
    expect((await api.get(`/api/noc/${b.id}/alerts?state=firing`, { token: b.adminToken })).json.items).toEqual([]);
    // The link is upgraded to 10 Gb/s: the warning clears.
    await withScope(server.ctx.db, platformScope, (tx) => tx.execute(sql`UPDATE noc_interfaces SET speed_bps = 10000000000 WHERE id = ${interfaceId}::uuid`));
    expect((await evaluateCapacityAlerts(server.ctx, now)).cleared).toBe(1);
  });
});

describe('POST /api/ai/analyze/traffic', () => {
  it('forecasts a posted counter series, unwrapping a 32-bit wrap', async () => {
    const start = Date.UTC(2026, 0, 1);
    let counter = 2 ** 32 - 1e9;
    const points = Array.from({ length: 7 * 24 }, (_, i) => {
      counter = (counter + 3600 * (1e5 + 5e4 * Math.sin((2 * Math.PI * i) / 24))) % 2 ** 32;
      return { ts: new Date(start + i * HOUR).toISOString(), value: counter };
    });
    const r = await api.post('/api/ai/analyze/traffic', { token: a.adminToken, body: { points, kind: 'counter', counter_bits: 32, horizon: 24 } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.forecast.mean).toHaveLength(24);
    expect(r.json.history.present).toBe(7 * 24 - 1);
    // A clean daily sine of 100 ± 50 kB/s, wrapping every half day or so: the forecast follows it.
    for (let h = 0; h < 24; h++) {
      const expected = 1e5 + 5e4 * Math.sin((2 * Math.PI * (7 * 24 + h)) / 24);
      expect(Math.abs(r.json.forecast.mean[h] - expected) / expected).toBeLessThan(0.05);
    }
  });

  it('rejects malformed series with problem+json and needs a signed-in user', async () => {
    const bad = [
      { points: [{ ts: '2026-01-01T00:00:00Z', value: 1 }] },
      { points: Array.from({ length: 10 }, (_, i) => ({ ts: `not a time ${i}`, value: 1 })) },
      { points: Array.from({ length: 10 }, (_, i) => ({ ts: new Date(i * HOUR).toISOString(), value: 1 })), horizon: 5000 },
      { points: Array.from({ length: 10 }, (_, i) => ({ ts: new Date(i * HOUR).toISOString(), value: 1 })), step_s: 1 },
    ];
    for (const body of bad) {
      const r = await api.post('/api/ai/analyze/traffic', { token: a.adminToken, body });
      expect(r.status, r.text).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await api.post('/api/ai/analyze/traffic', { body: { points: bad[2]!.points } })).status).toBe(401);
  });
});

describe('GET /api/ai/predict/growth/{tenant_id}', () => {
  it("answers an ISP's own months and 404 for another ISP's", async () => {
    const r = await api.get(`/api/ai/predict/growth/${a.id}`, { token: a.adminToken });
    expect(r.status, r.text).toBe(200);
    expect(r.json.model_version).toBe('ets-aadn/1');
    expect((await api.get(`/api/ai/predict/growth/${a.id}`, { token: b.adminToken })).status).toBe(404);
  });

  it("the platform's is the founder's only", async () => {
    expect((await api.get('/api/founder/forecast/growth', { token: a.adminToken })).status).toBe(403);
  });
});
