import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of two secrets. Contents are compared in constant
 * time; only a length mismatch returns early (the same trade-off as
 * FreeRADIUS's digest comparison: the length of a password is not worth a
 * hash per request on the hot path).
 */
export function secretEquals(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const x = typeof a === 'string' ? Buffer.from(a, 'utf8') : a;
  const y = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return x.length === y.length && timingSafeEqual(x, y);
}
