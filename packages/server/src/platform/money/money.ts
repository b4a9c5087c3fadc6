import { exponentOf } from './currencies.ts';
import { divRound, formatDecimal, parseDecimal, pow10, type Rounding } from './decimal.ts';

/**
 * The money engine: pure functions over integer minor units (cents, paise, fils, yen).
 *
 * Rounding rule of the whole billing module: each line's tax, conversion and proration is
 * rounded once, half-up (ties away from zero, so a credit note mirrors its invoice), per line;
 * invoice totals are sums of rounded lines and never rounded again. half_even is available
 * for ISPs whose regulator asks for it.
 */

const toSafe = (v: bigint): number => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('Amount out of range');
  return Number(v);
};

function assertMinor(amount: number): bigint {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Minor units must be a safe integer, got ${amount}`);
  return BigInt(amount);
}

/** "12.34" USD → 1234; "5" JPY → 5; "1.234" BHD → 1234. More decimals than the currency has is an error, not a rounding. */
export function toMinor(text: string, currencyCode: string): number {
  const exp = exponentOf(currencyCode);
  const d = parseDecimal(text);
  if (d.scale > exp) throw new RangeError(`${currencyCode} has ${exp} decimals; got ${text}`);
  return toSafe(d.digits * pow10(exp - d.scale));
}

/** 1234 USD → "12.34"; 5 JPY → "5"; 1234 BHD → "1.234". */
export function fromMinor(amount: number, currencyCode: string): string {
  return formatDecimal(assertMinor(amount), exponentOf(currencyCode));
}

/** Localised display ("₹1,180.00", "¥5", "BHD 1.234"), with the currency's own decimals. */
export function formatMoney(amount: number, currencyCode: string, locale = 'en'): string {
  const exp = exponentOf(currencyCode);
  let fmt: Intl.NumberFormat;
  try {
    fmt = new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode, minimumFractionDigits: exp, maximumFractionDigits: exp });
  } catch {
    // Codes Intl does not know (fund codes such as XSU) still print exactly.
    return `${currencyCode} ${fromMinor(amount, currencyCode)}`;
  }
  // Through a decimal string, so amounts beyond 2^53 / 10^exp never pass through a float.
  return fmt.format(fromMinor(amount, currencyCode) as unknown as number);
}

/** amount × percent / 100, e.g. percentOf(1000, "18") = 180; percent has up to 10 decimals. */
export function percentOf(amount: number, percent: string, mode: Rounding = 'half_up'): number {
  const r = parseDecimal(percent);
  return toSafe(divRound(assertMinor(amount) * r.digits, 100n * pow10(r.scale), mode));
}

/**
 * Converts minor units of `from` to minor units of `to` at `rate` (1 from = rate to), with
 * each currency's own exponent: 1000 JPY at 0.0062 USD/JPY → 620 cents.
 */
export function convert(amount: number, from: string, to: string, rate: string, mode: Rounding = 'half_up'): number {
  if (from === to) return amount;
  const r = parseDecimal(rate);
  if (r.digits <= 0n) throw new RangeError('An exchange rate must be positive');
  const shift = exponentOf(to) - exponentOf(from);
  const num = assertMinor(amount) * r.digits * (shift > 0 ? pow10(shift) : 1n);
  const den = pow10(r.scale) * (shift < 0 ? pow10(-shift) : 1n);
  return toSafe(divRound(num, den, mode));
}

/** amount × part / whole (pro-rating by days), rounded once. */
export function prorate(amount: number, part: number, whole: number, mode: Rounding = 'half_up'): number {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || whole <= 0 || part < 0) throw new RangeError('Bad proration ratio');
  return toSafe(divRound(assertMinor(amount) * BigInt(part), BigInt(whole), mode));
}

/**
 * Splits `amount` by `weights` so that the parts sum to exactly `amount` (largest remainder:
 * floor each share, then give the leftover units to the largest remainders, earliest first).
 * No minor unit is lost or invented.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) throw new RangeError('Nothing to allocate to');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('Weights must be non-negative integers');
  const total = weights.reduce((a, b) => a + BigInt(b), 0n);
  const a = assertMinor(amount);
  if (total === 0n) return allocate(amount, weights.map(() => 1));
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const shares = weights.map((w) => (abs * BigInt(w)) / total);
  const remainders = weights.map((w, i) => ({ i, r: (abs * BigInt(w)) % total }));
  let left = abs - shares.reduce((x, y) => x + y, 0n);
  remainders.sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.i - y.i));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map((s) => toSafe(negative ? -s : s));
}

export function sum(amounts: readonly number[]): number {
  return toSafe(amounts.reduce((a, b) => a + assertMinor(b), 0n));
}

/** "INR 1,180.00": the ISO code and a localised number, for documents whose fonts lack currency symbols. */
export function formatAmount(amount: number, currencyCode: string, locale = 'en'): string {
  const exp = exponentOf(currencyCode);
  const fmt = new Intl.NumberFormat(locale, { minimumFractionDigits: exp, maximumFractionDigits: exp });
  return `${currencyCode} ${fmt.format(fromMinor(amount, currencyCode) as unknown as number)}`;
}
