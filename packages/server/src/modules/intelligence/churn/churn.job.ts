import type { AppContext } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { startPeriodic } from '../../../platform/jobs/periodic.ts';
import { runChurnTraining } from './churn.service.ts';

/** Daily in the worker role: each ISP's model is retrained on the day's history and everyone rescored. */
export function startChurnJob(ctx: AppContext, everyMs = 24 * 60 * 60 * 1000): () => void {
  return startPeriodic(() => runChurnTraining(ctx, systemActor), everyMs, (err) => ctx.log.error({ err }, 'churn job failed'), true);
}
