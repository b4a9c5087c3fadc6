import type { Counter } from 'prom-client';
import type { Logger } from 'pino';
import { QuietLog } from '../../../platform/log/quiet-log.ts';

/**
 * PostgreSQL text cannot hold U+0000: a NUL from a packet, written as it is, fails the statement
 * (and with it a whole batch of the post-auth log or of accounting). Shown as U+2400 (␀) instead,
 * which no NAS sends and an operator reads as what it was.
 */
export function withoutNul(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '\u2400') : s;
}

type Seen = { attribute: string; nas: string; from: string; detail: string };

/**
 * Attributes a NAS sent that cannot be read. Each one is counted (astranetix_radius_malformed_total),
 * but a flood of them must not fill the log: per attribute, the first in a quiet period is logged
 * at once, the rest of the interval in one line with their count when it ends.
 */
export class MalformedInput {
  private readonly quiet: QuietLog<Seen>;

  constructor(private readonly counter: Counter<'attribute'>, log: Logger, intervalMs = 60_000) {
    this.quiet = new QuietLog<Seen>(log, intervalMs, (attribute, count, last, seconds) => [
      { attribute, count, interval_s: seconds, last_nas: last.nas, last_from: last.from, last_detail: last.detail },
      `malformed RADIUS attribute: ${count} more Access-Reject(s) in ${seconds} s`,
    ]);
  }

  note(attribute: string, nas: string, from: string, detail: string): void {
    this.counter.inc({ attribute });
    this.quiet.warn(attribute, { attribute, nas, from, detail }, 'malformed RADIUS attribute: Access-Reject');
  }

  /** Logs what is still counted; for a server that stops. */
  close(): void {
    this.quiet.close();
  }
}
