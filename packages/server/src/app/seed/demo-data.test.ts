import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type TestServer } from '../../test/harness.ts';
import { assertNoDemoAccounts, seedDemoData } from './demo-data.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('demo data', () => {
  it('gives the documented logins, and production refuses both seeding and starting with it', async () => {
    await expect(seedDemoData({ ...server.ctx, config: { ...server.ctx.config, env: 'production' } })).rejects.toThrow(/production/);
    await assertNoDemoAccounts(server.ctx);
    await seedDemoData(server.ctx);
    const api = client(server.app);
    for (const [email, pw] of [['founder@astranetix.com', 'admin123'], ['admin@demo-isp.com', 'admin123'], ['john.doe@email.com', 'user123'], ['jane.smith@email.com', 'user123']]) {
      expect((await api.post('/api/auth/login', { body: { email, password: pw } })).status, email).toBe(200);
    }
    await expect(assertNoDemoAccounts(server.ctx)).rejects.toThrow(/demo accounts are present/);
    const admin = await api.login('admin@demo-isp.com', 'admin123');
    const me = await api.get('/api/auth/me', { token: admin });
    const batches = await api.get(`/api/isp/${me.json.isp_id}/voucher-batches`, { token: admin });
    expect(batches.json.items.map((b: { card_count: number; stats: unknown }) => [b.card_count, b.stats]))
      .toEqual([[50, { unused: 45, sold: 5, used: 0, expired: 0, disabled: 0 }]]);
    // The billing demo ran a real billing run: two monthly invoices for each active subscriber, with sales tax.
    const token = admin;
    const runs = (await api.get(`/api/isp/${me.json.isp_id}/billing-runs`, { token })).json;
    expect(runs.items[0]).toMatchObject({ status: 'completed', failed: 0 });
    const invoices = (await api.get(`/api/isp/${me.json.isp_id}/invoices?limit=200`, { token })).json;
    expect(invoices.total).toBe(runs.items[0].invoiced);
    expect(invoices.total).toBeGreaterThan(0);
    expect(invoices.items.every((i: { tax_total: number }) => i.tax_total > 0)).toBe(true);
    // A month of usage came in through the accounting writer: closed sessions and daily rollups for each active subscriber.
    const usage = await server.ctx.db.query<{ username: string; days: string; open: string }>(`
      SELECT s.username, (SELECT count(*) FROM usage_daily u WHERE u.subscriber_id = s.id)::text AS days,
             (SELECT count(*) FROM radius_sessions r WHERE r.subscriber_id = s.id AND r.stop_time IS NULL)::text AS open
      FROM subscribers s WHERE s.username IN ('john.doe', 'jane.smith') ORDER BY s.username`);
    expect(usage).toEqual([{ username: 'jane.smith', days: '30', open: '0' }, { username: 'john.doe', days: '30', open: '0' }]);
    // The support desk: tickets in several states, John's without the internal notes.
    const desk = (await api.get(`/api/isp/${me.json.isp_id}/tickets?sort=number`, { token })).json;
    expect(new Set(desk.items.map((t: { status: string }) => t.status))).toEqual(new Set(['closed', 'resolved', 'pending', 'open', 'new']));
    const dash = (await api.get(`/api/isp/${me.json.isp_id}/dashboard`, { token })).json;
    expect(dash.tickets.open).toBe(4);
    expect(dash.tickets.overdue).toBeGreaterThan(0);
    const john = await api.login('john.doe@email.com', 'user123');
    const own = (await api.get('/api/me/tickets', { token: john })).json;
    expect(own.total).toBe(2);
    const thread = await api.get(`/api/me/tickets/${own.items[0].id}`, { token: john });
    expect(thread.json.messages.length).toBeGreaterThan(1);
    expect(thread.text).not.toContain('Lost-Carrier');
    // The platform billing demo ran the real monthly run for six months: MRR in each of them.
    const founder = await api.login('founder@astranetix.com', 'admin123');
    const saas = (await api.get('/api/founder/platform-billing/metrics', { token: founder })).json;
    expect(saas.monthly.slice(-6).every((m: { mrr: number; isps: number }) => m.mrr >= 9900 && m.isps === 1)).toBe(true);
    expect(saas.arr).toBe(saas.mrr * 12);
    const mine = (await api.get(`/api/isp/${me.json.isp_id}/platform-subscription`, { token })).json;
    expect(mine.invoices.map((i: { status: string }) => i.status)).toEqual(['issued', 'paid', 'paid', 'paid', 'paid', 'paid']);
    const list = (await api.get('/api/founder/isp/list', { token: founder })).json;
    expect(list.items[0].revenue_this_month).toBeGreaterThan(0);
    // The list names the plan the ISP is really billed on, not the older tier label.
    expect(list.items[0].billing_plan).toBe('Growth');
  });
});
