import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startWithTwoIsps, type IspFixture } from '../../../test/fixtures.ts';
import { clockStoppedAt } from '../../../test/clocks.ts';
import type { Client, TestServer } from '../../../test/harness.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { runChurnTraining } from './churn.service.ts';

let server: TestServer;
let api: Client;
let a: IspFixture;
let b: IspFixture;
const now = '2026-06-01T00:00:00Z';

/**
 * ISP A's past, written straight into its tables: 160 subscribers who joined through 2025;
 * every fourth left between January and May 2026, each after three payment reminders 35–45
 * days before leaving. Some who stay had one reminder (noise); twelve who stay have three
 * reminders in the last two months — the ones the model should flag.
 */
async function writeHistory(isp: IspFixture) {
  await withScope(server.ctx.db, platformScope, async (tx) => {
    await tx.execute(sql`
      INSERT INTO subscribers (isp_id, branch_id, plan_id, account_number, first_name, last_name, username, network_password_enc, status, created_at, activated_at, updated_at)
      SELECT ${isp.id}, CASE WHEN g % 2 = 0 THEN ${isp.north}::uuid ELSE ${isp.hq}::uuid END, ${isp.planId}, 'CH-' || g, 'Churn', 'Case ' || g, 'churn' || g, 'x',
        CASE WHEN g % 4 = 0 THEN 'terminated' ELSE 'active' END,
        timestamptz '2025-01-01' + g * interval '2 days', timestamptz '2025-01-01' + g * interval '2 days',
        CASE WHEN g % 4 = 0 THEN timestamptz '2026-01-05' + (g % 140) * interval '1 day' ELSE timestamptz '2025-01-01' + g * interval '2 days' END
      FROM generate_series(1, 160) g`);
    // Leavers: three reminders before leaving.
    await tx.execute(sql`
      INSERT INTO dunning_actions (isp_id, branch_id, subscriber_id, kind, created_at)
      SELECT s.isp_id, s.branch_id, s.id, 'reminder', s.updated_at - d * interval '1 day'
      FROM subscribers s, unnest(ARRAY[35, 40, 45]) d WHERE s.isp_id = ${isp.id} AND s.status = 'terminated'`);
    // Stayers: one reminder now and then, spread over the year (noise).
    await tx.execute(sql`
      INSERT INTO dunning_actions (isp_id, branch_id, subscriber_id, kind, created_at)
      SELECT s.isp_id, s.branch_id, s.id, 'reminder', timestamptz '2025-07-01' + (substr(s.account_number, 4)::int % 300) * interval '1 day'
      FROM subscribers s WHERE s.isp_id = ${isp.id} AND s.status = 'active' AND substr(s.account_number, 4)::int % 3 = 0`);
    // Twelve current subscribers in the leavers' pattern now.
    await tx.execute(sql`
      INSERT INTO dunning_actions (isp_id, branch_id, subscriber_id, kind, created_at)
      SELECT s.isp_id, s.branch_id, s.id, 'reminder', ${now}::timestamptz - d * interval '1 day'
      FROM subscribers s, unnest(ARRAY[10, 20, 30]) d
      WHERE s.isp_id = ${isp.id} AND s.status = 'active' AND substr(s.account_number, 4)::int % 4 = 1 AND substr(s.account_number, 4)::int <= 96`);
  });
}

const flagged = (n: number) => n % 4 === 1 && n <= 96;

beforeAll(async () => {
  ({ server, api, a, b } = await startWithTwoIsps('alpha-churn', 'beta-churn'));
  server.ctx.clock = clockStoppedAt(now);
  await writeHistory(a);
}, 120_000);
afterAll(() => server?.close());

