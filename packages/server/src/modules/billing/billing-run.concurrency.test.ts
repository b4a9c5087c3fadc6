import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { tenantScope } from '../../platform/db/scope.ts';
import { startBillingRun } from './billing-run.service.ts';

// Two API processes on one PostgreSQL (TEST_DATABASE_URL) bill the same ISP at once; on the
// embedded PGlite (one process by nature) the two runs share one server.
let a: TestServer;
let b: TestServer;
let isp: IspFixture;
const N = 240;

beforeAll(async () => {
  a = await startTestServer();
  b = a.dbUrl ? await startTestServer({}, { shareWith: a }) : a;
  const api = client(a.app);
  isp = await createIspFixture(api, await founderToken(a, api), 'concur');
  await a.ctx.db.exec(`
    INSERT INTO subscribers (isp_id, branch_id, plan_id, account_number, first_name, last_name, username, network_password_enc)
      SELECT '${isp.id}', '${isp.hq}', '${isp.planId}', 'C' || g, 'Sub', g::text, 'concur' || g, 'x' FROM generate_series(1, ${N}) g;
    INSERT INTO subscriptions (isp_id, branch_id, subscriber_id, plan_id, kind, start_date, next_period_start, next_period_end, currency)
      SELECT isp_id, branch_id, id, plan_id, 'postpaid', '2026-10-01', '2026-10-01', '2026-11-01', 'EUR' FROM subscribers WHERE isp_id = '${isp.id}' AND username LIKE 'concur%';`);
});
afterAll(async () => {
  if (b !== a) await b.close();
  await a.close();
});

describe('concurrent billing runs', () => {
  it('two processes billing at once leave no gap and no duplicate', async () => {
    const scope = tenantScope(isp.id);
    const [ra, rb] = await Promise.all([
      startBillingRun(a.ctx, { actor: systemActor, scope, ispId: isp.id }, '2026-11-05', { wait: true, batchSize: 20 }),
      startBillingRun(b.ctx, { actor: systemActor, scope, ispId: isp.id }, '2026-11-05', { wait: true, batchSize: 20 }),
    ]);
    expect(ra.status).toBe('completed');
    expect(rb.status).toBe('completed');
    expect(ra.invoiced + rb.invoiced).toBe(N);
    // On PostgreSQL both processes took batches (SKIP LOCKED splits the work).
    if (b !== a) expect(Math.min(ra.invoiced, rb.invoiced)).toBeGreaterThan(0);
    const rowsOf = await a.ctx.db.query<{ sequence: string; number: string; subscription_id: string }>(
      `SELECT sequence, number, subscription_id FROM invoices WHERE isp_id = $1 ORDER BY sequence`, [isp.id]);
    expect(rowsOf).toHaveLength(N);
    expect(rowsOf.map((r) => Number(r.sequence))).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(new Set(rowsOf.map((r) => r.number)).size).toBe(N);
    expect(new Set(rowsOf.map((r) => r.subscription_id)).size).toBe(N);
    const [counter] = await a.ctx.db.query<{ last_value: string }>(`SELECT last_value FROM invoice_counters WHERE isp_id = $1 AND series = 'INV'`, [isp.id]);
    expect(Number(counter!.last_value)).toBe(N);

    // Re-running in both processes creates nothing new.
    const again = await Promise.all([
      startBillingRun(a.ctx, { actor: systemActor, scope, ispId: isp.id }, '2026-11-05', { wait: true, batchSize: 20 }),
      startBillingRun(b.ctx, { actor: systemActor, scope, ispId: isp.id }, '2026-11-05', { wait: true, batchSize: 20 }),
    ]);
    expect(again.map((r) => r.invoiced)).toEqual([0, 0]);
    const [count] = await a.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM invoices WHERE isp_id = $1`, [isp.id]);
    expect(count!.n).toBe(N);
  });
});
