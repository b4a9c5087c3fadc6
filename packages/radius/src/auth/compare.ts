import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of secrets of possibly different lengths: both
 * sides are hashed first so neither the content nor the length leaks
 * through timing.
 */
export function secretEquals(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
