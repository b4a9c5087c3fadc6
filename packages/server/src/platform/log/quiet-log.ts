import type { Logger } from 'pino';

type Held<F> = { timer: NodeJS.Timeout; count: number; last: F | null };

/** The line that stands for the warnings held back in one interval. */
export type Summary<F> = (key: string, count: number, last: F, intervalSeconds: number) => [Record<string, unknown>, string];

/**
 * A warning that can come in floods (a NAS sending garbage, a payment gateway down): per key,
 * the first of a quiet period is logged at once, the rest of its interval in one summary line
 * with their count when the interval ends. A steady flood stays one line an interval; the key
 * is quiet again after an interval with none.
 */
export class QuietLog<F extends Record<string, unknown>> {
  private readonly held = new Map<string, Held<F>>();

  constructor(private readonly log: Pick<Logger, 'warn'>, private readonly intervalMs: number, private readonly summary: Summary<F>) {}

  warn(key: string, fields: F, msg: string): void {
    const h = this.held.get(key);
    if (h) {
      h.count += 1;
      h.last = fields;
      return;
    }
    this.log.warn(fields as Record<string, unknown>, msg);
    this.hold(key);
  }

  /** Logs what is still held; for a server that stops. */
  close(): void {
    for (const [key, h] of this.held) {
      clearTimeout(h.timer);
      this.flush(key, h);
    }
    this.held.clear();
  }

  private hold(key: string): void {
    const timer = setTimeout(() => {
      const h = this.held.get(key)!;
      this.held.delete(key);
      if (this.flush(key, h)) this.hold(key);
    }, this.intervalMs);
    timer.unref();
    this.held.set(key, { timer, count: 0, last: null });
  }

  private flush(key: string, h: Held<F>): boolean {
    if (h.count === 0 || !h.last) return false;
    const [fields, msg] = this.summary(key, h.count, h.last, this.intervalMs / 1000);
    this.log.warn(fields, msg);
    return true;
  }
}
