import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currency } from './currencies.ts';
import { convertBack, reverseAcross, settleAcross } from './exchange.ts';
import { convert } from './money.ts';

const pairs = [['JPY', 'USD', '0.0062'], ['USD', 'JPY', '151.235'], ['USD', 'BHD', '0.376'], ['BHD', 'USD', '2.6596'], ['JPY', 'BHD', '0.0025'], ['BHD', 'JPY', '402.1234']] as const;

describe('settling across currencies (JPY 0, USD 2, BHD 3 decimals)', () => {
  it('pays all of a payment that is worth less than the invoice', () => {
    // 1,000 JPY at 0.0062 = 6.20 USD on an invoice of 10.00 USD.
    expect(settleAcross(1000, 1000, 'JPY', 'USD', '0.0062')).toEqual({ paid: 1000, applied: 620 });
    // 5.00 USD at 0.376 = 1.880 BHD.
    expect(settleAcross(500, 5000, 'USD', 'BHD', '0.376')).toEqual({ paid: 500, applied: 1880 });
  });
  it('settles the invoice exactly and pays only what converts to it, rounded in the payment currency', () => {
    // 1.234 BHD owed; at 0.0025 BHD per yen that is 493.6 yen → 494 yen (half up).
    expect(settleAcross(10_000, 1234, 'JPY', 'BHD', '0.0025')).toEqual({ paid: 494, applied: 1234 });
    // 10.00 USD owed, paid in yen at 0.0062: 1612.9 → 1613 yen.
    expect(settleAcross(5000, 1000, 'JPY', 'USD', '0.0062')).toEqual({ paid: 1613, applied: 1000 });
    // 1,512 JPY owed, paid in USD at 151.235: 9.9976 → 10.00 USD.
    expect(settleAcross(2000, 1512, 'USD', 'JPY', '151.235')).toEqual({ paid: 1000, applied: 1512 });
    // 0.001 BHD owed, paid in yen: 0.4 yen would round to nothing; one yen is the least that pays it.
    expect(settleAcross(100, 1, 'JPY', 'BHD', '0.0025')).toEqual({ paid: 1, applied: 1 });
  });
  it('applies nothing for money worth less than half a unit of the invoice currency', () => {
    expect(settleAcross(1, 1000, 'BHD', 'JPY', '0.4')).toEqual({ paid: 0, applied: 0 });
  });
  it('in one currency is a plain minimum', () => {
    expect(settleAcross(700, 500, 'USD', 'USD', '1')).toEqual({ paid: 500, applied: 500 });
  });
  it('convertBack inverts convert within rounding', () => {
    expect(convertBack(620, 'JPY', 'USD', '0.0062')).toBe(1000);
    expect(convertBack(3760, 'USD', 'BHD', '0.376')).toBe(1000);
    expect(convertBack(1512, 'USD', 'JPY', '151.235')).toBe(1000);
  });
  it('never lets either side exceed what it has, and ends one of them', () => {
    fc.assert(fc.property(fc.constantFrom(...pairs), fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), ([from, to, rate], available, open) => {
      const s = settleAcross(available, open, from, to, rate);
      if (s.paid < 0 || s.paid > available || s.applied < 0 || s.applied > open) return false;
      if (s.applied === 0) return s.paid === 0 && convert(available, from, to, rate) === 0;
      if (s.paid !== available && s.applied !== open) return false;
      // The two sides are one conversion apart: within half a unit of `to` plus the value of one unit of `from`.
      const unit = convert(2 * 10 ** currency(from).exponent, from, to, rate) / 10 ** currency(from).exponent;
      return Math.abs(convert(s.paid, from, to, rate) - s.applied) <= 1 + unit;
    }));
  });
});

describe('reversing an allocation (refunds)', () => {
  it('returns exactly what was applied when all of it is taken back, and converts a part at the allocation rate', () => {
    expect(reverseAcross(1613, 1613, 1000, 'JPY', 'USD', '0.0062')).toEqual({ paid: 1613, applied: 1000 });
    expect(reverseAcross(500, 1613, 1000, 'JPY', 'USD', '0.0062')).toEqual({ paid: 500, applied: 310 });
    // Two partial refunds that add up to the whole give back exactly the whole.
    const first = reverseAcross(807, 1613, 1000, 'JPY', 'USD', '0.0062');
    const second = reverseAcross(806, 1613 - first.paid, 1000 - first.applied, 'JPY', 'USD', '0.0062');
    expect(first.applied + second.applied).toBe(1000);
  });
});
