import type { Logger } from 'pino';
import type { Config } from '../platform/config/config.ts';
import { buildApp } from './build-app.ts';
import { closeContext, createContext } from './create-context.ts';
import { OutboxRelay } from '../platform/events/outbox-relay.ts';
import { startAaa } from '../modules/aaa/aaa-runtime.ts';
import { startCollector } from '../modules/noc/collector/collector.ts';
import { nocAlertsOptions, startNocAlerts } from '../modules/noc/alerts/noc-alerts-runtime.ts';
import { startAutoAnalyze } from '../platform/db/auto-analyze.ts';
import { startDunningJob } from '../modules/billing/payments/dunning.service.ts';
import { startBillingScheduler } from '../modules/billing/billing-schedule.service.ts';
import { assertNoDemoAccounts, demoAccountsPresent, demoLogins, hasAnyFounder, seedDemoData } from './seed/demo-data.ts';
import type { Collector } from '../modules/noc/collector/collector.ts';
import { writeDemoHistory } from './seed/history/demo-start.ts';

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
  let stopDunning = () => undefined as void;
  let stopBillingSchedule = () => undefined as void;
  let collector: Collector | null = null;
  let stopping = false;
  const startJobs = async () => {
    if (stopping) return;
    if (config.roles.has('worker')) {
      relay.start();
      stopDunning = startDunningJob(ctx);
      stopBillingSchedule = startBillingScheduler(ctx);
    }
    if (config.roles.has('collector')) collector = await startCollector(ctx);
  };
  const history = firstStart && config.demoHistory && config.roles.has('worker') ? config.demoHistory : null;
  if (!history) await startJobs();
  const aaa = config.roles.has('aaa') ? await startAaa(ctx, ctx.bus, config.radius) : null;
  const nocAlerts = config.roles.has('collector') ? await startNocAlerts(ctx, nocAlertsOptions(process.env, config.host)) : null;
  const app = await buildApp(ctx);
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
  if (nocAlerts) lines.push(`  NOC:      syslog udp+tcp ${config.host}:${nocAlerts.ports.syslog}, SNMP traps udp ${config.host}:${nocAlerts.ports.trap}`);
  if (aaa) lines.push(`  RADIUS:   auth ${config.radius.host}:${aaa.ports.authPort}, accounting ${config.radius.host}:${aaa.ports.acctPort}`);
  if (config.env !== 'production' && (await demoAccountsPresent(ctx)) > 0) {
    lines.push('  Demo logins:');
    for (const l of demoLogins) lines.push(`    ${l.portal.padEnd(15)} ${l.email.padEnd(28)} ${l.password}`);
  }
  if (history) lines.push(`  History:  writing ${history.months} months of the demo ISPs' past (${history.subscribers} subscribers) in the background; DEMO_HISTORY=off skips it`);
  console.log(lines.join('\n') + '\n');
  if (history) void writeDemoHistory(ctx, history, log, () => stopping).finally(() => void startJobs());

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopDunning();
    stopAnalyze();
    stopBillingSchedule();
    await app.close();
    await aaa?.stop();
    await collector?.stop();
    await nocAlerts?.stop();
    await relay.stop();
    await closeContext(ctx);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
