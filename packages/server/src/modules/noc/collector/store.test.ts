import { describe, expect, it } from 'vitest';
import { interfaceRates } from './store.ts';
import type { InterfaceSample } from './snmp-poll.ts';

const sample = (bits: 32 | 64, inOctets: bigint, outOctets: bigint, speedBps: number | null = 100_000_000): InterfaceSample => ({
  ifIndex: 1, name: 'ether1', alias: null, ifType: 6, mac: null, speedBps, adminStatus: 'up', operStatus: 'up', counterBits: bits,
  inOctets, outOctets, inErrors: 10n, outErrors: 0n, inDiscards: 0n, outDiscards: 0n,
});
const prev = (bits: 32 | 64, inOctets: bigint, outOctets: bigint) => ({
  id: 'i', ispId: 'x', deviceId: 'd', ifIndex: 1, name: 'ether1', alias: null, ifType: 6, mac: null, speedBps: 100_000_000, adminStatus: 'up', operStatus: 'up',
  counterBits: bits, lastInOctets: String(inOctets), lastOutOctets: String(outOctets), lastInErrors: '4', lastOutErrors: '0', lastInDiscards: '0', lastOutDiscards: '0',
  lastUptimeCs: 100_000, lastSampleAt: new Date(0), inBps: null, outBps: null, utilisationPercent: null, updatedAt: new Date(0),
});

describe('interface rates from two polls', () => {
  it('64-bit counters: bits per second in and out, utilisation of the faster direction, error rate', () => {
    const r = interfaceRates(prev(64, 1_000n, 0n), sample(64, 1_000n + 75_000_000n, 7_500_000n), 106_000, 60_000);
    expect(r.inBps).toBe(10_000_000);
    expect(r.outBps).toBe(1_000_000);
    expect(r.utilisation).toBe(10);
    expect(r.inErrors).toBe(0.1);
  });

  it('32-bit fallback: one wrap between polls is unwrapped', () => {
    const r = interfaceRates(prev(32, 2n ** 32n - 1_000n, 0n), sample(32, 74_999_000n, 0n), 106_000, 60_000);
    expect(r.inBps).toBe(10_000_000);
  });

  it('no rate when the counter width changed (the agent started or stopped exposing ifHC*)', () => {
    const r = interfaceRates(prev(32, 1_000n, 1_000n), sample(64, 5_000_000n, 5_000_000n), 106_000, 60_000);
    expect([r.inBps, r.outBps, r.utilisation]).toEqual([null, null, null]);
  });

  it('no rate after a reboot of the agent (sysUpTime went back)', () => {
    const r = interfaceRates(prev(64, 9_000_000n, 9_000_000n), sample(64, 1_000n, 1_000n), 3_000, 60_000);
    expect([r.inBps, r.outBps, r.inErrors]).toEqual([null, null, null]);
  });
});
