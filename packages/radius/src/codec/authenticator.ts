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
  return hash.reset().update(packet, 0, 4).update(ZERO16).update(packet, 20).update(secretBytes(secret)).digest();
}

/** RFC 2865 §3: MD5(Code + ID + Length + RequestAuth + Attributes + Secret). */
export function computeResponseAuthenticator(packet: Buffer, requestAuthenticator: Buffer, secret: string | Buffer): Buffer {
  return hash.reset().update(packet, 0, 4).update(requestAuthenticator).update(packet, 20).update(secretBytes(secret)).digest();
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
  return hmacMd5For(secret)
    .begin()
    .update(packet, 0, 4)
    .update(authenticatorField)
    .update(packet, 20, valueOffset)
    .update(ZERO16)
    .update(packet, valueOffset + 16)
    .digest();
}

/** Constant-time comparison of two digests of equal length. */
export function digestEquals(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export { ZERO16 };
