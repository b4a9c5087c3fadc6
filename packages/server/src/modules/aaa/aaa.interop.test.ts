import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EapCode, EapType, RadiusClient, RadiusCode, buildEap, buildMd5Response, msChapV2Attributes, parseEap } from '@astranetix/radius';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { radclient } from '../../test/radclient.ts';
import { until } from '../../test/until.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let authPort: number;
let acctPort: number;
let user: string;
const secret = 'testing123';


beforeAll(async () => {
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'radius-net');
  user = `ann.radius-net`;
  await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, {
    token: isp.adminToken,
    body: { burst_download_kbps: 102400, burst_upload_kbps: 20480, burst_threshold_download_kbps: 38400, burst_threshold_upload_kbps: 7680, burst_time_s: 16, priority: 8, simultaneous_use: 1, session_timeout_s: 86400 },
  });
  const nas = await api.post(`/api/isp/${isp.id}/nas`, { token: isp.adminToken, body: { name: 'Lab', address: '127.0.0.1', secret, vendor: 'mikrotik' } });
  expect(nas.status).toBe(201);
  await until(() => Boolean(server.aaa!.registry.find('127.0.0.1')), 'the NAS to load');
  ({ authPort, acctPort } = server.aaa!.ports);
});
afterAll(() => server.close());

