// Latency of GET /api/isp/{id}/subscribers?limit=50 with 100,000 subscribers, on PGlite and
// (when BENCH_DATABASE_URL is set, e.g. postgres://postgres@127.0.0.1:5432/postgres) on PostgreSQL.
//   npx tsx bench/subscribers-list.ts [--subscribers 100000] [--requests 300]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../packages/server/src/platform/config/config.ts';
import type { Database } from '../packages/server/src/platform/db/database.ts';
import { onEachDatabase } from './databases.ts';
import { closeContext, createContext } from '../packages/server/src/app/create-context.ts';
import { buildApp } from '../packages/server/src/app/build-app.ts';
import { benchSeed } from '../packages/server/src/app/seed/bench-seed.ts';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '100000' }, requests: { type: 'string', default: '300' } } });
const N = Number(values.subscribers);
const R = Number(values.requests);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function measure(label: string, db: Database): Promise<void> {
  const config = { ...loadConfig({ NODE_ENV: 'development', SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', DATA_DIR: '/tmp/anx-bench-unused' }, '/tmp') };
  const ctx = await createContext(config, pino({ level: 'silent' }), db);
  const t0 = performance.now();
  const seeded = await benchSeed(ctx, N);
  const seedMs = performance.now() - t0;
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo-isp.com', password: 'admin123' }) });
  const token = ((await login.json()) as { access_token: string }).access_token;
  const run = async (query: string) => {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < R + 20; i++) {
      const s = performance.now();
      const res = await fetch(`${base}/api/isp/${seeded.ispId}/subscribers?${query}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { total: number; items: unknown[] };
      if (res.status !== 200 || body.items.length === 0) throw new Error(`${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      total = body.total;
      if (i >= 20) times.push(performance.now() - s);
    }
    return { p50: pct(times, 50).toFixed(1), p99: pct(times, 99).toFixed(1), total };
  };
  const rows = [
    ['first page, newest first', 'limit=50'],
    ['page 1000 (offset 50,000)', `limit=50&offset=${Math.floor(N / 2)}`],
    ['sorted by last name', 'limit=50&sort=last_name'],
    ['search "user777"', 'limit=50&q=user777'],
    ['filter status=active', 'limit=50&status=active'],
  ];
  console.log(`\n${label}: ${seeded.total} subscribers (seeded in ${(seedMs / 1000).toFixed(1)} s), ${R} requests each, ms`);
  for (const [name, q] of rows) {
    const r = await run(q!);
    console.log(`  ${name!.padEnd(28)} p50 ${r.p50.padStart(6)}  p99 ${r.p99.padStart(6)}  (total ${r.total})`);
  }
  await app.close();
  await closeContext(ctx);
}

await onEachDatabase('anx_bench_list', measure);

