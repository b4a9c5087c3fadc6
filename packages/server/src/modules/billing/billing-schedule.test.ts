import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { runScheduledBilling } from './billing-schedule.service.ts';

// Two worker processes on one PostgreSQL (TEST_DATABASE_URL) tick the scheduler at the same
// moment; on the embedded PGlite the two schedulers share one server.
let a: TestServer;
let b: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;
const N = 60;

beforeAll(async () => {
  a = await startTestServer();
  b = a.dbUrl ? await startTestServer({}, { shareWith: a }) : a;
  api = client(a.app);
  isp = await createIspFixture(api, await founderToken(a, api), 'sched');
  base = `/api/isp/${isp.id}`;
  // The ISP is in India: 02:00 there is 20:30 UTC the day before.
  await a.ctx.db.exec(`
    UPDATE isps SET timezone = 'Asia/Kolkata' WHERE id = '${isp.id}';
    INSERT INTO subscribers (isp_id, branch_id, plan_id, account_number, first_name, last_name, username, network_password_enc)
      SELECT '${isp.id}', '${isp.hq}', '${isp.planId}', 'S' || g, 'Sched', g::text, 'sched' || g, 'x' FROM generate_series(1, ${N}) g;
    INSERT INTO subscriptions (isp_id, branch_id, subscriber_id, plan_id, kind, start_date, next_period_start, next_period_end, currency)
      SELECT isp_id, branch_id, id, plan_id, 'postpaid', '2026-10-01', '2026-10-01', '2026-11-01', 'EUR' FROM subscribers WHERE isp_id = '${isp.id}' AND username LIKE 'sched%';`);
});
afterAll(async () => {
  if (b !== a) await b.close();
  await a.close();
});

const runsOf = () => a.ctx.db.query<{ id: string; as_of: string; trigger: string; status: string; invoiced: number }>(
  `SELECT id, to_char(as_of, 'YYYY-MM-DD') AS as_of, trigger, status, invoiced FROM billing_runs WHERE isp_id = $1 ORDER BY started_at`, [isp.id]);

describe('the daily automatic billing run', () => {
  it('is on at 02:00 in the ISP time zone by default, and does nothing before that hour', async () => {
    const s = await api.get(`${base}/billing-runs/schedule`, { token: isp.adminToken });
    expect(s.status, s.text).toBe(200);
    expect(s.json).toMatchObject({ enabled: true, hour: 2, timezone: 'Asia/Kolkata', last_automatic_run: null });
    // 01:59 in Kolkata on 5 November.
    await runScheduledBilling(a.ctx, new Date('2026-11-04T20:29:00Z'));
    expect(await runsOf()).toEqual([]);
  });

  it('two schedulers ticking at once produce one run per ISP and day, and every invoice once', async () => {
    const at = new Date('2026-11-04T21:00:00Z'); // 02:30 on 5 November in Kolkata
    const [ra, rb] = await Promise.all([runScheduledBilling(a.ctx, at), runScheduledBilling(b.ctx, at)]);
    const runs = await runsOf();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ as_of: '2026-11-05', trigger: 'schedule', status: 'completed', invoiced: N });
    expect([...ra, ...rb].filter((id) => id === runs[0]!.id)).toHaveLength(1);
    const [count] = await a.ctx.db.query<{ n: number; subs: number }>(`SELECT count(*)::int AS n, count(DISTINCT subscription_id)::int AS subs FROM invoices WHERE isp_id = $1`, [isp.id]);
    expect(count).toEqual({ n: N, subs: N });
    // Later ticks the same local day start nothing.
    await Promise.all([runScheduledBilling(a.ctx, new Date('2026-11-05T10:00:00Z')), runScheduledBilling(b.ctx, new Date('2026-11-05T18:00:00Z'))]);
    expect(await runsOf()).toHaveLength(1);
    const s = await api.get(`${base}/billing-runs/schedule`, { token: isp.adminToken });
    expect(s.json.last_automatic_run).toMatchObject({ id: runs[0]!.id, trigger: 'schedule', invoiced: N, as_of: '2026-11-05' });
    const list = await api.get(`${base}/billing-runs`, { token: isp.adminToken });
    expect(list.json.items[0]).toMatchObject({ trigger: 'schedule' });
  });

  it('follows the hour the ISP sets, and stops when switched off (audited)', async () => {
    const bad = await api.patch(`${base}/billing-runs/schedule`, { token: isp.adminToken, body: { hour: 24 } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toBe('/body/hour');
    const moved = await api.patch(`${base}/billing-runs/schedule`, { token: isp.adminToken, body: { hour: 6 } });
    expect(moved.json).toMatchObject({ enabled: true, hour: 6 });
    // 05:30 in Kolkata on 6 November: not yet; 06:00: the run of the 6th (nothing more is due, so it bills nobody).
    await runScheduledBilling(a.ctx, new Date('2026-11-06T00:00:00Z'));
    expect(await runsOf()).toHaveLength(1);
    await runScheduledBilling(a.ctx, new Date('2026-11-06T00:30:00Z'));
    expect((await runsOf()).map((r) => [r.as_of, r.invoiced])).toEqual([['2026-11-05', N], ['2026-11-06', 0]]);
    const off = await api.patch(`${base}/billing-runs/schedule`, { token: isp.adminToken, body: { enabled: false } });
    expect(off.json).toMatchObject({ enabled: false, hour: 6, next_run_at: null });
    await runScheduledBilling(a.ctx, new Date('2026-11-07T03:00:00Z'));
    expect(await runsOf()).toHaveLength(2);
    const audit = await api.get(`${base}/audit?entity_id=${isp.id}`, { token: isp.adminToken });
    expect(audit.json.items.filter((x: { action: string }) => x.action === 'billing_schedule.updated')).toHaveLength(2);
    // Branch staff may look but not change an ISP-wide setting.
    expect((await api.patch(`${base}/billing-runs/schedule`, { token: isp.managerToken, body: { enabled: true } })).status).toBe(403);
  });
});
