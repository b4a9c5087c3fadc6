import { timingSafeEqual } from 'node:crypto';
import { Md5, hmacMd5For, secretBytes } from './md5.ts';

const ZERO16 = Buffer.alloc(16);
const hash = new Md5();

/**
 * Request Authenticator of Accounting-Request (RFC 2866 §3) and
 * CoA/Disconnect-Request (RFC 5176 §2.3):
 * MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret).
 */
export function computeRequestAuthenticator(packet: Buffer, secret: string | Buffer): Buffer {
  return requestAuthenticatorInto(packet, secret, Buffer.allocUnsafe(16), 0);
}

/** RFC 2865 §3: MD5(Code + ID + Length + RequestAuth + Attributes + Secret). */
export function computeResponseAuthenticator(packet: Buffer, requestAuthenticator: Buffer, secret: string | Buffer): Buffer {
  return responseAuthenticatorInto(packet, requestAuthenticator, 0, requestAuthenticator.length, secret, Buffer.allocUnsafe(16), 0);
}

// The *Into variants write the 16 octets where they belong (usually into `packet` itself, which
// is safe: every input octet is read before the digest is written) instead of making a Buffer
// that is copied there and dropped; they take an authenticator as a range of a Buffer (often
// the request packet's octets 4-20), so that no view of it has to be made either.

export function requestAuthenticatorInto(packet: Buffer, secret: string | Buffer, out: Buffer, offset: number): Buffer {
  return hash.reset().update(packet, 0, 4).update(ZERO16).update(packet, 20).update(secretBytes(secret)).digest(out, offset);
}

export function responseAuthenticatorInto(packet: Buffer, authSource: Buffer, authStart: number, authEnd: number, secret: string | Buffer,
  out: Buffer, offset: number): Buffer {
  return hash.reset().update(packet, 0, 4).update(authSource, authStart, authEnd).update(packet, 20).update(secretBytes(secret)).digest(out, offset);
}

/**
 * RFC 2869 §5.14 Message-Authenticator: HMAC-MD5 keyed by the secret over the
 * packet with the attribute's value as 16 zero octets. `authenticatorField`
 * is what stands in the authenticator position: the request's own (Access-
 * Request), the request's for a response, or zeros for accounting/CoA requests
 * (RFC 5176 §3.2). `valueOffset` is the offset of the 16 value octets.
 */
export function computeMessageAuthenticator(
  packet: Buffer,
  valueOffset: number,
  authenticatorField: Buffer,
  secret: string | Buffer,
): Buffer {
  return messageAuthenticatorInto(packet, valueOffset, authenticatorField, 0, authenticatorField.length, secret, Buffer.allocUnsafe(16), 0);
}

export function messageAuthenticatorInto(
  packet: Buffer,
  valueOffset: number,
  fieldSource: Buffer,
  fieldStart: number,
  fieldEnd: number,
  secret: string | Buffer,
  out: Buffer,
  offset: number,
): Buffer {
  return hmacMd5For(secret)
    .begin()
    .update(packet, 0, 4)
    .update(fieldSource, fieldStart, fieldEnd)
    .update(packet, 20, valueOffset)
    .update(ZERO16)
    .update(packet, valueOffset + 16)
    .digest(out, offset);
}

/** Constant-time comparison of two digests of equal length. */
export function digestEquals(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Constant-time equality of `length` octets at `aOffset` in `a` and `bOffset` in `b`, without
 * the two Buffer views timingSafeEqual needs: every octet is compared, whatever differs.
 */
export function bytesEqual(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number, length: number): boolean {
  let diff = 0;
  for (let i = 0; i < length; i++) diff |= a[aOffset + i]! ^ b[bOffset + i]!;
  return diff === 0;
}

export { ZERO16 };