describe('RADIUS authentication, with FreeRADIUS radclient as the NAS', () => {
  it('PAP: accepts with the plan in MikroTik form, rejects a wrong password and an unknown user', async () => {
    const ok = await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`);
    expect(ok.code).toBe('Access-Accept');
    expect(ok.text).toContain('Mikrotik-Rate-Limit = "10240k/51200k 20480k/102400k 7680k/38400k 16/16 8"');
    expect(ok.text).toContain('Session-Timeout = 86400');
    expect(ok.text).toContain('Acct-Interim-Interval = 300');
    expect(ok.text).toMatch(/Message-Authenticator = 0x[0-9a-f]{32}/);
    expect((await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "wrong"\n`)).code).toBe('Access-Reject');
    expect((await radclient('auth', authPort, `User-Name = "nobody"\nUser-Password = "x"\n`)).code).toBe('Access-Reject');
  });

  it('CHAP and MS-CHAPv1 (radclient) and MS-CHAPv2 with MPPE keys', async () => {
    expect((await radclient('auth', authPort, `User-Name = "${user}"\nCHAP-Password = "pppoe-pass"\n`)).code).toBe('Access-Accept');
    expect((await radclient('auth', authPort, `User-Name = "${user}"\nCHAP-Password = "nope"\n`)).code).toBe('Access-Reject');
    expect((await radclient('auth', authPort, `User-Name = "${user}"\nMS-CHAP-Password = "pppoe-pass"\n`)).code).toBe('Access-Accept');
    const rc = new RadiusClient({ timeoutMs: 2000, retries: 1 });
    try {
      const target = { host: '127.0.0.1', port: authPort, secret };
      const reply = await rc.send(RadiusCode.AccessRequest, [['User-Name', user], ...msChapV2Attributes(user, 'pppoe-pass')], target);
      expect(reply.code).toBe(RadiusCode.AccessAccept);
      expect(reply.getString('MS-CHAP2-Success')).toMatch(/S=[0-9A-F]{40}/);
      expect(reply.has('MS-MPPE-Send-Key')).toBe(true);
      const bad = await rc.send(RadiusCode.AccessRequest, [['User-Name', user], ...msChapV2Attributes(user, 'wrong')], target);
      expect(bad.code).toBe(RadiusCode.AccessReject);
      expect(bad.has('MS-CHAP-Error')).toBe(true);
    } finally {
      rc.close();
    }
  });

  it('EAP-MD5: challenge, response, then EAP-Success with the plan', async () => {
    const rc = new RadiusClient({ timeoutMs: 2000, retries: 1 });
    try {
      const target = { host: '127.0.0.1', port: authPort, secret };
      const identity = buildEap(EapCode.Response, 1, EapType.Identity, Buffer.from(user));
      const challenge = await rc.send(RadiusCode.AccessRequest, [['User-Name', user], ['EAP-Message', identity]], target, { messageAuthenticator: true });
      expect(challenge.code).toBe(RadiusCode.AccessChallenge);
      const eap = parseEap(challenge.getBuffer('EAP-Message'))!;
      const value = eap.data.subarray(1, 1 + eap.data[0]!);
      const answer = async (pw: string) => rc.send(RadiusCode.AccessRequest, [['User-Name', user], ['EAP-Message', buildMd5Response(eap.identifier, pw, value)],
        ['State', challenge.getBuffer('State')!]], target, { messageAuthenticator: true });
      const ok = await answer('pppoe-pass');
      expect(ok.code).toBe(RadiusCode.AccessAccept);
      expect(parseEap(ok.getBuffer('EAP-Message'))!.code).toBe(EapCode.Success);
      expect(ok.getString('Mikrotik-Rate-Limit')).toMatch(/^10240k\/51200k/);
      // A State is single use: replaying the exchange with a wrong password is refused.
      expect((await answer('wrong')).code).toBe(RadiusCode.AccessReject);
    } finally {
      rc.close();
    }
  });

  it('logs every decision with its reason', async () => {
    await server.aaa!.postauth.idle();
    const log = await api.get(`/api/isp/${isp.id}/postauth?username=${user}&limit=50`, { token: isp.adminToken });
    const reasons = log.json.items.map((i: { reason: string }) => i.reason);
    expect(reasons).toContain('accepted');
    expect(reasons).toContain('wrong password (pap)');
    expect(reasons).toContain('wrong password (chap)');
  });

  it('drops packets from unknown sources and with a wrong secret, without answering', async () => {
    const before = await server.ctx.metrics.registry.getSingleMetricAsString('astranetix_radius_dropped_total');
    // With a Message-Authenticator the wrong secret is detected and the packet dropped.
    const wrongSecret = await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\nMessage-Authenticator = 0x00\n`, 'not-the-secret');
    expect(wrongSecret.code).toBe('none');
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.2', () => r()));
    const answered = await new Promise<boolean>((resolve) => {
      sock.once('message', () => resolve(true));
      sock.send(Buffer.alloc(40, 1), authPort, '127.0.0.1');
      setTimeout(() => resolve(false), 500);
    });
    sock.close();
    expect(answered).toBe(false);
    const after = await server.ctx.metrics.registry.getSingleMetricAsString('astranetix_radius_dropped_total');
    expect(after).toContain('reason="unknown_nas"');
    expect(after).toContain('reason="bad_authenticator"');
    expect(after).not.toBe(before);
  });
});

describe('RADIUS accounting', () => {
  const sessionId = `S-${randomBytes(4).toString('hex')}`;
  const acct = (status: string, extra = '') =>
    radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = ${status}\nAcct-Session-Id = "${sessionId}"\nNAS-Port = 7\nFramed-IP-Address = 10.9.0.7\nCalling-Station-Id = "AA-BB-CC-00-11-22"\n${extra}`);

  it('Start, Interim-Update and Stop are committed before the answer, with Gigawords', async () => {
    const start = await acct('Start');
    expect(start.code, start.text).toBe('Accounting-Response');
    const online = await api.get(`/api/isp/${isp.id}/sessions?subscriber_id=${isp.subscriberId}`, { token: isp.adminToken });
    expect(online.json.total).toBe(1);
    expect(online.json.items[0]).toMatchObject({ acct_session_id: sessionId, framed_ip: '10.9.0.7', stop_time: null });

    // Simultaneous-Use = 1: a second login is refused while the session is online.
    const second = await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`);
    expect(second.code).toBe('Access-Reject');
    expect(second.text).toContain('already 1 session(s) online');

    expect((await acct('Interim-Update', 'Acct-Session-Time = 300\nAcct-Input-Octets = 1000\nAcct-Output-Octets = 5000\n')).code).toBe('Accounting-Response');
    // 2^32 wrapped once on the download side: 4294967296 + 7000 octets.
    expect((await acct('Stop', 'Acct-Session-Time = 600\nAcct-Input-Octets = 2000\nAcct-Output-Octets = 7000\nAcct-Output-Gigawords = 1\nAcct-Terminate-Cause = User-Request\n')).code).toBe('Accounting-Response');
    const closed = await api.get(`/api/isp/${isp.id}/sessions?state=closed&subscriber_id=${isp.subscriberId}`, { token: isp.adminToken });
    expect(closed.json.items[0]).toMatchObject({ input_octets: 2000, output_octets: 2 ** 32 + 7000, session_time: 600, terminate_cause: 'User-Request' });
    const usage = await api.get(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}/usage`, { token: isp.adminToken });
    expect(usage.json.total_bytes).toBe(2000 + 2 ** 32 + 7000);

    expect((await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`)).code).toBe('Access-Accept');
  });

  it('a retransmitted Accounting-Request is answered from the duplicate cache and counted once', async () => {
    const res = await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Start\nAcct-Session-Id = "dup-1"\n`, secret, ['-c', '3']);
    expect(res.code).toBe('Accounting-Response');
    const rows = await server.ctx.db.query("SELECT count(*)::int AS n FROM radius_sessions WHERE acct_session_id = 'dup-1'");
    expect(rows[0]!.n).toBe(1);
    await acct('Accounting-On');
  });

  it('Accounting-On closes every session of the NAS', async () => {
    await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Start\nAcct-Session-Id = "reboot-1"\n`);
    expect((await radclient('acct', acctPort, `Acct-Status-Type = Accounting-On\nNAS-Identifier = "lab"\n`)).code).toBe('Accounting-Response');
    const online = await api.get(`/api/isp/${isp.id}/sessions`, { token: isp.adminToken });
    expect(online.json.total).toBe(0);
  });
});

describe('live changes reach the AAA engine', () => {
  it('a suspended subscriber is rejected at the next login; reactivated, accepted again', async () => {
    await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { status: 'suspended' } });
    await until(async () => (await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`)).code === 'Access-Reject', 'the suspension');
    await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { status: 'active' } });
    await until(async () => (await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`)).code === 'Access-Accept', 'the reactivation');
  });

  it('MAC binding and expiry', async () => {
    await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { mac_address: 'aa-bb-cc-00-11-22' } });
    await until(async () => (await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\nCalling-Station-Id = "11:22:33:44:55:66"\n`)).code === 'Access-Reject', 'the MAC binding');
    expect((await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\nCalling-Station-Id = "AA:BB:CC:00:11:22"\n`)).code).toBe('Access-Accept');
    await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { mac_address: null, expires_at: '2020-01-01T00:00:00Z' } });
    await until(async () => (await radclient('auth', authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`)).text.includes('account expired'), 'the expiry');
  });
});

