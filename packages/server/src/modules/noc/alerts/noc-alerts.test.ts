import http from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { evaluateAlerts } from './alert-evaluator.ts';
import { runEscalations } from './escalation.service.ts';
import { checkSlas } from '../sla/sla.service.ts';
import { addDevice, addSamples, setStatus } from '../../../test/noc-test-devices.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
const dev: Record<string, string> = {};
const min = 60_000;

beforeAll(async () => {
  // The webhook receiver below listens on loopback: reached only because the test allows it.
  server = await startTestServer({ outboundAllowCidrs: ['127.0.0.1/32'] });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'alerts-isp');
  // core → dist → access; a separate edge router on another site.
  dev.core = (await addDevice(server, isp.id, { name: 'core-1', ip: '127.0.1.1', site: 'DC' })).id;
  dev.dist = (await addDevice(server, isp.id, { name: 'dist-1', ip: '127.0.1.2', parentId: dev.core, site: 'DC', kind: 'switch' })).id;
  dev.access = (await addDevice(server, isp.id, { name: 'access-1', ip: '127.0.1.3', parentId: dev.dist, site: 'Town', kind: 'access_point' })).id;
  dev.edge = (await addDevice(server, isp.id, { name: 'edge-9', ip: '127.0.1.9', site: 'Hill' })).id;
  await evaluateAlerts(server.ctx); // records the initial "up" of every device
});
afterAll(() => server?.close());

const tok = () => ({ token: isp.adminToken });
const base = () => `/api/noc/${isp.id}`;
const firing = async () => (await api.get(`${base()}/alerts?state=firing&limit=200`, tok())).json.items as { device_id: string; incident_id: string | null; suppressed: string | null; title: string; key: string }[];
const active = async () => (await api.get(`${base()}/incidents?status=active`, tok())).json.items as { id: string; number: number; root_device_id: string; alerts_total: number; status: string; title: string }[];

describe('the three-level topology', () => {
  it('core, distribution and access down: one incident at the core, not three', async () => {
    const rule = await api.post(`${base()}/alert-rules`, { ...tok(), body: { name: 'Device down', kind: 'device_down', severity: 'critical', duration_s: 60 } });
    expect(rule.status, rule.text).toBe(201);
    const t = new Date();
    for (const d of [dev.access!, dev.dist!, dev.core!]) await setStatus(server, d, 'down', new Date(t.getTime() - 2 * min));
    const r = await evaluateAlerts(server.ctx, t);
    expect(r.raised).toBe(3);
    const incidents = await active();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ root_device_id: dev.core, alerts_total: 3, title: 'Device down: core-1' });
    expect(new Set((await firing()).map((a) => a.incident_id))).toEqual(new Set([incidents[0]!.id]));
    // A fourth alert behind the core (another rule) joins it too.
    const other = await api.post(`${base()}/alerts`, { ...tok(), body: { key: 'ext-1', title: 'Customer CPE unreachable', device_id: dev.access } });
    expect(other.status, other.text).toBe(201);
    expect(other.json.alert.incident_id).toBe(incidents[0]!.id);
    // The same key again is a no-op (retries are idempotent).
    const again = await api.post(`${base()}/alerts`, { ...tok(), body: { key: 'ext-1', title: 'Customer CPE unreachable', device_id: dev.access } });
    expect(again.status).toBe(200);
    expect(again.json.alert.id).toBe(other.json.alert.id);
    expect((await active())[0]!.alerts_total).toBe(4);
    // The NOC dashboard counts what fires by severity, and the one open incident.
    const dash = (await api.get(`${base()}/dashboard`, tok())).json;
    expect(dash.alerts_by_severity.critical).toBe(3);
    expect(Object.values(dash.alerts_by_severity as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(4);
    expect(dash.incidents).toEqual({ open: 1, acknowledged: 0 });
  });

  it('everything back up: alerts clear and the incident resolves itself', async () => {
    const t = new Date();
    for (const d of [dev.access!, dev.dist!, dev.core!]) await setStatus(server, d, 'up', t);
    await api.post(`${base()}/alerts`, { ...tok(), body: { key: 'ext-1', title: 'x', status: 'resolved' } });
    await evaluateAlerts(server.ctx, t);
    expect(await firing()).toHaveLength(0);
    expect(await active()).toHaveLength(0);
  });

  it('a child first, its uplink after: the child incident merges into the uplink\'s', async () => {
    const t = Date.now();
    await setStatus(server, dev.access!, 'down', new Date(t - 5 * min));
    await evaluateAlerts(server.ctx, new Date(t - 3 * min));
    expect((await active()).map((i) => i.root_device_id)).toEqual([dev.access]);
    await setStatus(server, dev.dist!, 'down', new Date(t - 2 * min));
    await evaluateAlerts(server.ctx, new Date(t));
    const list = await active();
    expect(list.map((i) => i.root_device_id)).toEqual([dev.dist]);
    expect(list[0]!.alerts_total).toBe(2);
    for (const d of [dev.access!, dev.dist!]) await setStatus(server, d, 'up', new Date(t));
    await evaluateAlerts(server.ctx, new Date(t + min));
    expect(await active()).toHaveLength(0);
  });
});

