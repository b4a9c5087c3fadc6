/**
 * Runs a FitJob in a worker thread and resolves with its result. The thread loads our
 * TypeScript through tsx, as the server itself does (`npm start` is `tsx src/main.ts`).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FitJob, FitResult } from './fit-and-score.ts';

// The thread loads tsx's loader itself (a Worker's execArgv cannot register ESM hooks on Node 20),
// from its ESM build: the CommonJS one registers its hooks by a path that does not exist.
const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const entry = new URL('./fit.thread.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;

type Reply = { ok: true; result: FitResult } | { ok: false; message: string };

export function fitInThread(job: FitJob): Promise<FitResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (reply: Reply) => settle(() => (reply.ok ? resolve(reply.result) : reject(new Error(reply.message)))));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`churn fitting thread exited with code ${code} before answering`))));
    worker.postMessage(job);
  });
}