describe('robustness', () => {
  it('survives 100,000 random and mutated packets and still answers the next valid request', async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const valid = Buffer.from('01010026' + '00'.repeat(16) + '0106757365720210' + '00'.repeat(16), 'hex');
    for (let i = 0; i < 100_000; i++) {
      let pkt: Buffer;
      if (i % 2) pkt = randomBytes(1 + (i % 200));
      else {
        pkt = Buffer.from(valid);
        for (let j = 0; j < 3; j++) pkt[(i * 7 + j * 13) % pkt.length] = (i * 31 + j) & 0xff;
      }
      sock.send(pkt, i % 3 ? authPort : acctPort, '127.0.0.1');
      if (i % 500 === 0) await new Promise((r) => setImmediate(r));
    }
    sock.close();
    await until(async () => (await radclient('auth', authPort, `User-Name = "nobody-${randomBytes(2).toString('hex')}"\nUser-Password = "x"\n`)).code === 'Access-Reject', 'an answer after the fuzz', 15_000);
  }, 60_000);
});

describe('stale sessions', () => {
  it('are closed when the NAS stops reporting for twice the interim interval plus grace', async () => {
    await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Start\nAcct-Session-Id = "stale-1"\n`);
    await radclient('acct', acctPort, `User-Name = "${user}"\nAcct-Status-Type = Start\nAcct-Session-Id = "fresh-1"\n`);
    // The NAS went quiet 15 minutes ago for one of them.
    await server.ctx.db.exec("UPDATE radius_sessions SET update_time = now() - interval '15 minutes' WHERE acct_session_id = 'stale-1'");
    expect(await server.aaa!.accounting.closeStaleSessions()).toBe(1);
    const [stale] = await server.ctx.db.query<{ terminate_cause: string; stopped: boolean }>("SELECT terminate_cause, stop_time IS NOT NULL AS stopped FROM radius_sessions WHERE acct_session_id = 'stale-1'");
    expect(stale).toEqual({ terminate_cause: 'Stale-Session', stopped: true });
    const [fresh] = await server.ctx.db.query<{ stopped: boolean }>("SELECT stop_time IS NOT NULL AS stopped FROM radius_sessions WHERE acct_session_id = 'fresh-1'");
    expect(fresh!.stopped).toBe(false);
  });
});

describe('operator reply attributes (radreply-style)', () => {
  it('plan and subscriber attributes are validated, added, and replace the engine’s where asked', async () => {
    const bad = await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { radius_reply: [{ attribute: 'No-Such-Attribute', value: 'x' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toContain('radius_reply');
    const plan = await api.patch(`/api/isp/${isp.id}/plans/${isp.planId}`, { token: isp.adminToken, body: { radius_reply: [{ attribute: 'Mikrotik-Group', value: 'vip', op: ':=' }] } });
    expect(plan.status).toBe(200);
    const sub = await api.patch(`/api/isp/${isp.id}/subscribers/${isp.northSubscriberId}`, { token: isp.adminToken, body: { radius_reply: [{ attribute: 'Session-Timeout', value: '3600', op: ':=' }] } });
    expect(sub.json.radius_reply).toEqual([{ attribute: 'Session-Timeout', value: '3600', op: ':=' }]);
    const end = Date.now() + 5000;
    let text = '';
    while (Date.now() < end) {
      text = (await radclient('auth', authPort, 'User-Name = "ned.radius-net"\nUser-Password = "pppoe-pass"\n')).text;
      if (text.includes('Mikrotik-Group') && text.includes('Session-Timeout = 3600')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(text).toContain('Mikrotik-Group = "vip"');
    expect(text).toContain('Session-Timeout = 3600');
    expect(text).not.toContain('Session-Timeout = 86400');
  });
});
