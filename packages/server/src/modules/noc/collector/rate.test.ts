import { describe, expect, it } from 'vitest';
import { counterDelta, counterRate, elapsedSeconds, octetsToBps, type CounterSample } from './rate.ts';

const s = (value: bigint, uptimeCs: number | null, at: number): CounterSample => ({ value, uptimeCs, at });

describe('counter rates', () => {
  it('computes bits per second from the agent uptime interval', () => {
    // 60 s on the agent's clock, 750,000,000 octets → 100 Mb/s, though the wall clock says 61 s.
    expect(octetsToBps(s(1_000n, 10_000, 0), s(750_001_000n, 16_000, 61_000), 64, 1e9)).toBe(100_000_000);
  });

  it('falls back to the wall clock without sysUpTime', () => {
    expect(counterRate(s(0n, null, 0), s(500n, null, 10_000), 64)).toBe(50);
  });

  it('has no rate for the first sample or a zero interval', () => {
    expect(counterRate(null, s(5n, 100, 0), 64)).toBeNull();
    expect(counterRate(s(5n, 100, 0), s(10n, 100, 0), 64)).toBeNull();
  });

  it('unwraps a Counter32 that wrapped once', () => {
    const prev = 2n ** 32n - 1000n;
    expect(counterDelta(prev, 500n, 32)).toBe(1500n);
    expect(octetsToBps(s(prev, 0, 0), s(500n, 1000, 10_000), 32, 1e9)).toBe(1500 * 8 / 10);
  });

  it('treats an impossible Counter32 wrap as a reset (more than the link could carry)', () => {
    // Back by 10 octets on a 10 Mb/s link in 10 s: a wrap would mean ~4 GB, i.e. a reset.
    expect(octetsToBps(s(1_000_000n, 0, 0), s(999_990n, 1000, 10_000), 32, 10_000_000)).toBeNull();
  });

  it('never unwraps a Counter64: going back is a discontinuity, never a negative or huge rate', () => {
    expect(counterDelta(2n ** 64n - 10n, 5n, 64)).toBeNull();
    expect(counterRate(s(10_000n, 100, 0), s(50n, 6100, 60_000), 64)).toBeNull();
  });

  it('handles full 64-bit values without precision loss in the delta', () => {
    const prev = 2n ** 63n + 12345n;
    expect(counterDelta(prev, prev + 8n, 64)).toBe(8n);
  });

  it('gives no rate across an agent reboot (sysUpTime went back)', () => {
    expect(elapsedSeconds(s(0n, 500_000, 0), s(0n, 1_000, 60_000))).toBeNull();
    expect(counterRate(s(900_000n, 500_000, 0), s(1_000n, 1_000, 60_000), 64)).toBeNull();
    expect(counterRate(s(900_000n, 500_000, 0), s(1_000_000n, 1_000, 60_000), 64)).toBeNull();
  });

  it('gives no rate when the agent rebooted and ran past the old uptime before the next poll', () => {
    // 10 minutes passed but the agent's uptime advanced by only 2 s.
    expect(elapsedSeconds(s(0n, 3_000, 0), s(0n, 3_200, 600_000))).toBeNull();
  });

  it('follows a sysUpTime wrap after 497 days instead of calling it a reboot', () => {
    const prevUptime = 2 ** 32 - 3_000; // 30 s before the wrap
    expect(elapsedSeconds(s(0n, prevUptime, 0), s(0n, 3_000, 60_000))).toBe(60);
  });
});
