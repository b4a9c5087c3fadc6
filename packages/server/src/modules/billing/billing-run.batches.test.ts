import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { tenantScope } from '../../platform/db/scope.ts';
import { startBillingRun } from './billing-run.service.ts';

// Batches go on from where the previous one stopped; a pass that reaches the end is followed by
// one from the beginning. With batches of two, nine subscriptions take several passes: two are
// three periods behind, one cannot be billed (no EUR→USD rate).
let server: TestServer;
let isp: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  const api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'batches');
  await server.ctx.db.exec(`
    INSERT INTO subscribers (isp_id, branch_id, plan_id, account_number, first_name, last_name, username, network_password_enc)
      SELECT '${isp.id}', '${isp.hq}', '${isp.planId}', 'B' || g, 'Sub', g::text, 'batch' || g, 'x' FROM generate_series(1, 9) g;
    INSERT INTO subscriptions (isp_id, branch_id, subscriber_id, plan_id, kind, start_date, next_period_start, next_period_end, currency)
      SELECT isp_id, branch_id, id, plan_id, 'postpaid', '2026-08-01',
             CASE WHEN username IN ('batch2', 'batch7') THEN DATE '2026-08-01' ELSE DATE '2026-10-01' END,
             CASE WHEN username IN ('batch2', 'batch7') THEN DATE '2026-09-01' ELSE DATE '2026-11-01' END,
             CASE WHEN username = 'batch5' THEN 'USD' ELSE 'EUR' END
        FROM subscribers WHERE isp_id = '${isp.id}' AND username LIKE 'batch%';`);
});
afterAll(async () => server.close());

describe('billing run batches', () => {
  it('bills every due period once, in subscription order, over several passes', async () => {
    const run = await startBillingRun(server.ctx, { actor: systemActor, scope: tenantScope(isp.id), ispId: isp.id }, '2026-11-05', { wait: true, batchSize: 2 });
    // 6 subscriptions × 1 period + 2 × 3 periods; the USD one fails once and is not retried.
    expect(run).toMatchObject({ status: 'completed', total: 9, invoiced: 12, failed: 1, processed: 13 });
    expect(run.error).toMatch(/No exchange rate from EUR to USD/);

    const invoices = await server.ctx.db.query<{ sequence: string; subscription_id: string; username: string; period_start: string }>(
      `SELECT i.sequence::text, i.subscription_id, s.username, to_char(i.period_start, 'YYYY-MM-DD') AS period_start
         FROM invoices i JOIN subscribers s ON s.id = i.subscriber_id WHERE i.isp_id = $1 ORDER BY i.sequence`, [isp.id]);
    expect(invoices.map((i) => Number(i.sequence))).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    // The first pass numbers the eight billable subscriptions in id order.
    const firstPass = invoices.slice(0, 8).map((i) => i.subscription_id);
    expect(firstPass).toEqual([...firstPass].sort());
    expect(new Set(firstPass).size).toBe(8);
    // The later passes bill the periods still due of the two that were behind.
    const periodsOf = (u: string) => invoices.filter((i) => i.username === u).map((i) => i.period_start);
    expect(periodsOf('batch2')).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
    expect(periodsOf('batch7')).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
    expect(periodsOf('batch5')).toEqual([]);
    const next = await server.ctx.db.query<{ username: string; next_period_start: string }>(
      `SELECT s.username, to_char(sub.next_period_start, 'YYYY-MM-DD') AS next_period_start FROM subscriptions sub JOIN subscribers s ON s.id = sub.subscriber_id
        WHERE sub.isp_id = $1 ORDER BY s.username`, [isp.id]);
    expect(next.filter((n) => n.next_period_start !== '2026-11-01').map((n) => n.username)).toEqual(['batch5']);

    // Nothing is due twice.
    const again = await startBillingRun(server.ctx, { actor: systemActor, scope: tenantScope(isp.id), ispId: isp.id }, '2026-11-05', { wait: true, batchSize: 2 });
    expect(again).toMatchObject({ status: 'completed', invoiced: 0, failed: 1 });
  });
});
