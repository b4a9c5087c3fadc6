import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currency, currencyCodes } from './currencies.ts';
import { divRound } from './decimal.ts';
import { allocate, convert, formatMoney, fromMinor, percentOf, prorate, sum, toMinor } from './money.ts';

const anyCurrency = fc.constantFrom(...currencyCodes);
const minor = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

describe('currencies', () => {
  it('knows every ISO 4217 currency with its own exponent', () => {
    expect(currencyCodes.length).toBeGreaterThanOrEqual(140);
    expect(currency('JPY').exponent).toBe(0);
    expect(currency('USD').exponent).toBe(2);
    expect(currency('INR').exponent).toBe(2);
    expect(currency('BHD').exponent).toBe(3);
    expect(currency('KWD').exponent).toBe(3);
    expect(currency('CLF').exponent).toBe(4);
    expect(() => currency('XXQ')).toThrow(/Unknown/);
  });
});

describe('rounding rule', () => {
  it('half_up rounds ties away from zero; half_even to the even neighbour', () => {
    expect(divRound(5n, 2n, 'half_up')).toBe(3n);
    expect(divRound(-5n, 2n, 'half_up')).toBe(-3n);
    expect(divRound(5n, 2n, 'half_even')).toBe(2n);
    expect(divRound(7n, 2n, 'half_even')).toBe(4n);
    expect(divRound(-5n, 2n, 'half_even')).toBe(-2n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(divRound(5n, 3n)).toBe(2n);
  });
  it('tax on a line: 18% of 0.25 INR is 0.045 → 0.05 (half up), 0.04 (half even)', () => {
    expect(percentOf(25, '18')).toBe(5);
    expect(percentOf(25, '18', 'half_even')).toBe(4);
    expect(percentOf(-25, '18')).toBe(-5);
  });
  it('rounding differs from the exact value by at most half a minor unit', () => {
    fc.assert(fc.property(minor, fc.integer({ min: 0, max: 1_000_000 }), (amount, rate4) => {
      const rate = `${Math.floor(rate4 / 10000)}.${String(rate4 % 10000).padStart(4, '0')}`;
      const exact = (BigInt(amount) * BigInt(rate4)); // × 10^-6
      const got = BigInt(percentOf(amount, rate)) * 1_000_000n;
      const diff = got - exact;
      return (diff < 0n ? -diff : diff) * 2n <= 1_000_000n;
    }));
  });
});

describe('parsing and formatting', () => {
  it('uses each currency exponent', () => {
    expect(toMinor('12.34', 'USD')).toBe(1234);
    expect(toMinor('5', 'JPY')).toBe(5);
    expect(toMinor('1.234', 'BHD')).toBe(1234);
    expect(() => toMinor('1.5', 'JPY')).toThrow(/0 decimals/);
    expect(fromMinor(-5, 'USD')).toBe('-0.05');
    expect(formatMoney(118000, 'INR', 'en-IN')).toBe('₹1,180.00');
    expect(formatMoney(5, 'JPY', 'en')).toBe('¥5');
    expect(formatMoney(1234, 'BHD', 'en')).toMatch(/1\.234/);
  });
  it('fromMinor and toMinor round-trip in every currency', () => {
    fc.assert(fc.property(anyCurrency, minor, (code, amount) => toMinor(fromMinor(amount, code), code) === amount));
  });
  it('formats every currency with its own number of decimals', () => {
    for (const code of currencyCodes) {
      const text = formatMoney(123456789, code, 'en');
      const exp = currency(code).exponent;
      const digits = text.replace(/[^0-9]/g, '');
      expect(digits, `${code}: ${text}`).toBe('123456789');
      if (exp > 0) expect(text, code).toMatch(new RegExp(`[.,]\\d{${exp}}(?!\\d)`));
    }
  });
});

describe('allocation', () => {
  it('never loses or invents a minor unit', () => {
    fc.assert(fc.property(minor, fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }), (amount, weights) => {
      const parts = allocate(amount, weights);
      if (sum(parts) !== amount || parts.length !== weights.length) return false;
      const total = weights.reduce((a, b) => a + b, 0);
      // Each share is within one unit of its exact share.
      return total === 0 || parts.every((p, i) => Math.abs(p - (amount * weights[i]!) / total) < 1 + 1e-6 * Math.abs(amount));
    }));
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
  });
});

describe('conversion', () => {
  it('moves between exponents: JPY → USD, USD → BHD', () => {
    expect(convert(1000, 'JPY', 'USD', '0.0062')).toBe(620);
    expect(convert(1000, 'USD', 'BHD', '0.376')).toBe(3760);
    expect(convert(1000, 'USD', 'JPY', '151.235')).toBe(1512);
    expect(convert(1000, 'EUR', 'EUR', '2')).toBe(1000);
  });
  it('refuses a result beyond the safe integer range instead of rounding it', () => {
    expect(() => convert(1_000_000_000, 'XSU', 'UYW', '9000.5')).toThrow();
  });
  it('is within half a minor unit of the exact value over many currency pairs', () => {
    fc.assert(fc.property(anyCurrency, anyCurrency, fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 1, max: 10_000_000_000 }), (from, to, amount, rate6) => {
      if (from === to) return true;
      const rate = `${Math.floor(rate6 / 1e6)}.${String(rate6 % 1e6).padStart(6, '0')}`;
      const shift = currency(to).exponent - currency(from).exponent;
      // exact = amount × rate6 / 10^6 × 10^shift; compare scaled by 10^6 × 10^max(0,-shift).
      const den = 10n ** 6n * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
      const exactNum = BigInt(amount) * BigInt(rate6) * (shift > 0 ? 10n ** BigInt(shift) : 1n);
      // Results beyond 2^53 minor units are refused (tested below), not rounded.
      fc.pre(exactNum / den < BigInt(Number.MAX_SAFE_INTEGER) - 1n);
      const got = BigInt(convert(amount, from, to, rate));
      const diff = got * den - exactNum;
      return (diff < 0n ? -diff : diff) * 2n <= den;
    }));
  });
});

describe('proration', () => {
  it('charges the used days of a period', () => {
    expect(prorate(3000, 15, 30)).toBe(1500);
    expect(prorate(1000, 1, 3)).toBe(333);
    expect(prorate(1000, 2, 3)).toBe(667);
    expect(() => prorate(1000, 1, 0)).toThrow();
  });
});
