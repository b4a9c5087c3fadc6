import type { Counter } from 'prom-client';
import type { Logger } from 'pino';

/**
 * PostgreSQL text cannot hold U+0000: a NUL from a packet, written as it is, fails the statement
 * (and with it a whole batch of the post-auth log or of accounting). Shown as U+2400 (␀) instead,
 * which no NAS sends and an operator reads as what it was.
 */
export function withoutNul(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '\u2400') : s;
}

type Quiet = { timer: NodeJS.Timeout; count: number; nas: string; from: string; detail: string };

/**
 * Attributes a NAS sent that cannot be read. Each one is counted (astranetix_radius_malformed_total),
 * but a flood of them must not fill the log: per attribute, the first in a quiet period is logged
 * at once, the rest of the interval in one line with their count when it ends.
 */
export class MalformedInput {
  /** Attributes in their interval after a logged line, with what came since. */
  private readonly muted = new Map<string, Quiet>();

  constructor(private readonly counter: Counter<'attribute'>, private readonly log: Logger, private readonly intervalMs = 60_000) {}

  note(attribute: string, nas: string, from: string, detail: string): void {
    this.counter.inc({ attribute });
    const m = this.muted.get(attribute);
    if (m) {
      m.count += 1;
      m.nas = nas;
      m.from = from;
      m.detail = detail;
      return;
    }
    this.log.warn({ attribute, nas, from, detail }, 'malformed RADIUS attribute: Access-Reject');
    this.mute(attribute);
  }

  /** Logs what is still counted; for a server that stops. */
  close(): void {
    for (const [attribute, m] of this.muted) {
      clearTimeout(m.timer);
      this.summary(attribute, m);
    }
    this.muted.clear();
  }

  private mute(attribute: string): void {
    const timer = setTimeout(() => {
      const m = this.muted.get(attribute)!;
      this.muted.delete(attribute);
      // Quiet again only after an interval without any: a steady flood stays one line an interval.
      if (this.summary(attribute, m)) this.mute(attribute);
    }, this.intervalMs);
    timer.unref();
    this.muted.set(attribute, { timer, count: 0, nas: '', from: '', detail: '' });
  }

  private summary(attribute: string, m: Quiet): boolean {
    if (m.count === 0) return false;
    const seconds = this.intervalMs / 1000;
    this.log.warn({ attribute, count: m.count, interval_s: seconds, last_nas: m.nas, last_from: m.from, last_detail: m.detail },
      `malformed RADIUS attribute: ${m.count} more Access-Reject(s) in ${seconds} s`);
    return true;
  }
}
