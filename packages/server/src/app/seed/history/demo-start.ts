import type { Logger } from 'pino';
import type { AppContext } from '../../../platform/context.ts';
import { generateHistory } from './orchestrator.ts';

/**
 * The first `npm start`'s history: the demo ISP and two more ISPs get `months` of past,
 * written while the server already answers (it takes minutes on the embedded database; the
 * start itself stays as quick as before). Ends at the moment it starts; the seed is fixed, so
 * every fresh demo tells the same story relative to its first day.
 */
export async function writeDemoHistory(ctx: AppContext, size: { months: number; subscribers: number }, log: Logger, stopping: () => boolean, pause: () => Promise<void>): Promise<void> {
  try {
    await generateHistory(ctx, { ...size, seed: 'demo', end: new Date(), pause, log: (line) => { if (!stopping()) log.info(line); } });
  } catch (err) {
    if (stopping()) return;
    log.error({ err }, 'history: the demo history could not be written');
  }
}
