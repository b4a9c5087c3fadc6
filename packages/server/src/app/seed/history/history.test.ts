import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.ts';
import { verifyAuditChain } from '../../../platform/audit/verify-chain.ts';
import type { Database } from '../../../platform/db/database.ts';
import { generateHistory, type HistoryResult } from './orchestrator.ts';

// A small history with a pinned end, written twice into two fresh databases.
const options = { months: 3, subscribers: 45, seed: 'test-seed', end: new Date('2026-03-15T12:00:00Z') };
let a: TestServer;
let b: TestServer;
let result: HistoryResult;

beforeAll(async () => {
  a = await startTestServer();
  b = await startTestServer();
  result = await generateHistory(a.ctx, options);
  await generateHistory(b.ctx, options);
}, 900_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** What the history says, without the ids and audit times that differ between two runs, nor the demo's own rows (made at the wall clock's time). */
async function fingerprint(db: Database) {
  const q = (sql: string) => db.query(sql);
  return {
    subscribers: await q(`SELECT i.slug, s.account_number, s.username, s.status, s.created_at, p.name AS plan FROM subscribers s JOIN isps i ON i.id = s.isp_id
      LEFT JOIN subscription_plans p ON p.id = s.plan_id WHERE NOT s.is_demo ORDER BY i.slug, s.account_number`),
    invoices: await q(`SELECT i.slug, s.account_number, v.issue_date, v.due_date, v.total, v.tax_total, v.amount_paid, v.status FROM invoices v JOIN isps i ON i.id = v.isp_id
      JOIN subscribers s ON s.id = v.subscriber_id WHERE NOT s.is_demo ORDER BY 1, 2, 3, 5`),
    payments: await q(`SELECT i.slug, s.account_number, p.method, p.status, p.amount, p.received_at FROM payments p JOIN isps i ON i.id = p.isp_id
      JOIN subscribers s ON s.id = p.subscriber_id WHERE NOT s.is_demo ORDER BY 1, 2, 6, 5`),
    sessions: await q(`SELECT i.slug, r.username, r.start_time, r.stop_time, r.input_octets, r.output_octets, r.terminate_cause FROM radius_sessions r
      JOIN isps i ON i.id = r.isp_id JOIN subscribers s ON s.id = r.subscriber_id WHERE NOT s.is_demo ORDER BY 1, 2, 3`),
    tickets: await q(`SELECT i.slug, t.subject, t.category, t.priority, t.status, t.created_at, t.first_response_at, t.resolved_at FROM support_tickets t
      JOIN isps i ON i.id = t.isp_id JOIN subscribers s ON s.id = t.subscriber_id WHERE NOT s.is_demo ORDER BY 1, t.created_at, t.subject`),
    metrics: await q(`SELECT d.name, m.metric, count(*)::int AS n, sum(round(m.avg::numeric, 1))::text AS total FROM noc_metrics_1h m JOIN noc_devices d ON d.id = m.device_id
      WHERE NOT d.enabled GROUP BY 1, 2 ORDER BY 1, 2`),
  };
}

