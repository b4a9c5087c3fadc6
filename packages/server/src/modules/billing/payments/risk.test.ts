import { describe, expect, it } from 'vitest';
import { scoreRisk, type RiskSignals } from './risk.ts';

const quiet: RiskSignals = { amount: 2500, history: [2500, 2500, 2400, 2600], sameFingerprintLastHour: 1, subscribersOnFingerprint: 1, failuresLast24h: 0, payerCountry: 'DE', expectedCountry: 'DE' };

describe('scoreRisk', () => {
  it('a usual payment from a known card at home is low risk with no reasons', () => {
    expect(scoreRisk(quiet)).toEqual({ score: 0, level: 'low', reasons: [] });
  });

  it('each signal adds its reason', () => {
    expect(scoreRisk({ ...quiet, amount: 30_000 }).reasons.map((r) => r.code)).toEqual(['amount_outlier']);
    expect(scoreRisk({ ...quiet, amount: 30_000 }).reasons[0]!.points).toBe(40);
    expect(scoreRisk({ ...quiet, amount: 12_000 }).reasons[0]!.points).toBe(20);
    expect(scoreRisk({ ...quiet, payerCountry: 'ng' }).reasons).toEqual([{ code: 'country_mismatch', points: 30, detail: "payer's country NG differs from the subscriber's DE" }]);
    expect(scoreRisk({ ...quiet, sameFingerprintLastHour: 3 }).level).toBe('medium');
    expect(scoreRisk({ ...quiet, failuresLast24h: 5 }).reasons[0]).toMatchObject({ code: 'repeated_failures', points: 35 });
    expect(scoreRisk({ ...quiet, subscribersOnFingerprint: 4 }).reasons[0]!.code).toBe('shared_instrument');
    expect(scoreRisk({ ...quiet, history: [] }).reasons[0]!.code).toBe('no_history');
  });

  it('signals together make it high risk (held), capped at 100', () => {
    const bad = scoreRisk({ ...quiet, amount: 50_000, sameFingerprintLastHour: 7, subscribersOnFingerprint: 5, failuresLast24h: 6, payerCountry: 'US' });
    expect(bad.level).toBe('high');
    expect(bad.score).toBe(100);
    expect(bad.reasons).toHaveLength(5);
    expect(scoreRisk({ ...quiet, sameFingerprintLastHour: 3, payerCountry: 'US' })).toMatchObject({ score: 60, level: 'high' });
    // Unknown countries are no signal either way.
    expect(scoreRisk({ ...quiet, payerCountry: null }).score).toBe(0);
  });
});
