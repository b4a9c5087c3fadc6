import { unhidePassword } from '../codec/user-password.ts';
import type { RadiusPacket } from '../codec/packet.ts';
import { secretEquals } from './compare.ts';

/**
 * The cleartext User-Password of an Access-Request (RFC 2865 §5.2), or
 * undefined when absent. Throws RadiusDecodeError if the hidden value is malformed.
 */
export function papPassword(packet: RadiusPacket, secret: string | Buffer): Buffer | undefined {
  const attr = packet.attributes.find((a) => a.type === 2 && a.vendorId === 0);
  if (!attr) return undefined;
  return unhidePassword(attr.value, secret, packet.authenticator);
}

/**
 * PAP: compares the request's password with the expected cleartext in
 * constant time. Hashed stored passwords (crypt, bcrypt, ...) are the
 * application's job: it can call papPassword() and verify itself.
 */
export function verifyPap(packet: RadiusPacket, secret: string | Buffer, expected: string): boolean {
  const given = papPassword(packet, secret);
  return given !== undefined && secretEquals(given, Buffer.from(expected, 'utf8'));
}
