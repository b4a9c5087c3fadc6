import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import type { Running } from '../../../platform/module.ts';
import { runAnomalyPass } from './anomaly-watch.ts';

const envSchema = z.object({ ANOMALY_INTERVAL_S: z.coerce.number().int().min(10).max(3600).default(60) });

/** The worker's timer: one anomaly pass every ANOMALY_INTERVAL_S (default 60 s), never two at once. */
export function startAnomalyJob(ctx: AppContext, env: NodeJS.ProcessEnv = process.env): Running {
  const { ANOMALY_INTERVAL_S: intervalS } = envSchema.parse(env);
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= runAnomalyPass(ctx)
      .catch((err: unknown) => ctx.log.error({ err }, 'anomaly pass failed'))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, intervalS * 1000);
  timer.unref();
  return { async stop() { clearInterval(timer); await running; } };
}
