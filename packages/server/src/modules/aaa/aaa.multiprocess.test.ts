import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';
import { radclient } from '../../test/radclient.ts';
import { until } from '../../test/until.ts';

// Two server processes on one database and one Redis: the production shape. PGlite is one
// process's embedded database, so on PGlite the second "process" shares the first one's
// connection; on PostgreSQL (TEST_DATABASE_URL) it has its own pool, bus and caches.
let a: TestServer;
let b: TestServer;
let api: Client;
let isp: IspFixture;
const user = 'ann.two-procs';


beforeAll(async () => {
  a = await startTestServer({}, { aaa: true });
  api = client(a.app);
  isp = await createIspFixture(api, await founderToken(a, api), 'two-procs');
  await api.post(`/api/isp/${isp.id}/nas`, { token: isp.adminToken, body: { name: 'Lab', address: '127.0.0.1', secret: 'testing123' } });
  b = process.env.TEST_DATABASE_URL ? await startTestServer({}, { aaa: true, shareWith: a }) : a;
  await until(async () => Boolean(a.aaa!.registry.find('127.0.0.1') && b.aaa!.registry.find('127.0.0.1')), 'both NAS lists');
}, 60_000);
afterAll(async () => {
  if (b && b !== a) await b.close();
  await a?.close();
});

describe('several AAA processes on one database', () => {
  it('Simultaneous-Use holds across processes: a session started through A blocks a second login through B', async () => {
    const start = await radclient('acct', a.aaa!.ports.acctPort, `User-Name = "${user}"\nAcct-Status-Type = Start\nAcct-Session-Id = "mp-1"\n`);
    expect(start.code).toBe('Accounting-Response');
    await until(async () => (await radclient('auth', b.aaa!.ports.authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`)).code === 'Access-Reject', 'B to see the session');
    await radclient('acct', a.aaa!.ports.acctPort, `User-Name = "${user}"\nAcct-Status-Type = Stop\nAcct-Session-Id = "mp-1"\n`);
    await until(async () => (await radclient('auth', b.aaa!.ports.authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`)).code === 'Access-Accept', 'B to see the stop');
  });

  it('a suspension made through the API of A reaches the AAA engine of B', async () => {
    await client(a.app).patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { status: 'suspended' } });
    await until(async () => (await radclient('auth', b.aaa!.ports.authPort, `User-Name = "${user}"\nUser-Password = "pppoe-pass"\n`)).code === 'Access-Reject', 'B to reject');
  });

  it('login lockout counts failures made through either process', async () => {
    const apiB = client(b.app);
    for (let i = 0; i < 3; i++) expect((await api.post('/api/auth/login', { body: { email: isp.adminEmail, password: 'wrong-one' } })).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await apiB.post('/api/auth/login', { body: { email: isp.adminEmail, password: 'wrong-one' } })).status).toBe(401);
    expect((await apiB.post('/api/auth/login', { body: { email: isp.adminEmail, password } })).status).toBe(429);
  });
});
