import { createHmac, randomInt } from 'node:crypto';

/**
 * 24 symbols, none that a person confuses when reading a scratched card: digits 2-9 and
 * the capitals without their look-alikes (no O/Q/D for 0, I/L for 1, S for 5, B for 8,
 * Z for 2, U/V). Each symbol carries log2(24) = 4.58 bits: the shortest PIN (11) has
 * 50.4 bits, the default (12) 55.0 bits, the longest (20) 91.7 bits of entropy.
 */
export const pinAlphabet = '23456789ACEFGHJKMNPRTWXY';
export const minPinLength = 11;
export const maxPinLength = 20;
export const bitsPerSymbol = Math.log2(pinAlphabet.length);

/** A PIN from the CSPRNG: crypto.randomInt draws each symbol uniformly (no modulo bias). */
export function generatePin(length: number): string {
  let pin = '';
  for (let i = 0; i < length; i++) pin += pinAlphabet[randomInt(pinAlphabet.length)];
  return pin;
}

/** What people type: any case, spaces or dashes between groups. */
export function normalisePin(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

const symbols = new Set(pinAlphabet);
/** Cheap shape test, so that RADIUS usernames that cannot be PINs never reach the database. */
export function looksLikePin(s: string): boolean {
  if (s.length < minPinLength || s.length > maxPinLength) return false;
  for (const c of s) if (!symbols.has(c)) return false;
  return true;
}

/** Printed in groups of four: "K7RW-C4PX-A9HE". */
export function formatPin(pin: string): string {
  return pin.replace(/(.{4})(?=.)/g, '$1-');
}

/**
 * HMAC keyed by a key derived from the server secret: the lookup stays an index hit on
 * (isp_id, pin_hash), and the hashes are useless without the key (unlike a bare SHA-256
 * of a 50-bit PIN, which could be brute-forced offline).
 */
export class PinHasher {
  private readonly key: Buffer;
  constructor(secretKey: Buffer) {
    this.key = createHmac('sha256', secretKey).update('astranetix:voucher-pin:v1').digest();
  }

  hash(pin: string): string {
    return createHmac('sha256', this.key).update(pin).digest('hex');
  }
}
