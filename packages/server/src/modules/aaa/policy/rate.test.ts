import { describe, expect, it } from 'vitest';
import { currentRate, inNightWindow, localMinutes } from './rate.ts';
import type { AaaPlan } from './policy.ts';

const plan: AaaPlan = {
  id: 'p', downloadKbps: 50_000, uploadKbps: 10_000, burstDownloadKbps: null, burstUploadKbps: null, burstThresholdDownloadKbps: null,
  burstThresholdUploadKbps: null, burstTimeS: null, priority: null, minDownloadKbps: null, minUploadKbps: null, sessionTimeoutS: null,
  idleTimeoutS: null, interimIntervalS: 300, simultaneousUse: 1, fupDailyBytes: null, fupMonthlyBytes: 100, fupDownloadKbps: 1_000,
  fupUploadKbps: 500, framedPool: null, addressList: null, radiusReply: [], radiusCheck: [], nightDownloadKbps: 100_000, nightUploadKbps: 20_000,
  nightStart: '23:00:00', nightEnd: '07:00:00', ipPoolId: null, allowedNasGroup: null, loginTime: null,
};

describe('speed by time of day and quota', () => {
  it('reads local time in the ISP time zone', () => {
    const at = new Date('2026-11-25T18:00:00Z');
    expect(localMinutes(at, 'UTC')).toBe(18 * 60);
    expect(localMinutes(at, 'Asia/Kolkata')).toBe(23 * 60 + 30);
  });

  it('a night window that wraps midnight', () => {
    expect(inNightWindow(plan, new Date('2026-11-25T23:30:00Z'), 'UTC')).toBe(true);
    expect(inNightWindow(plan, new Date('2026-11-26T06:59:00Z'), 'UTC')).toBe(true);
    expect(inNightWindow(plan, new Date('2026-11-26T07:00:00Z'), 'UTC')).toBe(false);
    expect(inNightWindow(plan, new Date('2026-11-25T18:00:00Z'), 'Asia/Kolkata')).toBe(true);
  });

  it('fair use beats night, night beats day', () => {
    const noon = new Date('2026-11-25T12:00:00Z');
    const midnight = new Date('2026-11-25T23:59:00Z');
    expect(currentRate(plan, { dayBytes: 0, monthBytes: 0, packBytes: 0 }, noon, 'UTC').rate).toEqual({ downKbps: 50_000, upKbps: 10_000 });
    expect(currentRate(plan, { dayBytes: 0, monthBytes: 0, packBytes: 0 }, midnight, 'UTC')).toMatchObject({ night: true, rate: { downKbps: 100_000 } });
    expect(currentRate(plan, { dayBytes: 0, monthBytes: 100, packBytes: 0 }, midnight, 'UTC')).toMatchObject({ fup: true, period: 'monthly', rate: { downKbps: 1_000 } });
    expect(currentRate({ ...plan, fupDownloadKbps: null }, { dayBytes: 0, monthBytes: 100, packBytes: 0 }, noon, 'UTC')).toMatchObject({ exhausted: true });
  });

  it('a data pack raises the monthly quota, not the daily one', () => {
    const noon = new Date('2026-11-25T12:00:00Z');
    expect(currentRate(plan, { dayBytes: 0, monthBytes: 100, packBytes: 50 }, noon, 'UTC')).toMatchObject({ fup: false, rate: { downKbps: 50_000 } });
    expect(currentRate(plan, { dayBytes: 0, monthBytes: 150, packBytes: 50 }, noon, 'UTC')).toMatchObject({ fup: true, period: 'monthly' });
    expect(currentRate({ ...plan, fupMonthlyBytes: null, fupDailyBytes: 10 }, { dayBytes: 10, monthBytes: 10, packBytes: 1_000 }, noon, 'UTC')).toMatchObject({ fup: true, period: 'daily' });
  });
});