async function idOf(isp: IspFixture, n: number): Promise<string> {
  const [r] = await withScope(server.ctx.db, platformScope, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE isp_id = ${isp.id} AND account_number = ${`CH-${n}`}`));
  return r!.id;
}

describe('per-ISP churn model', () => {
  it('trains on the ISP own history, stores a version and scores every current subscriber', async () => {
    const r = await api.post(`/api/isp/${a.id}/churn/train`, { token: a.adminToken });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ trained: true, version: 1, churners: 40, reason: null });
    expect(r.json.cv_auc).toBeGreaterThan(0.8);
    // 120 stayers of the history, plus the fixture's two subscribers.
    expect(r.json.scored).toBe(122);
  }, 120_000);

  it('shows the distribution, the at-risk count and the reasons they share', async () => {
    const r = await api.get(`/api/isp/${a.id}/analytics/subscribers`, { token: a.adminToken });
    expect(r.status, r.text).toBe(200);
    expect(r.json.model).toMatchObject({ version: 1, horizon_days: 30, trigger: 'manual' });
    expect(r.json.scored).toBe(122);
    expect(r.json.distribution.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(122);
    expect(r.json.at_risk).toBeGreaterThanOrEqual(12);
    expect(r.json.top_reasons[0].feature).toBe('payment_reminders');
  });

  it("gives each subscriber a risk and the model's own reasons", async () => {
    const risky = await api.get(`/api/isp/${a.id}/subscribers/${await idOf(a, 5)}/churn`, { token: a.adminToken });
    expect(risky.status, risky.text).toBe(200);
    expect(risky.json).toMatchObject({ at_risk: true, model_version: 1 });
    expect(risky.json.reasons[0]).toMatchObject({ feature: 'payment_reminders', value: 3 });
    expect(risky.json.reasons[0].contribution).toBeGreaterThan(0);
    const calm = await api.get(`/api/isp/${a.id}/subscribers/${await idOf(a, 2)}/churn`, { token: a.adminToken });
    expect(calm.json.at_risk).toBe(false);
    expect(calm.json.risk).toBeLessThan(risky.json.risk);
  });

  it('lists the at-risk segment, riskiest first', async () => {
    const r = await api.get(`/api/isp/${a.id}/churn/subscribers?at_risk=true&limit=200`, { token: a.adminToken });
    expect(r.status, r.text).toBe(200);
    const accounts = r.json.items.map((i: { account_number: string }) => Number(i.account_number.slice(3)));
    for (let n = 1; n <= 160; n++) if (flagged(n)) expect(accounts).toContain(n);
    const risks = r.json.items.map((i: { risk: number }) => i.risk);
    expect(risks).toEqual([...risks].sort((x, y) => y - x));
    const bad = await api.get(`/api/isp/${a.id}/churn/subscribers?subscriber_ids=nope`, { token: a.adminToken });
    expect(bad.status).toBe(400);
  });

  it('narrows to a branch subtree for the branch route and for branch managers', async () => {
    const north = await api.get(`/api/branch/${a.north}/analytics/ai`, { token: a.adminToken });
    expect(north.status, north.text).toBe(200);
    // Even account numbers are in North (half of them left), and the fixture's Ned.
    expect(north.json.scored).toBe(41);
    const asManager = await api.get(`/api/branch/${a.north}/analytics/ai`, { token: a.managerToken });
    expect(asManager.json.scored).toBe(41);
    expect((await api.get(`/api/branch/${a.hq}/analytics/ai`, { token: a.managerToken })).status).toBe(404);
    const list = await api.get(`/api/isp/${a.id}/churn/subscribers?limit=200`, { token: a.managerToken });
    expect(list.json.total).toBe(41);
    expect((await api.post(`/api/isp/${a.id}/churn/train`, { token: a.managerToken })).status).toBe(403);
  });

  it("keeps another ISP's staff out", async () => {
    const sub = await idOf(a, 5);
    expect((await api.get(`/api/isp/${a.id}/analytics/subscribers`, { token: b.adminToken })).status).toBe(404);
    expect((await api.get(`/api/branch/${a.north}/analytics/ai`, { token: b.adminToken })).status).toBe(404);
    expect((await api.get(`/api/isp/${a.id}/subscribers/${sub}/churn`, { token: b.adminToken })).status).toBe(404);
    expect((await api.get(`/api/isp/${b.id}/subscribers/${sub}/churn`, { token: b.adminToken })).status).toBe(404);
    expect((await api.get(`/api/isp/${a.id}/churn/subscribers`, { token: b.adminToken })).status).toBe(404);
    expect((await api.post(`/api/isp/${a.id}/churn/train`, { token: b.adminToken })).status).toBe(404);
    const own = await api.get(`/api/isp/${b.id}/analytics/subscribers`, { token: b.adminToken });
    expect(own.json).toMatchObject({ model: null, scored: 0, at_risk: 0 });
    const rlsOnly = await withScope(server.ctx.db, { kind: 'tenant', ispId: b.id, branchIds: null }, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT (SELECT count(*) FROM churn_scores)::int + (SELECT count(*) FROM churn_models)::int AS n`));
    expect(rlsOnly[0]!.n).toBe(0);
  });

  it('the scheduled run retrains every ISP with enough history and says why not for the others', async () => {
    const out = await runChurnTraining(server.ctx, systemActor);
    expect(out[a.id]).toMatchObject({ trained: true, version: 2 });
    expect(out[b.id]).toMatchObject({ trained: false, churners: 0 });
    const r = await api.get(`/api/isp/${a.id}/analytics/subscribers`, { token: a.adminToken });
    expect(r.json.model).toMatchObject({ version: 2, trigger: 'schedule' });
    expect(r.json.scored).toBe(122);
  }, 120_000);
});
