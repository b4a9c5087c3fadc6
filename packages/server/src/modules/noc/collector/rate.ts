/**
 * Rates from SNMP counters. Pure functions: everything the collector decides about wraps,
 * resets and reboots is here, so it can be tested without an agent.
 */

export type CounterSample = {
  /** Counter value (Counter32 or Counter64), unsigned. */
  value: bigint;
  /** sysUpTime of the agent when sampled, in hundredths of a second; null if unknown. */
  uptimeCs: number | null;
  /** Wall clock of the sample, ms since the epoch. */
  at: number;
};

const TWO_32 = 2n ** 32n;
const UPTIME_WRAP_CS = 2 ** 32; // sysUpTime is a TimeTicks (unsigned 32-bit): it wraps after ~497 days.

/**
 * Seconds between two samples, or null when the agent restarted in between (its sysUpTime
 * went back without wrapping): the counters then restarted from zero and no rate exists.
 * sysUpTime measures on the agent's clock, so network delay does not skew the interval.
 */
export function elapsedSeconds(prev: CounterSample, cur: CounterSample): number | null {
  const wallS = (cur.at - prev.at) / 1000;
  if (prev.uptimeCs !== null && cur.uptimeCs !== null) {
    if (cur.uptimeCs >= prev.uptimeCs) {
      const s = (cur.uptimeCs - prev.uptimeCs) / 100;
      // An agent whose uptime advanced far less than the wall clock restarted and ran
      // longer than it was down before being polled again: treat it as a reboot.
      if (wallS > 0 && s < wallS / 2 - 5) return null;
      return s > 0 ? s : null;
    }
    // Back in time: a TimeTicks wrap only if the expected value crossed 2^32 and the wrap
    // lands where the wall clock says it should (within a minute); else the agent restarted.
    const expected = prev.uptimeCs + wallS * 100;
    if (expected >= UPTIME_WRAP_CS && Math.abs(expected - UPTIME_WRAP_CS - cur.uptimeCs) < 6000) {
      const s = (cur.uptimeCs + UPTIME_WRAP_CS - prev.uptimeCs) / 100;
      return s > 0 ? s : null;
    }
    return null;
  }
  return wallS > 0 ? wallS : null;
}

/**
 * Increase of a counter between two samples. A Counter32 that went back wrapped once
 * (2^32 - prev + cur) unless that increase is impossible (`maxDelta`, e.g. the link speed
 * over the interval), in which case it was reset; a Counter64 never wraps in practice
 * (centuries at 100 Gb/s), so going back means a reset (discontinuity): no value.
 */
export function counterDelta(prev: bigint, cur: bigint, bits: 32 | 64, maxDelta: bigint | null = null): bigint | null {
  if (cur >= prev) return cur - prev;
  if (bits === 64) return null;
  if (prev >= TWO_32 || cur >= TWO_32) return null;
  const wrapped = TWO_32 - prev + cur;
  if (maxDelta !== null && wrapped > maxDelta) return null;
  return wrapped;
}

/** Per-second rate of a counter, or null when no honest rate exists (first sample, reboot, reset). */
export function counterRate(prev: CounterSample | null, cur: CounterSample, bits: 32 | 64, opts: { maxPerSecond?: number } = {}): number | null {
  if (!prev) return null;
  const s = elapsedSeconds(prev, cur);
  if (s === null) return null;
  const maxDelta = opts.maxPerSecond !== undefined ? BigInt(Math.ceil(opts.maxPerSecond * s * 1.1)) : null;
  const d = counterDelta(prev.value, cur.value, bits, maxDelta);
  if (d === null) return null;
  return Number(d) / s;
}

/** Octet counters → bits per second; a 32-bit wrap is only believed if the link could carry it. */
export function octetsToBps(prev: CounterSample | null, cur: CounterSample, bits: 32 | 64, speedBps: number | null): number | null {
  const maxPerSecond = speedBps && speedBps > 0 ? speedBps / 8 : undefined;
  const r = counterRate(prev, cur, bits, maxPerSecond !== undefined ? { maxPerSecond } : {});
  return r === null ? null : r * 8;
}
