import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { runEscalations } from './escalation.service.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let twilioPeer: Server;
const sent: { to: string | null; body: string | null }[] = [];

/** Test-only peer for api.twilio.com, through the official SDK (TWILIO_API_BASE). */
beforeAll(async () => {
  twilioPeer = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      sent.push({ to: form.get('To'), body: form.get('Body') });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid: `SM${String(sent.length).padStart(32, '0')}`, status: 'queued', to: form.get('To'), body: form.get('Body') }));
    });
  });
  await new Promise<void>((r) => twilioPeer.listen(0, '127.0.0.1', r));
  process.env.TWILIO_API_BASE = `http://127.0.0.1:${(twilioPeer.address() as AddressInfo).port}`;
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'sms-noc');
});
afterAll(async () => {
  await server.close();
  await new Promise((r) => twilioPeer.close(r));
  delete process.env.TWILIO_API_BASE;
});

describe('escalation by SMS', () => {
  it('refuses a number that is not E.164', async () => {
    const r = await api.post(`/api/noc/${isp.id}/escalation-policies`, { token: isp.adminToken, body: { name: 'Bad', steps: [{ after_minutes: 0, phones: ['0151 123'] }] } });
    expect(r.status).toBe(400);
    expect(r.text).toContain('E.164');
  });

  it('without an SMS provider the failure is on the incident timeline; with one, the on-call phone gets the text', async () => {
    const base = `/api/noc/${isp.id}`;
    const p = await api.post(`${base}/escalation-policies`, { token: isp.adminToken, body: { name: 'On-call', min_severity: 'major', steps: [{ after_minutes: 0, phones: ['+4915112345678'] }] } });
    expect(p.status, p.text).toBe(201);
    expect(p.json.steps[0].phones).toEqual(['+4915112345678']);
    const first = await api.post(`${base}/alerts`, { token: isp.adminToken, body: { key: 'core-down', title: 'Core router down', severity: 'critical' } });
    await runEscalations(server.ctx);
    const timeline = (await api.get(`${base}/incidents/${first.json.alert.incident_id}`, { token: isp.adminToken })).json.timeline as { kind: string; body: string }[];
    expect(timeline.find((e) => e.kind === 'notify_failed')?.body).toMatch(/no SMS provider/);
    expect(sent).toHaveLength(0);

    const provider = await api.patch(`/api/isp/${isp.id}/sms-provider`, { token: isp.adminToken, body: { provider: 'twilio', config: { from: '+15005550006' }, secrets: { account_sid: 'AC0123456789abcdef0123456789abcdef', auth_token: 'twilio-token-1' } } });
    expect(provider.status, provider.text).toBe(200);
    const second = await api.post(`${base}/alerts`, { token: isp.adminToken, body: { key: 'bgp-down', title: 'BGP to upstream down', severity: 'critical' } });
    await runEscalations(server.ctx);
    expect(sent).toEqual([{ to: '+4915112345678', body: expect.stringContaining('BGP to upstream down') }]);
    const t2 = (await api.get(`${base}/incidents/${second.json.alert.incident_id}`, { token: isp.adminToken })).json.timeline as { kind: string }[];
    expect(t2.map((e) => e.kind)).toContain('escalated');
    expect(t2.map((e) => e.kind)).not.toContain('notify_failed');
  });
});