describe('seed-history', () => {
  it('gives the same history for the same seed', async () => {
    const [x, y] = [await fingerprint(a.ctx.db), await fingerprint(b.ctx.db)];
    expect(x.invoices.length).toBeGreaterThan(50);
    expect(x.sessions.length).toBeGreaterThan(100);
    expect(y).toEqual(x);
  });

  it('passes the product invariants: gapless numbers, ledger to the minor unit, rollups equal to the sessions, the audit chain', async () => {
    const db = a.ctx.db;
    const gaps = await db.query(`SELECT isp_id, series, count(*)::int AS n, min(sequence)::int AS lo, max(sequence)::int AS hi, count(DISTINCT sequence)::int AS distinct
      FROM invoices WHERE sequence IS NOT NULL GROUP BY 1, 2`);
    for (const g of gaps) expect([g.lo, g.hi, g.distinct]).toEqual([1, g.n, g.n]);
    // Every invoice's paid amount is what its allocations applied; every payment is its allocations plus its wallet credit.
    expect(await db.query(`SELECT v.id FROM invoices v LEFT JOIN (SELECT invoice_id, sum(invoice_amount) AS s FROM payment_allocations GROUP BY 1) a ON a.invoice_id = v.id
      WHERE v.amount_paid <> coalesce(a.s, 0)`)).toEqual([]);
    expect(await db.query(`SELECT p.id FROM payments p
      LEFT JOIN (SELECT payment_id, sum(amount) AS s FROM payment_allocations GROUP BY 1) a ON a.payment_id = p.id
      LEFT JOIN (SELECT payment_id, sum(amount) AS s FROM wallet_entries WHERE payment_id IS NOT NULL GROUP BY 1) w ON w.payment_id = p.id
      WHERE p.status = 'succeeded' AND p.amount <> coalesce(a.s, 0) + coalesce(w.s, 0)`)).toEqual([]);
    expect(await db.query(`SELECT id FROM invoices WHERE total <> subtotal + tax_total OR amount_paid > total
      OR total <> (SELECT sum(net_amount + tax_amount) FROM invoice_lines l WHERE l.invoice_id = invoices.id)`)).toEqual([]);
    // Usage rollups are the sessions' counters, to the octet.
    const usage = await db.query<{ sessions: string; daily: string; hourly: string }>(`SELECT
      (SELECT sum(input_octets + output_octets) FROM radius_sessions WHERE subscriber_id IS NOT NULL)::text AS sessions,
      (SELECT sum(input_octets + output_octets) FROM usage_daily)::text AS daily, (SELECT sum(input_octets + output_octets) FROM usage_hourly)::text AS hourly`);
    expect(Number(usage[0]!.sessions)).toBeGreaterThan(1e9);
    expect([usage[0]!.daily, usage[0]!.hourly]).toEqual([usage[0]!.sessions, usage[0]!.sessions]);
    // The history's subscriber events are not left for the AAA engine to act on today.
    expect(await db.query(`SELECT e.seq FROM domain_events e JOIN subscribers s ON s.id::text = e.aggregate_id
      WHERE NOT s.is_demo AND e.type LIKE 'subscriber.%' AND e.published_at IS NULL`)).toEqual([]);
    const report = await verifyAuditChain(db);
    expect(report.broken).toEqual([]);
    expect(report.rows).toBeGreaterThan(500);
  });

  it('has the shape an ISP has: months of invoices in three currencies, churners, late payers, tickets, incidents in NOC, sessions and tickets at once', async () => {
    const db = a.ctx.db;
    const months = await db.query<{ slug: string; currency: string; months: number }>(`SELECT i.slug, trim(v.currency) AS currency, count(DISTINCT date_trunc('month', v.issue_date))::int AS months
      FROM invoices v JOIN isps i ON i.id = v.isp_id GROUP BY 1, 2 ORDER BY 1`);
    expect(months.map((m) => m.currency).sort()).toEqual(['EUR', 'INR', 'USD']);
    for (const m of months) expect(m.months).toBeGreaterThanOrEqual(3);
    const counts = result.isps.reduce((acc, i) => ({ churned: acc.churned + i.stats.churned + i.stats.terminatedForDebt, tickets: acc.tickets + i.stats.tickets, polls: acc.polls + i.stats.polls }), { churned: 0, tickets: 0, polls: 0 });
    expect(counts.tickets).toBeGreaterThan(3);
    expect(counts.polls).toBeGreaterThan(1000);
    const [late] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments p JOIN payment_allocations a ON a.payment_id = p.id JOIN invoices v ON v.id = a.invoice_id
      WHERE (p.received_at AT TIME ZONE 'UTC')::date > v.due_date`);
    expect(late!.n).toBeGreaterThan(0);
    // The BNG outage: its device reported down, its sessions dropped with Lost-Carrier, at the same hour.
    const outage = await db.query<{ slug: string; at: string }>(`SELECT i.slug, to_char(min(m.bucket), 'YYYY-MM-DD HH24') AS at FROM noc_metrics_1h m
      JOIN noc_devices d ON d.id = m.device_id JOIN isps i ON i.id = d.isp_id WHERE m.metric = 'reachable' AND m.min = 0 GROUP BY 1 ORDER BY 1`);
    expect(outage.length).toBe(3);
    for (const o of outage) {
      const [drops] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM radius_sessions r JOIN isps i ON i.id = r.isp_id
        WHERE i.slug = $1 AND r.terminate_cause = 'Lost-Carrier' AND to_char(r.stop_time, 'YYYY-MM-DD HH24') = $2`, [o.slug, o.at]);
      expect(drops!.n, o.slug).toBeGreaterThan(0);
    }
    const saturated = await db.query(`SELECT 1 FROM noc_metrics_1h WHERE metric = 'if_utilisation' AND max > 90 LIMIT 1`);
    expect(saturated.length).toBe(1);
  });
});
