/**
 * Runs `job` every `everyMs` (and at once with `immediately`), never two runs at a time in
 * this process: a tick that finds the previous run still going is skipped, not queued. A
 * failure goes to `onError` and the next tick runs as usual. The timer does not keep the
 * process alive. Returns the stop function.
 */
export function startPeriodic(job: () => Promise<unknown>, everyMs: number, onError: (err: unknown) => void, immediately = false): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    job().catch(onError).finally(() => {
      running = false;
    });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  if (immediately) tick();
  return () => clearInterval(timer);
}