describe('metric rules, flapping and maintenance', () => {
  it('utilisation above 90% for 10 minutes raises; hysteresis keeps it until below 80%', async () => {
    const rule = await api.post(`${base()}/alert-rules`, { ...tok(), body: {
      name: 'Link busy', kind: 'metric', metric: 'if_utilisation', mode: 'threshold', comparator: 'above', raise_value: 90, clear_value: 80, duration_s: 600, severity: 'warning',
    } });
    expect(rule.status, rule.text).toBe(201);
    const bad = await api.post(`${base()}/alert-rules`, { ...tok(), body: { name: 'Wrong way', kind: 'metric', metric: 'cpu_percent', mode: 'threshold', comparator: 'above', raise_value: 90, clear_value: 95 } });
    expect(bad.status).toBe(400);
    const t0 = Date.now() - 20 * min;
    await addSamples(server, isp.id, dev.edge!, 'if_utilisation', Array.from({ length: 10 }, (_, i) => ({ ts: new Date(t0 + i * min), value: 95 })));
    await evaluateAlerts(server.ctx, new Date(t0 + 9 * min));
    expect((await firing()).filter((a) => a.title.startsWith('Link busy'))).toHaveLength(0); // 9 minutes only
    await addSamples(server, isp.id, dev.edge!, 'if_utilisation', [{ ts: new Date(t0 + 10 * min), value: 96 }]);
    await evaluateAlerts(server.ctx, new Date(t0 + 10 * min));
    expect((await firing()).filter((a) => a.title === 'Link busy: edge-9')).toHaveLength(1);
    await addSamples(server, isp.id, dev.edge!, 'if_utilisation', [{ ts: new Date(t0 + 11 * min), value: 85 }]);
    await evaluateAlerts(server.ctx, new Date(t0 + 11 * min));
    expect((await firing()).filter((a) => a.title === 'Link busy: edge-9')).toHaveLength(1);
    await addSamples(server, isp.id, dev.edge!, 'if_utilisation', [{ ts: new Date(t0 + 12 * min), value: 70 }]);
    await evaluateAlerts(server.ctx, new Date(t0 + 12 * min));
    expect((await firing()).filter((a) => a.title === 'Link busy: edge-9')).toHaveLength(0);
  });

  it('a device going up and down 5 times in 10 minutes becomes one flapping alert', async () => {
    const rule = await api.post(`${base()}/alert-rules`, { ...tok(), body: { name: 'Edge down', kind: 'device_down', device_id: dev.edge, duration_s: 0, flap_count: 3, flap_window_s: 600 } });
    expect(rule.status, rule.text).toBe(201);
    // In the past, so that the SLA test below finds the downtime already measured (a fast run
    // reached it within half a second of "now" and rounded the down time to zero).
    const t = Date.now() - 20 * min;
    for (let i = 0; i < 4; i++) {
      await setStatus(server, dev.edge!, 'down', new Date(t + i * 2 * min));
      await evaluateAlerts(server.ctx, new Date(t + i * 2 * min));
      await setStatus(server, dev.edge!, 'up', new Date(t + (i * 2 + 1) * min));
      await evaluateAlerts(server.ctx, new Date(t + (i * 2 + 1) * min));
    }
    const all = (await api.get(`${base()}/alerts?device_id=${dev.edge}&limit=200`, tok())).json.items as { key: string; suppressed: string | null; source: string; state: string; incident_id: string | null }[];
    const mine = all.filter((a) => a.key.includes(':') && (a.key.startsWith('flap:down:') || a.key.startsWith('down:')));
    expect(mine.filter((a) => a.source === 'flapping')).toHaveLength(1);
    expect(mine.filter((a) => a.suppressed === 'flapping').length).toBeGreaterThanOrEqual(2);
    // Incidents: two before flapping was detected, then the one flapping incident; not eight.
    const incidents = new Set(mine.map((a) => a.incident_id).filter(Boolean));
    expect(incidents.size).toBeLessThanOrEqual(3);
    // It settles: no new raise for a whole window clears the flapping alert.
    await evaluateAlerts(server.ctx, new Date(t + 30 * min));
    expect((await firing()).filter((a) => a.key.startsWith('flap:'))).toHaveLength(0);
  });

  it('a maintenance window on a site silences its devices\' alerts (stored, no incident)', async () => {
    const now = Date.now();
    const w = await api.post(`${base()}/maintenance`, { ...tok(), body: { site: 'Town', starts_at: new Date(now - min).toISOString(), ends_at: new Date(now + 60 * min).toISOString(), reason: 'Tower work' } });
    expect(w.status, w.text).toBe(201);
    expect(w.json.active).toBe(true);
    const r = await api.post(`${base()}/alerts`, { ...tok(), body: { key: 'town-1', title: 'Access point rebooting', device_id: dev.access } });
    expect(r.json.alert).toMatchObject({ suppressed: 'maintenance', incident_id: null });
    const outside = await api.post(`${base()}/alerts`, { ...tok(), body: { key: 'hill-1', title: 'Hill router hot', device_id: dev.edge } });
    expect(outside.json.alert.suppressed).toBeNull();
    expect(outside.json.alert.incident_id).toBeTruthy();
    expect((await api.get(`${base()}/maintenance`, tok())).json).toHaveLength(1);
    // A finished window is history: listed only when asked for, and "false" means false.
    const past = await api.post(`${base()}/maintenance`, { ...tok(), body: { site: 'Town', starts_at: new Date(now - 120 * min).toISOString(), ends_at: new Date(now - 60 * min).toISOString(), reason: 'Old work' } });
    expect(past.status, past.text).toBe(201);
    expect((await api.get(`${base()}/maintenance?include_past=false`, tok())).json).toHaveLength(1);
    expect((await api.get(`${base()}/maintenance?include_past=true`, tok())).json).toHaveLength(2);
    expect((await api.del(`${base()}/maintenance/${past.json.id}`, tok())).status).toBe(204);
    expect((await api.del(`${base()}/maintenance/${w.json.id}`, tok())).status).toBe(204);
    // The window is gone while the alert still fires: the next evaluation opens its incident.
    await evaluateAlerts(server.ctx);
    const released = (await firing()).find((a) => a.key === 'api:town-1')!;
    expect(released.suppressed).toBeNull();
    expect(released.incident_id).toBeTruthy();
    expect((await api.post(`${base()}/maintenance`, { ...tok(), body: { starts_at: new Date(now).toISOString(), ends_at: new Date(now - 1).toISOString(), reason: 'x' } })).status).toBe(400);
  });
});

