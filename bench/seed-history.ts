// Generation time of the demo history (seed-history) on PGlite (on disk) and, with
// BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres), on a scratch PostgreSQL
// database. Targets: 2,000 subscribers × 18 months under 5 minutes on PostgreSQL, 10 on PGlite.
//   npx tsx bench/seed-history.ts [--months 18] [--subscribers 2000] [--skip-pglite] [--skip-postgres]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../packages/server/src/platform/config/config.ts';
import type { Database } from '../packages/server/src/platform/db/database.ts';
import { onEachDatabase } from './databases.ts';
import { closeContext, createContext } from '../packages/server/src/app/create-context.ts';
import { generateHistory } from '../packages/server/src/app/seed/history/orchestrator.ts';

const { values } = parseArgs({ options: {
  months: { type: 'string', default: '18' }, subscribers: { type: 'string', default: '2000' },
  'skip-pglite': { type: 'boolean', default: false }, 'skip-postgres': { type: 'boolean', default: false },
} });
const months = Number(values.months);
const subscribers = Number(values.subscribers);

async function measure(label: string, db: Database): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'development', SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', DATA_DIR: '/tmp/anx-bench-unused' }, '/tmp');
  const ctx = await createContext(config, pino({ level: 'silent' }), db);
  const r = await generateHistory(ctx, { months, subscribers, seed: 'bench', end: new Date('2026-11-15T12:00:00Z'), log: (line) => { if (line.includes('-01:') || line.includes('accounts')) console.log(`  ${line}`); } });
  const [n] = await db.query<Record<string, string>>(`SELECT (SELECT count(*) FROM subscribers)::text AS subscribers, (SELECT count(*) FROM invoices)::text AS invoices,
    (SELECT count(*) FROM payments)::text AS payments, (SELECT count(*) FROM radius_sessions)::text AS sessions, (SELECT count(*) FROM usage_hourly)::text AS usage_hourly,
    (SELECT count(*) FROM support_tickets)::text AS tickets, (SELECT count(*) FROM noc_metrics_1h)::text AS noc_hourly, (SELECT count(*) FROM audit_log)::text AS audit_rows`);
  const phases = Object.entries(r.phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
  console.log(`\n${label}: ${subscribers} subscriber accounts × ${months} months in ${(r.ms / 1000).toFixed(1)} s (${phases})`);
  console.log(`  rows: ${Object.entries(n!).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const i of r.isps) console.log(`  ${i.slug}: ${Object.entries(i.stats).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  await closeContext(ctx);
}

await onEachDatabase('anx_bench_history', measure, { pglite: Boolean(values['skip-pglite']), postgres: Boolean(values['skip-postgres']) });

