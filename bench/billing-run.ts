// Billing run over 100,000 postpaid subscribers (one monthly invoice each, GST on every line),
// on PGlite and (when BENCH_DATABASE_URL is set, e.g. postgres://postgres@127.0.0.1:5432/postgres)
// on PostgreSQL. Target: under 60 s on the 2-core development machine.
//   npx tsx bench/billing-run.ts [--subscribers 100000] [--batch 1000] [--skip-pglite]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../packages/server/src/platform/config/config.ts';
import type { Database } from '../packages/server/src/platform/db/database.ts';
import { onEachDatabase } from './databases.ts';
import { closeContext, createContext } from '../packages/server/src/app/create-context.ts';
import { benchSeed } from '../packages/server/src/app/seed/bench-seed.ts';
import { systemActor } from '../packages/server/src/platform/auth/actor.ts';
import { tenantScope } from '../packages/server/src/platform/db/scope.ts';
import { createTaxRule, startBillingRun, updateSettings } from '../packages/server/src/modules/billing/index.ts';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '100000' }, batch: { type: 'string', default: '1000' }, 'skip-pglite': { type: 'boolean', default: false } } });
const N = Number(values.subscribers);
const batchSize = Number(values.batch);

async function measure(label: string, db: Database): Promise<void> {
  const config = { ...loadConfig({ NODE_ENV: 'development', SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', DATA_DIR: '/tmp/anx-bench-unused' }, '/tmp') };
  const ctx = await createContext(config, pino({ level: 'silent' }), db);
  const t0 = performance.now();
  const seeded = await benchSeed(ctx, N);
  const scope = tenantScope(seeded.ispId);
  await updateSettings(ctx, { actor: systemActor, scope, ispId: seeded.ispId }, { country: 'IN', region: 'KA', tax_id: '29ABCDE1234F1Z5' });
  for (const name of ['CGST', 'SGST']) await createTaxRule(ctx, { actor: systemActor, scope, ispId: seeded.ispId }, { name, kind: 'gst', country: 'IN', region: null, scope: 'intra', rate: '9', compound: false, reverse_charge_b2b: false, category: '*', priority: 0, active: true, valid_from: null, valid_to: null });
  await db.exec(`DELETE FROM subscriptions WHERE isp_id = '${seeded.ispId}';
    INSERT INTO subscriptions (isp_id, branch_id, subscriber_id, plan_id, kind, start_date, next_period_start, next_period_end, currency)
      SELECT isp_id, branch_id, id, '${seeded.planId}', 'postpaid', '2026-10-01', '2026-10-01', '2026-11-01', 'USD' FROM subscribers
      WHERE isp_id = '${seeded.ispId}' AND account_number LIKE 'BENCH-%';
    ANALYZE subscriptions;`);
  const seedMs = performance.now() - t0;
  const started = performance.now();
  const run = await startBillingRun(ctx, { actor: systemActor, scope, ispId: seeded.ispId }, '2026-11-01', { wait: true, batchSize });
  const ms = performance.now() - started;
  const [check] = await db.query<{ n: number; lo: string; hi: string; distinct_numbers: number }>(
    `SELECT count(*)::int AS n, min(sequence)::text AS lo, max(sequence)::text AS hi, count(DISTINCT number)::int AS distinct_numbers FROM invoices WHERE isp_id = $1 AND source = 'cycle'`, [seeded.ispId]);
  const again = performance.now();
  const rerun = await startBillingRun(ctx, { actor: systemActor, scope, ispId: seeded.ispId }, '2026-11-01', { wait: true, batchSize });
  console.log(`\n${label}: ${N} subscribers (seeded in ${(seedMs / 1000).toFixed(1)} s), batch ${batchSize}`);
  console.log(`  billing run: ${run.status}, ${run.invoiced} invoices in ${(ms / 1000).toFixed(1)} s (${Math.round(run.invoiced / (ms / 1000))} invoices/s), failed ${run.failed}`);
  console.log(`  check: ${check!.n} cycle invoices, sequence ${check!.lo}..${check!.hi}, ${check!.distinct_numbers} distinct numbers`);
  console.log(`  re-run of the same period: ${rerun.invoiced} new invoices in ${((performance.now() - again) / 1000).toFixed(1)} s`);
  await closeContext(ctx);
}

await onEachDatabase('anx_bench_billing', measure, { pglite: Boolean(values['skip-pglite']) });

