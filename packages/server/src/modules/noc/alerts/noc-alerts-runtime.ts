import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { LogIngest } from '../logs/log-ingest.ts';
import { pruneLogs } from '../logs/logs.service.ts';
import { SyslogReceiver } from '../logs/syslog-receiver.ts';
import { TrapReceiver } from '../logs/trap-receiver.ts';
import { checkSlas } from '../sla/sla.service.ts';
import { evaluateAlerts } from './alert-evaluator.ts';
import { runEscalations } from './escalation.service.ts';

/** Ports above 1024 by default, so an unprivileged process can listen; 0 picks a free port (tests). */
const envSchema = z.object({
  SYSLOG_PORT: z.coerce.number().int().min(0).max(65535).default(5514),
  SNMP_TRAP_PORT: z.coerce.number().int().min(0).max(65535).default(1162),
  NOC_LISTEN_HOST: z.string().optional(),
  NOC_EVALUATE_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(30),
  NOC_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});
export type NocAlertsOptions = { host: string; syslogPort: number; trapPort: number; intervalS: number; logRetentionDays?: number };

export function nocAlertsOptions(env: NodeJS.ProcessEnv, defaultHost: string): NocAlertsOptions {
  const e = envSchema.parse(env);
  return { host: e.NOC_LISTEN_HOST ?? defaultHost, syslogPort: e.SYSLOG_PORT, trapPort: e.SNMP_TRAP_PORT, intervalS: e.NOC_EVALUATE_INTERVAL_S, logRetentionDays: e.NOC_LOG_RETENTION_DAYS };
}

export type NocAlertsRuntime = {
  ingest: LogIngest;
  ports: { syslog: number; trap: number };
  /** One evaluation pass (rules, escalations, SLA breaches) now, as the timer would. */
  tick(now?: Date): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Part of the `collector` role: the syslog and trap receivers, and the periodic jobs that
 * evaluate alert rules, escalate incidents and detect SLA breaches.
 */
export async function startNocAlerts(ctx: AppContext, opts: NocAlertsOptions): Promise<NocAlertsRuntime> {
  const ingest = new LogIngest(ctx);
  await ingest.start();
  const onError = (err: unknown) => ctx.log.debug({ err }, 'NOC receiver dropped input');
  const syslog = new SyslogReceiver((m) => ingest.syslog(m), onError);
  const traps = new TrapReceiver((t) => ingest.trap(t), onError);
  const { udpPort } = await syslog.start(opts.host, opts.syslogPort);
  const trapPort = await traps.start(opts.host, opts.trapPort);
  ctx.log.info({ syslog: udpPort, traps: trapPort }, 'NOC receivers listening');

  let running: Promise<void> | null = null;
  let prunedAt = 0;
  const tick = (now?: Date) => {
    // One pass at a time; a slow pass makes the next timer tick wait instead of piling up.
    running ??= (async () => {
      await evaluateAlerts(ctx, now);
      await runEscalations(ctx, now);
      await checkSlas(ctx, now);
      // Syslog and traps are kept for NOC_LOG_RETENTION_DAYS (default 30); pruned once an hour.
      if (Date.now() - prunedAt > 3600_000) {
        prunedAt = Date.now();
        await pruneLogs(ctx, opts.logRetentionDays ?? 30);
      }
    })().catch((err: unknown) => ctx.log.error({ err }, 'NOC evaluation failed')).finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(() => void tick(), opts.intervalS * 1000);
  timer.unref();
  return {
    ingest, ports: { syslog: udpPort, trap: trapPort }, tick,
    async stop() {
      clearInterval(timer);
      await syslog.stop();
      await traps.stop();
      await ingest.stop();
      await running;
    },
  };
}
