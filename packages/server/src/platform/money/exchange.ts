import { exponentOf } from './currencies.ts';
import { divRound, parseDecimal, pow10, type Rounding } from './decimal.ts';
import { convert } from './money.ts';

/**
 * Settling an amount owed in one currency with money in another. Each side stays integer
 * minor units of its own currency: what leaves the money (`paid`) and what the invoice
 * receives (`applied`) are both recorded, so no minor unit is lost or invented on either
 * side; the single rounding sits in the conversion between them.
 */
export type Settlement = { paid: number; applied: number };

/**
 * The amount of `from` worth `amountTo` of `to` at `rate` (1 from = rate to), rounded once in
 * `from`'s exponent: 1234 fils (BHD) at 0.0025 BHD/JPY → 494 yen.
 */
export function convertBack(amountTo: number, from: string, to: string, rate: string, mode: Rounding = 'half_up'): number {
  if (from === to) return amountTo;
  if (!Number.isSafeInteger(amountTo)) throw new RangeError(`Minor units must be a safe integer, got ${amountTo}`);
  const r = parseDecimal(rate);
  if (r.digits <= 0n) throw new RangeError('An exchange rate must be positive');
  // amountTo / 10^eTo / rate × 10^eFrom = amountTo × 10^eFrom × 10^scale / (10^eTo × digits)
  const shift = exponentOf(from) - exponentOf(to);
  const num = BigInt(amountTo) * pow10(r.scale) * (shift > 0 ? pow10(shift) : 1n);
  const den = r.digits * (shift < 0 ? pow10(-shift) : 1n);
  return Number(divRound(num, den, mode));
}

/**
 * Spends at most `available` of `from` on an invoice with `open` of `to` still owed. Either
 * the money runs out first (all of it is paid and the invoice receives its converted value)
 * or the invoice is settled exactly (`applied` = `open`) for the money that converts to it;
 * a settlement never pays nothing for something: at least one minor unit of `from` is paid
 * for any `applied` > 0. Returns zeros when the money is worth less than half a unit of `to`.
 */
export function settleAcross(available: number, open: number, from: string, to: string, rate: string, mode: Rounding = 'half_up'): Settlement {
  if (available <= 0 || open <= 0) return { paid: 0, applied: 0 };
  if (from === to) {
    const x = Math.min(available, open);
    return { paid: x, applied: x };
  }
  const worth = convert(available, from, to, rate, mode);
  if (worth === 0) return { paid: 0, applied: 0 };
  if (worth <= open) return { paid: available, applied: worth };
  return { paid: Math.min(available, Math.max(1, convertBack(open, from, to, rate, mode))), applied: open };
}

/**
 * Takes back `amount` of `from` from an allocation that has paid `netPaid` and applied
 * `netApplied` so far, at the allocation's own rate (a refund reverses the conversion that was
 * made, not today's). Taking back all of it returns exactly what was applied.
 */
export function reverseAcross(amount: number, netPaid: number, netApplied: number, from: string, to: string, rate: string, mode: Rounding = 'half_up'): Settlement {
  if (amount >= netPaid) return { paid: netPaid, applied: netApplied };
  return { paid: amount, applied: Math.min(netApplied, convert(amount, from, to, rate, mode)) };
}
