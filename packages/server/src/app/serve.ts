import type { Logger } from 'pino';
import type { Config } from '../platform/config/config.ts';
import { buildApp } from './build-app.ts';
import { closeContext, createContext } from './create-context.ts';
import { OutboxRelay } from '../platform/events/outbox-relay.ts';
import { startAutoAnalyze } from '../platform/db/auto-analyze.ts';
import type { AppContext } from '../platform/context.ts';
import type { ModuleDefinition, ProcessRole, Running } from '../platform/module.ts';
import { modules } from './modules.ts';
import { assertNoDemoAccounts, demoAccountsPresent, demoLogins, hasAnyFounder, seedDemoData } from './seed/demo-data.ts';
import { writeDemoHistory } from './seed/history/demo-start.ts';
import { ForegroundGate } from '../platform/jobs/foreground-gate.ts';

/** `npm start`: migrate, seed on first start, listen, and stop cleanly on SIGINT/SIGTERM. */
export async function serve(config: Config, log: Logger): Promise<void> {
  const started = performance.now();
  const ctx = await createContext(config, log);
  let firstStart = false;
  if (config.env === 'production') await assertNoDemoAccounts(ctx);
  else if (!(await hasAnyFounder(ctx))) {
    log.info('First start: loading demo data');
    await seedDemoData(ctx);
    firstStart = true;
  }
  // The embedded database's stand-in for autovacuum's ANALYZE (nothing on PostgreSQL).
  const stopAnalyze = startAutoAnalyze(ctx.db, (err) => log.warn({ err }, 'ANALYZE of the embedded database failed'));
  const relay = new OutboxRelay(ctx.db, ctx.bus, log);
  // The jobs that act on "today" (dunning, the billing schedule, the metric rollups) wait while
  // the demo's history is written in the background: they would otherwise act on its past. So
  // does the event relay: the history's suspensions would reach the AAA engine while their
  // sessions are still open, and it would send Disconnects to NAS devices that do not exist.
  // Events of that time are kept in the outbox and relayed, in order, when it is done.
  const jobs: Running[] = [];
  let stopping = false;
  const startJobs = async () => {
    if (stopping) return;
    if (config.roles.has('worker')) relay.start();
    jobs.push(...(await startAll(ctx, config.roles, (m) => m.jobs)));
  };
  const history = firstStart && config.demoHistory && config.roles.has('worker') ? config.demoHistory : null;
  if (!history) await startJobs();
  const running = await startAll(ctx, config.roles, (m) => m.runners);
  // People's requests go first: the history waits while they are served.
  const foreground = new ForegroundGate();
  const app = await buildApp(ctx, { foreground });
  if (config.roles.has('api')) await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  const lines = [
    '',
    `AstraNetix is running (${ctx.db.kind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL'}${ctx.redis ? ' + Redis' : ''}) — ready in ${Math.round(performance.now() - started)} ms`,
    `  Web:      ${base}/`,
    `  Demo ISP: ${base}/t/demo-isp`,
    `  API docs: ${base}/docs`,
    `  Health:   ${base}/api/health    Metrics: ${base}/metrics`,
  ];
  for (const r of running) lines.push(...(r.banner ?? []));
  if (config.env !== 'production' && (await demoAccountsPresent(ctx)) > 0) {
    lines.push('  Demo logins:');
    for (const l of demoLogins) lines.push(`    ${l.portal.padEnd(15)} ${l.email.padEnd(28)} ${l.password}`);
  }
  if (history) lines.push(`  History:  writing ${history.months} months of the demo ISPs' past (${history.subscribers} subscribers) in the background; DEMO_HISTORY=off skips it`);
  console.log(lines.join('\n') + '\n');
  if (history) void writeDemoHistory(ctx, history, log, () => stopping, () => foreground.idle()).finally(() => void startJobs());

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopAnalyze();
    for (const j of jobs) await j.stop();
    await app.close();
    for (const r of [...running].reverse()) await r.stop();
    await relay.stop();
    await closeContext(ctx);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

type Starters = ModuleDefinition['runners'];

/** Starts, in the modules' order, what each module runs in the roles this process plays. */
async function startAll(ctx: AppContext, roles: ReadonlySet<string>, pick: (m: ModuleDefinition) => Starters): Promise<Running[]> {
  const started: Running[] = [];
  for (const role of ['worker', 'aaa', 'collector'] as const satisfies readonly ProcessRole[]) {
    if (!roles.has(role)) continue;
    for (const m of modules) {
      const start = pick(m)?.[role];
      if (start) started.push(await start(ctx));
    }
  }
  return started;
}
