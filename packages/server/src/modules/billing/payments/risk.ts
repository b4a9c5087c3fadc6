import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { rows } from '../../../platform/db/scope.ts';
import type { RiskLevel, RiskReason } from './schema.ts';

/** What is known about a payment and its payer when it arrives; gathered from the database. */
export type RiskSignals = {
  amount: number;
  /** Succeeded payments of this subscriber in this currency before this one (minor units). */
  history: number[];
  /** Payments with the same card / payer account in the last hour, and across how many subscribers. */
  sameFingerprintLastHour: number;
  subscribersOnFingerprint: number;
  /** Failed payments of this subscriber in the last 24 hours. */
  failuresLast24h: number;
  payerCountry: string | null;
  /** Where the subscriber is billed (billing profile), else the ISP's country. */
  expectedCountry: string | null;
};

export type RiskAssessment = { score: number; level: RiskLevel; reasons: RiskReason[] };

/** At or above: held for review. */
export const HIGH_RISK = 60;
const MEDIUM_RISK = 30;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Rule-based score, 0..100, with the reason for every point so that a reviewer sees why a
 * payment was held. Pure: the same signals always give the same answer.
 */
export function scoreRisk(s: RiskSignals): RiskAssessment {
  const reasons: RiskReason[] = [];
  if (s.sameFingerprintLastHour >= 3)
    reasons.push({ code: 'velocity', points: s.sameFingerprintLastHour >= 6 ? 45 : 30, detail: `${s.sameFingerprintLastHour} payments with the same card or account in the last hour` });
  if (s.subscribersOnFingerprint >= 3)
    reasons.push({ code: 'shared_instrument', points: 25, detail: `the same card or account paid for ${s.subscribersOnFingerprint} different subscribers` });
  if (s.history.length >= 3) {
    const med = median(s.history);
    const ratio = med > 0 ? s.amount / med : 0;
    if (ratio >= 10) reasons.push({ code: 'amount_outlier', points: 40, detail: `amount is ${ratio.toFixed(1)}× the subscriber's median payment` });
    else if (ratio >= 4) reasons.push({ code: 'amount_outlier', points: 20, detail: `amount is ${ratio.toFixed(1)}× the subscriber's median payment` });
  } else if (s.history.length === 0 && s.amount > 0) {
    // A first payment is normal; it only adds a little on top of other signals.
    reasons.push({ code: 'no_history', points: 5, detail: 'first payment of this subscriber' });
  }
  if (s.payerCountry && s.expectedCountry && s.payerCountry.toUpperCase() !== s.expectedCountry.toUpperCase())
    reasons.push({ code: 'country_mismatch', points: 30, detail: `payer's country ${s.payerCountry.toUpperCase()} differs from the subscriber's ${s.expectedCountry.toUpperCase()}` });
  if (s.failuresLast24h >= 3)
    reasons.push({ code: 'repeated_failures', points: s.failuresLast24h >= 5 ? 35 : 25, detail: `${s.failuresLast24h} failed payments in the last 24 hours` });
  const score = Math.min(100, reasons.reduce((a, r) => a + r.points, 0));
  const level: RiskLevel = score >= HIGH_RISK ? 'high' : score >= MEDIUM_RISK ? 'medium' : 'low';
  return { score, level, reasons };
}

/** Reads the signals for a payment about to be recorded, inside its transaction. */
export async function gatherRiskSignals(tx: Tx, p: { ispId: string; subscriberId: string; amount: number; currency: string; payerFingerprint: string | null; payerCountry: string | null }): Promise<RiskSignals> {
  const [r] = await rows<{ history: string[] | null; same: number; subs: number; failures: number; expected: string | null }>(tx, sql`
    SELECT
      (SELECT array_agg(amount::text) FROM (SELECT amount FROM payments WHERE subscriber_id = ${p.subscriberId} AND currency = ${p.currency}
         AND status IN ('succeeded', 'partially_refunded', 'refunded') ORDER BY received_at DESC LIMIT 24) h) AS history,
      (SELECT count(*)::int FROM payments WHERE isp_id = ${p.ispId} AND payer_fingerprint = ${p.payerFingerprint}
         AND received_at > now() - interval '1 hour') AS same,
      (SELECT count(DISTINCT subscriber_id)::int FROM payments WHERE isp_id = ${p.ispId} AND payer_fingerprint = ${p.payerFingerprint}
         AND subscriber_id <> ${p.subscriberId} AND received_at > now() - interval '30 days') AS subs,
      (SELECT count(*)::int FROM payments WHERE subscriber_id = ${p.subscriberId} AND status = 'failed'
         AND received_at > now() - interval '24 hours') AS failures,
      coalesce((SELECT country FROM billing_profiles WHERE subscriber_id = ${p.subscriberId}),
               (SELECT country FROM billing_settings WHERE isp_id = ${p.ispId})) AS expected`);
  const fp = p.payerFingerprint !== null;
  return {
    amount: p.amount,
    history: (r?.history ?? []).map(Number),
    // This payment counts too: three in an hour means this is the third.
    sameFingerprintLastHour: fp ? (r?.same ?? 0) + 1 : 0,
    subscribersOnFingerprint: fp ? (r?.subs ?? 0) + 1 : 0,
    failuresLast24h: r?.failures ?? 0,
    payerCountry: p.payerCountry,
    expectedCountry: r?.expected?.trim() ?? null,
  };
}
