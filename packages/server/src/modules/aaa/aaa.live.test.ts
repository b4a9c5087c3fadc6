import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';
import { radclient } from '../../test/radclient.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;
let founder: string;

type Ev = { event: string; data: Record<string, unknown> };

/** Reads an SSE stream into a list the test can wait on. */
async function openStream(url: string, token: string) {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ctrl.signal });
  const events: Ev[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.getReader();
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += Buffer.from(value).toString('utf8');
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const ev = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
          }
        }
      } catch {
        /* aborted */
      }
    })();
  }
  const waitFor = async (pred: (e: Ev) => boolean, what: string) => {
    const end = Date.now() + 5000;
    while (Date.now() < end) {
      const hit = events.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no ${what} event; got ${JSON.stringify(events)}`);
  };
  return { status: res.status, type: res.headers.get('content-type'), events, waitFor, close: () => ctrl.abort() };
}

beforeAll(async () => {
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'live-net');
  await api.post(`/api/isp/${isp.id}/nas`, { token: isp.adminToken, body: { name: 'Lab', address: '127.0.0.1', secret: 'testing123' } });
  const end = Date.now() + 5000;
  while (!server.aaa!.registry.find('127.0.0.1') && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
}, 60_000);
afterAll(() => server.close());

describe('live sessions over Server-Sent Events', () => {
  it('streams the online count, session starts and stops, and committed traffic', async () => {
    const s = await openStream(`${base}/api/isp/${isp.id}/live`, isp.adminToken);
    expect(s.status).toBe(200);
    expect(s.type).toContain('text/event-stream');
    await s.waitFor((e) => e.event === 'sessions' && e.data.online === 0, 'initial count');
    const acct = (extra: string) => radclient('acct', server.aaa!.ports.acctPort, `User-Name = "ann.live-net"\nAcct-Session-Id = "live-1"\n${extra}`);
    await acct('Acct-Status-Type = Start\n');
    await s.waitFor((e) => e.event === 'session' && e.data.op === 'start' && e.data.subscriber_id === isp.subscriberId, 'session start');
    await s.waitFor((e) => e.event === 'sessions' && e.data.online === 1, 'count 1');
    await acct('Acct-Status-Type = Interim-Update\nAcct-Session-Time = 60\nAcct-Input-Octets = 1000\nAcct-Output-Octets = 9000\n');
    await s.waitFor((e) => e.event === 'usage' && e.data.bytes === 10000, 'usage');
    await acct('Acct-Status-Type = Stop\nAcct-Session-Time = 120\nAcct-Input-Octets = 1000\nAcct-Output-Octets = 9000\n');
    await s.waitFor((e) => e.event === 'session' && e.data.op === 'stop', 'session stop');
    await s.waitFor((e) => e.event === 'sessions' && e.data.online === 0, 'count back to 0');
    s.close();
  });

  it("another ISP's admin gets 404; a subscriber sees only their own sessions", async () => {
    const other = await createIspFixture(api, founder, 'live-other');
    const denied = await openStream(`${base}/api/isp/${isp.id}/live`, other.adminToken);
    expect(denied.status).toBe(404);
    const subToken = await api.login('ann@live-net.test', password);
    const mine = await openStream(`${base}/api/me/live`, subToken);
    expect(mine.status).toBe(200);
    await mine.waitFor((e) => e.event === 'sessions', 'initial count');
    // Ned's session is not Ann's business.
    await radclient('acct', server.aaa!.ports.acctPort, 'User-Name = "ned.live-net"\nAcct-Session-Id = "ned-1"\nAcct-Status-Type = Start\n');
    await radclient('acct', server.aaa!.ports.acctPort, 'User-Name = "ann.live-net"\nAcct-Session-Id = "ann-2"\nAcct-Status-Type = Start\n');
    await mine.waitFor((e) => e.event === 'session' && e.data.subscriber_id === isp.subscriberId, 'own session');
    expect(mine.events.some((e) => e.event === 'session' && e.data.subscriber_id === isp.northSubscriberId)).toBe(false);
    expect(mine.events.filter((e) => e.event === 'sessions').every((e) => Number(e.data.online) <= 1)).toBe(true);
    mine.close();
  });

  it("ends a staff member's stream when the account is disabled, saying why", async () => {
    const created = await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email: 'watcher@live-net.test', name: 'W', role: 'noc_engineer', password } });
    const token = await api.login('watcher@live-net.test', password);
    const s = await openStream(`${base}/api/isp/${isp.id}/live`, token);
    expect(s.status).toBe(200);
    await s.waitFor((e) => e.event === 'sessions', 'initial count');
    expect((await api.patch(`/api/isp/${isp.id}/users/${created.json.id}`, { token: isp.adminToken, body: { status: 'disabled' } })).status).toBe(200);
    const end = await s.waitFor((e) => e.event === 'end', 'end');
    expect(end.data).toEqual({ reason: 'account_disabled', detail: 'This account is disabled' });
    // Nothing more reaches it: the server closed the stream.
    await radclient('acct', server.aaa!.ports.acctPort, 'User-Name = "ned.live-net"\nAcct-Session-Id = "ned-after"\nAcct-Status-Type = Start\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(s.events.at(-1)!.event).toBe('end');
    s.close();
  });
});
