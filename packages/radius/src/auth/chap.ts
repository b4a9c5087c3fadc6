import type { RadiusPacket } from '../codec/packet.ts';
import { md5 } from '../codec/md5.ts';
import { secretEquals } from './compare.ts';

/** RFC 1994 §4.1: Response = MD5(Identifier + secret + Challenge). */
export function chapResponse(id: number, password: string | Uint8Array, challenge: Uint8Array): Buffer {
  return md5(Uint8Array.of(id), password, challenge);
}

/**
 * Verifies CHAP-Password (RFC 2865 §5.3) against the cleartext password. The
 * challenge is CHAP-Challenge when present, else the Request Authenticator
 * (RFC 2865 §2.2).
 */
export function verifyChap(packet: RadiusPacket, password: string): boolean {
  const chap = packet.attributes.find((a) => a.type === 3 && a.vendorId === 0)?.value;
  if (!chap || chap.length !== 17) return false;
  const challenge = packet.attributes.find((a) => a.type === 60 && a.vendorId === 0)?.value ?? packet.authenticator;
  return secretEquals(chapResponse(chap[0]!, password, challenge), chap.subarray(1));
}
