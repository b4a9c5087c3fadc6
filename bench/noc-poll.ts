// CPU cost of the NOC collector: polling 2,000 interfaces every minute must stay under 20 % of
// one core. Real Net-SNMP agents (Debian snmpd) on loopback; this machine exposes only a few
// interfaces per agent, so 2,000 interfaces means many small devices (pessimistic: the
// per-device overhead — system GET, probes, HOST-RESOURCES walk, one DB transaction — is paid
// per ~4 interfaces instead of per 24 or 48 as on a real switch).
//
// Measures process.cpuUsage() (user + system) of this process — collector and, on PGlite, the
// embedded database too — over full poll cycles of every device (each cycle is what one
// minute of polling costs), after a warm-up cycle; CPU % of one core = CPU seconds per cycle / 60 s.
//   npx tsx bench/noc-poll.ts [--interfaces 2000] [--agents 4] [--cycles 3]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/noc-poll.ts
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../packages/server/src/platform/config/config.ts';
import { openPglite, type Database } from '../packages/server/src/platform/db/database.ts';
import { scratchPostgres } from '../packages/server/src/test/scratch-database.ts';
import { closeContext, createContext } from '../packages/server/src/app/create-context.ts';
import { platformScope, rows, withScope } from '../packages/server/src/platform/db/scope.ts';
import { systemActor } from '../packages/server/src/platform/auth/actor.ts';
import { createIspBody } from '../packages/server/src/modules/tenancy/index.ts';
import { createIsp } from '../packages/server/src/modules/identity/index.ts';
import { Collector, createDevice, createDeviceBody, openSnmp, readInterfaces } from '../packages/server/src/modules/noc/index.ts';
import { startSnmpd, type Snmpd } from '../packages/server/src/test/snmpd.ts';

const { values } = parseArgs({ options: { interfaces: { type: 'string', default: '2000' }, agents: { type: 'string', default: '4' }, cycles: { type: 'string', default: '3' } } });
const TARGET = Number(values.interfaces);
const AGENTS = Number(values.agents);
const CYCLES = Number(values.cycles);

async function database(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { db: await openPglite(null), label: 'PGlite (embedded, in this process)', drop: async () => undefined };
  const { db, drop } = await scratchPostgres(url, 'anx_nocbench', 10);
  return { db, label: 'PostgreSQL (separate server process, its CPU not counted)', drop };
}

const agents: Snmpd[] = [];
const { db, label, drop } = await database();
try {
  for (let i = 0; i < AGENTS; i++) agents.push(await startSnmpd());
  const probe = openSnmp({ host: '127.0.0.1', port: agents[0]!.port, timeoutMs: 1000, retries: 1, version: 'v2c', community: 'public' });
  const perAgent = (await readInterfaces(probe))!.length;
  probe.close();
  const devices = Math.ceil(TARGET / perAgent);

  const config = loadConfig({ NODE_ENV: 'development', SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', DATA_DIR: '/tmp/anx-bench-unused' }, '/tmp');
  const ctx = await createContext(config, pino({ level: 'silent' }), db);
  const isp = await createIsp(ctx, systemActor, createIspBody.parse({ slug: 'noc-bench', display_name: 'NOC bench', currency: 'EUR', admin: { email: 'admin@noc-bench.test', name: 'Admin', password: 'bench-password-1' } }), { demo: true });
  for (let i = 0; i < devices; i++) {
    await createDevice(ctx, { actor: systemActor, scope: platformScope, ispId: isp.id }, createDeviceBody.parse({
      name: `dev-${i}`, mgmt_ip: '127.0.0.1', snmp_version: 'v2c', snmp_port: agents[i % AGENTS]!.port, snmp_community: 'public', poll_interval_s: 60,
    }));
  }
  const collector = new Collector(ctx, { tickMs: 3_600_000, rollupEveryMs: 3_600_000 });

  /** One full cycle: every device due, claimed by the scheduler in batches of `pollConcurrency`, polled and stored. */
  const cycle = async () => {
    await withScope(db, platformScope, (tx) => tx.execute(sql`UPDATE noc_devices SET last_polled_at = now() - interval '1 hour'`));
    const wall = performance.now();
    const cpu = process.cpuUsage();
    let claimed = 0;
    while (claimed < devices) {
      const n = await collector.tick();
      claimed += n;
      if (n === 0) await new Promise((r) => setTimeout(r, 2));
    }
    await collector.idle();
    const used = process.cpuUsage(cpu);
    return { cpuS: (used.user + used.system) / 1e6, wallS: (performance.now() - wall) / 1000 };
  };

  console.log(`\nNOC collector, ${label}`);
  console.log(`${devices} devices × ${perAgent} interfaces = ${devices * perAgent} interfaces, on ${AGENTS} snmpd agents (127.0.0.1), concurrency ${config.noc.pollConcurrency}, ${cpus().length} cores`);
  const warm = await cycle();
  console.log(`  warm-up cycle (first samples, no rates): ${warm.cpuS.toFixed(2)} s CPU, ${warm.wallS.toFixed(2)} s wall`);
  const results = [];
  for (let i = 0; i < CYCLES; i++) {
    const r = await cycle();
    results.push(r);
    console.log(`  cycle ${i + 1}: ${r.cpuS.toFixed(2)} s CPU, ${r.wallS.toFixed(2)} s wall → ${(100 * r.cpuS / 60).toFixed(1)} % of one core at one cycle per minute`);
  }
  const mean = results.reduce((a, r) => a + r.cpuS, 0) / results.length;
  const [counts] = await withScope(db, platformScope, (tx) => rows<{ up: number; metrics: number }>(tx,
    sql`SELECT (SELECT count(*)::int FROM noc_devices WHERE status = 'up') AS up, (SELECT count(*)::int FROM noc_metrics_raw) AS metrics`));
  console.log(`  mean: ${mean.toFixed(2)} s CPU per cycle = ${(100 * mean / 60).toFixed(1)} % of one core (target < 20 %); devices up ${counts!.up}/${devices}, raw metric rows ${counts!.metrics}`);
  console.log(`  polls ${collector.polls}, failed ${collector.failures}`);
  await collector.stop();
  await closeContext(ctx);
} finally {
  for (const a of agents) await a.stop();
  await drop();
}
