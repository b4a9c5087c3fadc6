import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { radclient } from '../../../test/radclient.ts';
import { until } from '../../../test/until.ts';
import { issuedInvoice } from '../../../test/payments.fixtures.ts';

const secret = 'testing123';
let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;
let twilioPeer: Server;
const smsSent: { path: string; form: URLSearchParams; auth: string | undefined }[] = [];

/** Test-only peer for api.twilio.com: accepts a message and answers like Twilio does. */
async function startTwilioPeer(): Promise<string> {
  twilioPeer = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      smsSent.push({ path: req.url ?? '', form: new URLSearchParams(body), auth: req.headers.authorization });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid: `SM${smsSent.length.toString().padStart(32, '0')}`, status: 'queued', to: new URLSearchParams(body).get('To'), body: new URLSearchParams(body).get('Body') }));
    });
  });
  await new Promise<void>((r) => twilioPeer.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(twilioPeer.address() as AddressInfo).port}`;
}

const login = () => radclient('auth', server.aaa!.ports.authPort, `User-Name = "ann.dunning-net"\nUser-Password = "pppoe-pass"\n`, secret);

beforeAll(async () => {
  process.env.TWILIO_API_BASE = await startTwilioPeer();
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'dunning-net');
  base = `/api/isp/${isp.id}`;
  expect((await api.post(`${base}/nas`, { token: isp.adminToken, body: { name: 'Lab', address: '127.0.0.1', secret, vendor: 'mikrotik' } })).status).toBe(201);
  await until(() => Boolean(server.aaa!.registry.find('127.0.0.1')), 'the NAS to load');
  expect((await api.patch(`${base}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { phone: '+4915112345678' } })).status).toBe(200);
});
afterAll(async () => {
  await server.close();
  await new Promise((r) => twilioPeer.close(r));
  delete process.env.TWILIO_API_BASE;
});

describe('dunning acts on the network', () => {
  it('is configured per ISP: SMS needs a provider, whose credentials are write-only', async () => {
    const noSms = await api.patch(`${base}/dunning/settings`, { token: isp.adminToken, body: { enabled: true, sms_enabled: true } });
    expect(noSms.status).toBe(400);
    const sms = await api.patch(`${base}/sms-provider`, { token: isp.adminToken, body: { provider: 'twilio', config: { from: '+15005550006' }, secrets: { account_sid: 'AC0123456789abcdef0123456789abcdef', auth_token: 'twilio-token-1' } } });
    expect(sms.status, sms.text).toBe(200);
    expect(sms.json).toMatchObject({ provider: 'twilio', secrets_set: ['account_sid', 'auth_token'] });
    expect(sms.text).not.toContain('twilio-token-1');
    const r = await api.patch(`${base}/dunning/settings`, { token: isp.adminToken, body: { enabled: true, reminder_days_before: [3], reminder_days_after: [1], grace_days: 5, sms_enabled: true } });
    expect(r.json).toMatchObject({ enabled: true, reminder_days_before: [3], reminder_days_after: [1], grace_days: 5, sms_enabled: true });
    expect((await api.patch(`${base}/dunning/settings`, { token: isp.managerToken, body: { enabled: false } })).status).toBe(403);
  });

  it('reminds before the due date by e-mail and SMS, once', async () => {
    await issuedInvoice(server, isp, { total: 1000, dueInDays: 3, number: 'INV-DUE-SOON' });
    const run = await api.post(`${base}/dunning/run`, { token: isp.adminToken });
    expect(run.json).toEqual({ reminders: 2, suspended: 0, restored: 0, failed: 0 });
    const mail = server.mailer.sent.find((m) => m.subject.includes('INV-DUE-SOON'))!;
    expect(mail.to).toBe(`ann@${isp.slug}.test`);
    expect(mail.text).toContain('€10.00');
    expect(smsSent).toHaveLength(1);
    expect(smsSent[0]!.path).toBe('/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json');
    expect([smsSent[0]!.form.get('To'), smsSent[0]!.form.get('From')]).toEqual(['+4915112345678', '+15005550006']);
    expect(smsSent[0]!.form.get('Body')).toContain('INV-DUE-SOON');
    expect((await api.post(`${base}/dunning/run`, { token: isp.adminToken })).json.reminders).toBe(0);
    expect(smsSent).toHaveLength(1);
  });

  it('suspends after the grace period (RADIUS rejects), and a payment restores service at once (RADIUS accepts)', async () => {
    expect((await login()).code).toBe('Access-Accept');
    const overdue = await issuedInvoice(server, isp, { total: 2500, dueInDays: -6, number: 'INV-OVERDUE' });
    const run = await api.post(`${base}/dunning/run`, { token: isp.adminToken });
    expect(run.json.suspended).toBe(1);
    expect((await api.get(`${base}/subscribers/${isp.subscriberId}`, { token: isp.adminToken })).json.status).toBe('suspended');
    await until(async () => (await login()).code === 'Access-Reject', 'RADIUS to reject the suspended subscriber', 8000);
    expect((await api.post(`${base}/dunning/run`, { token: isp.adminToken })).json.suspended).toBe(0);

    const paid = await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: isp.subscriberId, method: 'cash', amount: 2500, invoice_ids: [overdue] } });
    expect(paid.status, paid.text).toBe(201);
    await until(async () => (await api.get(`${base}/subscribers/${isp.subscriberId}`, { token: isp.adminToken })).json.status === 'active', 'the payment to restore service');
    await until(async () => (await login()).code === 'Access-Accept', 'RADIUS to accept again', 8000);

    const steps = (await api.get(`${base}/subscribers/${isp.subscriberId}/dunning`, { token: isp.adminToken })).json;
    expect(steps.map((s: { kind: string; channel: string }) => `${s.kind}:${s.channel}`)).toEqual(['restored:none', 'suspended:none', 'reminder:sms', 'reminder:email']);
    expect(steps[1].restored_at).not.toBeNull();
    // Every step is on the subscriber's timeline (the audit trail of that subscriber).
    const timeline = (await api.get(`${base}/audit?entity_id=${isp.subscriberId}&limit=50`, { token: isp.adminToken })).json.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['dunning.reminder', 'dunning.suspended', 'subscriber.suspended', 'dunning.restored', 'subscriber.activated']));
  });

  it('does not lift a suspension an operator made by hand', async () => {
    expect((await api.patch(`${base}/subscribers/${isp.northSubscriberId}`, { token: isp.adminToken, body: { status: 'suspended' } })).status).toBe(200);
    await api.post(`${base}/payments`, { token: isp.adminToken, body: { subscriber_id: isp.northSubscriberId, method: 'cash', amount: 100 } });
    expect((await api.post(`${base}/dunning/run`, { token: isp.adminToken })).json.restored).toBe(0);
    expect((await api.get(`${base}/subscribers/${isp.northSubscriberId}`, { token: isp.adminToken })).json.status).toBe('suspended');
  });
});
