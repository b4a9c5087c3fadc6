/** Worker-thread entry: one FitJob in, one FitResult (or the error's message) out. */
import { parentPort } from 'node:worker_threads';
import { fitAndScore, type FitJob } from './fit-and-score.ts';

parentPort?.once('message', (job: FitJob) => {
  try {
    parentPort!.postMessage({ ok: true, result: fitAndScore(job) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
