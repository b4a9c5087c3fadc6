/**
 * Lets background work step aside for people. On the embedded database every query runs on
 * the server's one thread, one at a time, so a long background job (the demo's history) and a
 * person's page share one queue: each request waited behind the job's transactions (6 s a
 * request, measured). The job asks `idle()` between its small units of work; it resolves once
 * no request is in flight and none has ended within the grace, so a page's burst of requests
 * runs as if the job were not there, and the job goes on when people pause. The grace (1 s)
 * covers the gaps inside one page's load: the HTML, then its script, then its API calls.
 */
export class ForegroundGate {
  private inFlight = 0;
  private lastEnd = 0;
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly graceMs = 1000, private readonly now: () => number = () => performance.now()) {}

  enter(): void {
    this.inFlight++;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.lastEnd = this.now();
    this.wake();
  }

  /** Resolves when people are idle (at once when nobody is there). */
  idle(): Promise<void> {
    if (this.quiet()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.wake();
    });
  }

  private quiet(): boolean {
    return this.inFlight === 0 && this.now() - this.lastEnd >= this.graceMs;
  }

  private wake(): void {
    if (this.timer || this.waiters.length === 0) return;
    if (this.quiet()) {
      const w = this.waiters;
      this.waiters = [];
      for (const resolve of w) resolve();
      return;
    }
    // Busy: look again after the grace (a request's end pushes lastEnd on, so this re-arms).
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, this.inFlight > 0 ? this.graceMs : Math.max(1, this.graceMs - (this.now() - this.lastEnd)));
    this.timer.unref();
  }
}
