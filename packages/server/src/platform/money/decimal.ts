/**
 * Exact decimal arithmetic on bigint for money: amounts are integer minor units, rates are
 * decimal strings ("18.0000", "1.0834", "0.00725"), and every division rounds once, by a
 * stated rule. Nothing here touches a float.
 */

export type Rounding = 'half_up' | 'half_even';

/** A decimal string as value = digits / 10^scale. */
export type Decimal = { digits: bigint; scale: number };

const decimalPattern = /^([+-])?(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: string): Decimal {
  const m = decimalPattern.exec(text.trim());
  if (!m) throw new RangeError(`Not a decimal number: ${text}`);
  const frac = m[3] ?? '';
  const digits = BigInt(`${m[2]}${frac}`);
  return { digits: m[1] === '-' ? -digits : digits, scale: frac.length };
}

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

/**
 * numerator / denominator rounded to an integer.
 * half_up: ties away from zero (commercial rounding, symmetric for credits);
 * half_even: ties to the even neighbour (banker's rounding).
 */
export function divRound(numerator: bigint, denominator: bigint, mode: Rounding = 'half_up'): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  if (denominator < 0n) return divRound(-numerator, -denominator, mode);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const twice = (n % denominator) * 2n;
  if (twice > denominator || (twice === denominator && (mode === 'half_up' || q % 2n === 1n))) q += 1n;
  return negative ? -q : q;
}

/** A decimal string rendered exactly from digits and scale ("-0.05" from -5, 2). */
export function formatDecimal(digits: bigint, scale: number): string {
  const negative = digits < 0n;
  const s = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** a / b as a decimal string with `scale` decimals (for inverse and cross exchange rates). */
export function divideDecimal(a: string, b: string, scale = 10, mode: Rounding = 'half_up'): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (y.digits === 0n) throw new RangeError('Division by zero');
  // (x.d / 10^x.s) / (y.d / 10^y.s) × 10^scale
  const num = x.digits * pow10(y.scale + scale);
  const den = y.digits * pow10(x.scale);
  return formatDecimal(divRound(num, den, mode), scale);
}
