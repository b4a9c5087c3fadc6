import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { runEscalations } from './escalation.service.ts';

let server: TestServer;
let api: Client;
let founder: string;
let isp: IspFixture;
let receiver: Server;
let hookUrl: string;
let received = 0;

beforeAll(async () => {
  receiver = createServer((_req, res) => {
    received++;
    res.end('ok');
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // No allowance: what a default `npm start` does.
  server = await startTestServer();
  api = client(server.app);
  founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'hook-noc');
});
afterAll(async () => {
  await server?.close();
  await new Promise((r) => receiver.close(r));
});

const base = () => `/api/noc/${isp.id}`;
const policy = (webhook_url: string) => ({ name: 'Hook', min_severity: 'major', steps: [{ after_minutes: 0, emails: ['noc@hook-noc.test'] }, { after_minutes: 0, webhook_url }] });
const allow = (cidrs: string[]) => api.patch('/api/founder/system/settings', { token: founder, body: { outbound_allow_cidrs: cidrs } });

describe('NOC escalation webhooks and the outbound policy', () => {
  it('refuses a receiver on an internal address when saved, naming the step', async () => {
    for (const url of [hookUrl, 'http://localhost:8080/hook', 'http://10.0.0.5/hook', 'http://2130706433/hook', 'http://[::ffff:127.0.0.1]/hook', 'http://169.254.169.254/']) {
      const r = await api.post(`${base()}/escalation-policies`, { token: isp.adminToken, body: policy(url) });
      expect(r.status, url).toBe(400);
      expect(r.json.errors, url).toEqual([{ pointer: '/body/steps/1/webhook_url', detail: expect.stringMatching(/address/) }]);
    }
    const ok = await api.post(`${base()}/escalation-policies`, { token: isp.adminToken, body: policy('https://hooks.example.com/noc') });
    expect(ok.status, ok.text).toBe(201);
    const changed = await api.patch(`${base()}/escalation-policies/${ok.json.id}`, { token: isp.adminToken, body: { steps: [{ after_minutes: 5, webhook_url: 'http://192.168.1.10/' }] } });
    expect(changed.status).toBe(400);
    expect(changed.json.errors[0].pointer).toBe('/body/steps/0/webhook_url');
    expect((await api.del(`${base()}/escalation-policies/${ok.json.id}`, { token: isp.adminToken })).status).toBe(204);
  });

  it('checks the receiver again at each send: an allowance taken back stops the webhook, on the timeline', async () => {
    expect((await allow(['127.0.0.1/32'])).status).toBe(200);
    const p = await api.post(`${base()}/escalation-policies`, { token: isp.adminToken, body: policy(hookUrl) });
    expect(p.status, p.text).toBe(201);
    const first = await api.post(`${base()}/alerts`, { token: isp.adminToken, body: { key: 'up-1', title: 'Uplink down', severity: 'critical' } });
    await runEscalations(server.ctx);
    await runEscalations(server.ctx);
    expect(received).toBe(1);

    expect((await allow([])).status).toBe(200);
    const second = await api.post(`${base()}/alerts`, { token: isp.adminToken, body: { key: 'up-2', title: 'Second uplink down', severity: 'critical' } });
    await runEscalations(server.ctx);
    await runEscalations(server.ctx);
    expect(received).toBe(1);
    const timeline = (await api.get(`${base()}/incidents/${second.json.alert.incident_id}`, { token: isp.adminToken })).json.timeline as { kind: string; body: string }[];
    expect(timeline.find((e) => e.kind === 'notify_failed')?.body).toMatch(/webhook 127\.0\.0\.1:\d+: .*127\.0\.0\.1 is a loopback address/);
    expect(first.json.alert.incident_id).not.toBe(second.json.alert.incident_id);
  });
});