describe('incidents: acknowledge, assign, comment, resolve; escalation', () => {
  let webhook: http.Server;
  let received: { body: string; signature: string | undefined }[] = [];
  let hookUrl = '';
  beforeAll(async () => {
    webhook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => { received.push({ body, signature: req.headers['x-astranetix-signature'] as string | undefined }); res.end('ok'); });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(webhook.address() as { port: number }).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => webhook.close(() => r())));

  it('escalates by time and severity over e-mail and a signed webhook until acknowledged', async () => {
    const p = await api.post(`${base()}/escalation-policies`, { ...tok(), body: {
      name: 'Critical path', min_severity: 'major', webhook_secret: 'a-very-long-webhook-secret',
      steps: [{ after_minutes: 0, emails: ['noc@alerts-isp.test'] }, { after_minutes: 15, emails: ['boss@alerts-isp.test'], webhook_url: hookUrl }],
    } });
    expect(p.status, p.text).toBe(201);
    expect(p.json.has_webhook_secret).toBe(true);
    expect(p.text).not.toContain('a-very-long-webhook-secret');
    const a = await api.post(`${base()}/alerts`, { ...tok(), body: { key: 'bgp-1', title: 'BGP session to upstream down', severity: 'critical' } });
    const incidentId = a.json.alert.incident_id as string;
    const minor = await api.post(`${base()}/alerts`, { ...tok(), body: { key: 'minor-1', title: 'Fan speed high', severity: 'minor' } });
    received = [];
    server.mailer.sent.length = 0;
    await runEscalations(server.ctx);
    // hill-1 and town-1 (major) and bgp-1 (critical); not the minor one
    expect(server.mailer.sent.map((m) => m.to)).toEqual(['noc@alerts-isp.test', 'noc@alerts-isp.test', 'noc@alerts-isp.test']);
    expect(server.mailer.sent.filter((m) => m.subject.includes('Fan speed'))).toHaveLength(0);
    await runEscalations(server.ctx); // the same step is not sent twice
    expect(server.mailer.sent).toHaveLength(3);
    await runEscalations(server.ctx, new Date(Date.now() + 16 * min));
    expect(server.mailer.sent.filter((m) => m.to === 'boss@alerts-isp.test')).toHaveLength(3);
    expect(received).toHaveLength(3);
    const hook = received.find((r) => r.body.includes('BGP session'))!;
    expect(hook.signature).toBe(`sha256=${createHmac('sha256', 'a-very-long-webhook-secret').update(hook.body).digest('hex')}`);
    const detail = await api.get(`${base()}/incidents/${incidentId}`, tok());
    expect(detail.json.escalation_level).toBe(2);
    expect(detail.json.timeline.filter((e: { kind: string }) => e.kind === 'escalated')).toHaveLength(2);
    expect((await api.get(`${base()}/incidents/${minor.json.alert.incident_id}`, tok())).json.escalation_level).toBe(0);
  });

  it('ack, assign, comment and resolve, each on the timeline; an acknowledged incident is not escalated', async () => {
    const a = await api.post(`${base()}/alerts`, { ...tok(), body: { key: 'olt-1', title: 'OLT PON port down', severity: 'major' } });
    const id = a.json.alert.incident_id as string;
    const url = `${base()}/incidents/${id}`;
    expect((await api.post(`${url}/ack`, tok())).json.status).toBe('acknowledged');
    expect((await api.post(`${url}/ack`, tok())).status).toBe(409);
    server.mailer.sent.length = 0;
    await runEscalations(server.ctx);
    expect(server.mailer.sent.filter((m) => m.subject.includes('OLT'))).toHaveLength(0);
    const assigned = await api.post(`${url}/assign`, { ...tok(), body: { user_id: isp.staffId } });
    expect(assigned.json.assignee_name).toBe('North Manager');
    expect((await api.post(`${url}/assign`, { ...tok(), body: { user_id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(400);
    expect((await api.post(`${url}/comment`, { ...tok(), body: { body: 'Truck rolled' } })).status).toBe(200);
    expect((await api.post(`${url}/comment`, { ...tok(), body: { body: '' } })).status).toBe(400);
    const done = await api.post(`${url}/resolve`, { ...tok(), body: { note: 'Fibre spliced' } });
    expect(done.json.status).toBe('resolved');
    expect(done.json.timeline.map((e: { kind: string; body: string | null }) => [e.kind, e.body])).toEqual([
      ['opened', 'OLT PON port down'], ['alert', 'OLT PON port down'], ['acknowledged', null], ['assigned', 'North Manager'], ['comment', 'Truck rolled'], ['resolved', 'Fibre spliced'],
    ]);
    expect((await api.get(`${base()}/incidents?status=resolved`, tok())).json.items.some((i: { id: string }) => i.id === id)).toBe(true);
    // The branch manager reads (noc:read) but cannot act.
    expect((await api.post(`${url}/comment`, { token: isp.managerToken, body: { body: 'x' } })).status).toBe(403);
  });
});

describe('SLA', () => {
  it('measures availability per day from the status history and notifies a breach once', async () => {
    const sla = await api.post(`${base()}/sla`, { ...tok(), body: {
      name: 'Hill business fibre', subscriber_id: isp.subscriberId, device_ids: [dev.edge], availability_target: 99.99, mttr_target_minutes: 240, notify_emails: ['sla@alerts-isp.test'],
    } });
    expect(sla.status, sla.text).toBe(201);
    expect(sla.json.subscriber_name).toBe('Ann Hq');
    // edge-9 flapped above (down ~4 minutes in total) this month.
    const report = await api.get(`${base()}/sla/${sla.json.id}/report`, tok());
    expect(report.status, report.text).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const day = report.json.days.find((d: { date: string }) => d.date === today);
    expect(day.down_s).toBeGreaterThan(0);
    expect(report.json.measured.availability).toBeLessThan(100);
    server.mailer.sent.length = 0;
    await checkSlas(server.ctx, new Date(Date.now() + 30 * min));
    await checkSlas(server.ctx, new Date(Date.now() + 31 * min));
    expect(server.mailer.sent.filter((m) => m.to === 'sla@alerts-isp.test')).toHaveLength(1);
    const list = await api.get(`${base()}/sla`, tok());
    expect(list.json[0]).toMatchObject({ name: 'Hill business fibre', breached: true });
    expect(list.json[0].breach_reason).toMatch(/availability/);
    expect((await api.post(`${base()}/sla`, { ...tok(), body: { name: 'x', device_ids: [], availability_target: 99 } })).status).toBe(400);
    expect((await api.patch(`${base()}/sla/${sla.json.id}`, { ...tok(), body: { availability_target: 90 } })).json.availability_target).toBe(90);
  });
});

describe('topology', () => {
  it('nodes with parent links, state and open incidents', async () => {
    await setStatus(server, dev.core!, 'down');
    const t = await api.get(`${base()}/topology`, tok());
    expect(t.status).toBe(200);
    const core = t.json.nodes.find((n: { id: string }) => n.id === dev.core);
    expect(core).toMatchObject({ name: 'core-1', status: 'down', parent_id: null, mgmt_ip: '127.0.1.1' });
    expect(t.json.nodes.find((n: { id: string }) => n.id === dev.access).parent_id).toBe(dev.dist);
  });
});
