import cc from 'currency-codes';

/**
 * ISO 4217 currencies with their minor-unit exponents, from the `currency-codes` package
 * (kept in step with the ISO maintenance agency's list-one), not typed by hand.
 */
export type Currency = { code: string; exponent: number; name: string; numeric: string };

const table = new Map<string, Currency>(
  cc.data.map((c) => [c.code, { code: c.code, exponent: c.digits, name: c.currency, numeric: c.number }]),
);

export const currencyCodes: readonly string[] = [...table.keys()].sort();

export function isCurrency(code: string): boolean {
  return table.has(code);
}

/** The currency of an ISO 4217 code; throws on an unknown code (callers validate input first). */
export function currency(code: string): Currency {
  const c = table.get(code.trim().toUpperCase());
  if (!c) throw new RangeError(`Unknown ISO 4217 currency: ${code}`);
  return c;
}

export const exponentOf = (code: string): number => currency(code).exponent;
