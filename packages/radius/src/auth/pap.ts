import { bytesEqual } from '../codec/authenticator.ts';
import { unhidePassword, unhidePasswordInto } from '../codec/user-password.ts';
import type { RadiusPacket } from '../codec/packet.ts';

/**
 * The cleartext User-Password of an Access-Request (RFC 2865 §5.2), or
 * undefined when absent. Throws RadiusDecodeError if the hidden value is malformed.
 */
export function papPassword(packet: RadiusPacket, secret: string | Buffer): Buffer | undefined {
  const at = packet.valueOffset(2);
  if (at < 0) return undefined;
  return unhidePassword(packet.raw.subarray(at, at + packet.raw[at - 1]! - 2), secret, packet.authenticator);
}

/**
 * PAP: compares the request's password with the expected cleartext in
 * constant time. Hashed stored passwords (crypt, bcrypt, ...) are the
 * application's job: it can call papPassword() and verify itself.
 */
export function verifyPap(packet: RadiusPacket, secret: string | Buffer, expected: string): boolean {
  // Both passwords go through scratch space (wiped after) rather than two Buffers per request.
  const at = packet.valueOffset(2);
  if (at < 0) return false;
  const n = unhidePasswordInto(packet.raw, at, at + packet.raw[at - 1]! - 2, secret, packet.raw, 4, 20, given);
  // As secretEquals: only a length mismatch returns early; the contents are compared in constant time.
  if (Buffer.byteLength(expected, 'utf8') !== n) {
    given.fill(0, 0, n);
    return false;
  }
  wanted.write(expected, 0, n, 'utf8');
  const ok = bytesEqual(given, 0, wanted, 0, n);
  given.fill(0, 0, n);
  wanted.fill(0, 0, n);
  return ok;
}

// A hidden User-Password is at most 128 octets (RFC 2865 §5.2).
const given = Buffer.alloc(128);
const wanted = Buffer.alloc(128);
