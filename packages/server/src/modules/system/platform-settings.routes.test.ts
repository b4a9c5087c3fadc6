import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { startHttpPeer, type HttpPeer } from '../../test/http-peer.fixture.ts';
import { issuedInvoice } from '../../test/payments.fixtures.ts';
import { until } from '../../test/until.ts';

let server: TestServer;
let api: Client;
let founder: string;
let isp: IspFixture;
let btcpay: HttpPeer;
/** A second process of the deployment on PostgreSQL and Redis; the same one on PGlite. */
let other: TestServer;

beforeAll(async () => {
  btcpay = await startHttpPeer((c) => (c.method === 'POST' && c.path === '/api/v1/stores/S1/invoices'
    ? { status: 200, json: { id: 'BTC1', checkoutLink: 'https://btcpay.example.test/i/BTC1', amount: '10.00', currency: 'EUR', status: 'New' } } : null));
  // No allowance: what a default `npm start` does.
  server = await startTestServer();
  api = client(server.app);
  founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'lan-isp');
  other = server.dbUrl && process.env.TEST_REDIS_URL ? await startTestServer({}, { shareWith: server }) : server;
});
afterAll(async () => {
  if (other !== server) await other?.close();
  await server?.close();
  await btcpay?.close();
});

const settings = (token: string, body?: object) => (body ? api.patch('/api/founder/system/settings', { token, body }) : api.get('/api/founder/system/settings', { token }));
const saveBtcpay = () => api.patch(`/api/isp/${isp.id}/payment-gateways/btcpay`, { token: isp.adminToken, body: { config: { server_url: btcpay.url, store_id: 'S1' }, secrets: { api_key: 'k', webhook_secret: 'w' } } });
const checkout = async () => api.post(`/api/isp/${isp.id}/invoices/${await issuedInvoice(server, isp, { total: 1000 })}/checkout`, { token: isp.adminToken, body: { provider: 'btcpay' } });

describe('the outbound allowance (platform settings)', () => {
  it('is for the platform owner only: ISP staff can neither read nor set it', async () => {
    expect((await settings(founder)).json).toMatchObject({ outbound_allow_cidrs: [], outbound_allow_cidrs_env: [] });
    for (const token of [isp.adminToken, isp.managerToken]) {
      expect((await settings(token)).status).toBe(403);
      expect((await settings(token, { outbound_allow_cidrs: ['127.0.0.1/32'] })).status).toBe(403);
    }
    expect((await settings(founder)).json.outbound_allow_cidrs).toEqual([]);
  });

  it('refuses what is not a private range, pointing at the entry', async () => {
    const wide = await settings(founder, { outbound_allow_cidrs: ['10.0.0.0/8', '0.0.0.0/0'] });
    expect(wide.status).toBe(400);
    expect(wide.json.errors).toEqual([{ pointer: '/body/outbound_allow_cidrs/1', detail: expect.stringMatching(/0\.0\.0\.0\/0/) }]);
    expect((await settings(founder, { outbound_allow_cidrs: ['8.8.8.0/24'] })).status).toBe(400);
    expect((await settings(founder, { outbound_allow_cidrs: ['nonsense'] })).status).toBe(400);
    expect((await settings(founder, { outbound_allow_cidrs: '10.0.0.0/8' })).status).toBe(400);
  });

  it('without it a loopback gateway is refused; with it the gateway is reached; taken back, the next call is refused', async () => {
    const refused = await saveBtcpay();
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0]).toMatchObject({ pointer: '/body/config/server_url', detail: expect.stringMatching(/127\.0\.0\.1 is a loopback address/) });

    const set = await settings(founder, { outbound_allow_cidrs: ['127.0.0.1/32', ' 127.0.0.1/32'] });
    expect(set.status, set.text).toBe(200);
    expect(set.json.outbound_allow_cidrs).toEqual(['127.0.0.1/32']);
    const [audit] = await withScope(server.ctx.db, platformScope, (tx) => rows<{ after: { outbound_allow_cidrs: string[] } }>(tx, sql`
      SELECT after FROM audit_log WHERE action = 'platform_settings.updated' ORDER BY seq DESC LIMIT 1`));
    expect(audit!.after.outbound_allow_cidrs).toEqual(['127.0.0.1/32']);

    expect((await saveBtcpay()).status).toBe(200);
    const paid = await checkout();
    expect(paid.status, paid.text).toBe(200);
    expect(btcpay.calls).toHaveLength(1);

    // Every process of the deployment takes the change (through the outbox and the bus).
    await until(() => other.ctx.outbound.allowed().some((c) => c.text === '127.0.0.1/32'), 'the other process to allow 127.0.0.1/32');

    expect((await settings(founder, { outbound_allow_cidrs: [] })).status).toBe(200);
    await until(() => other.ctx.outbound.allowed().length === 0, 'the other process to drop the allowance');
    const again = await checkout();
    expect(again.status).toBe(503);
    expect(again.json.detail).toMatch(/BTCPay Server could not be reached: 127\.0\.0\.1 is a loopback address/);
    expect(btcpay.calls).toHaveLength(1);
  });
});
