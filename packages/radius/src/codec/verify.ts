import {
  bytesEqual,
  computeResponseAuthenticator,
  digestEquals,
  messageAuthenticatorInto,
  requestAuthenticatorInto,
  ZERO16,
} from './authenticator.ts';
import { hasComputedRequestAuthenticator, messageAuthenticatorUsesZeroField } from './codes.ts';
import type { RadiusPacket } from './packet.ts';

const maScratch = Buffer.alloc(16);

/**
 * Checks the MD5 Request Authenticator of Accounting-Request (RFC 2866 §3)
 * and CoA/Disconnect-Request (RFC 5176 §3.5). Access-Request and
 * Status-Server authenticators are random and always pass here: for them,
 * Message-Authenticator is what proves knowledge of the secret.
 */
export function verifyRequestAuthenticator(packet: RadiusPacket, secret: string | Buffer): boolean {
  if (!hasComputedRequestAuthenticator(packet.code)) return true;
  // Into scratch and compared in place, as the Message-Authenticator: every Accounting-Request has one.
  requestAuthenticatorInto(packet.raw, secret, maScratch, 0);
  return bytesEqual(maScratch, 0, packet.raw, 4, 16);
}

/**
 * Verifies Message-Authenticator (RFC 2869 §5.14). Returns undefined when the
 * packet has none, so the caller decides whether it was required (it is for
 * EAP, RFC 3579 §3.2, and should be for every Access-Request, CVE-2024-3596).
 * For responses pass the request's authenticator.
 */
export function verifyMessageAuthenticator(
  packet: RadiusPacket,
  secret: string | Buffer,
  requestAuthenticator?: Buffer,
  requestCode?: number,
): boolean | undefined {
  const offset = packet.messageAuthenticatorOffset;
  if (offset < 0) return undefined;
  // Into a scratch digest, compared in place: this runs for every Access-Request.
  if (messageAuthenticatorUsesZeroField(packet.code, requestCode)) messageAuthenticatorInto(packet.raw, offset, ZERO16, 0, 16, secret, maScratch, 0);
  else if (requestAuthenticator) messageAuthenticatorInto(packet.raw, offset, requestAuthenticator, 0, requestAuthenticator.length, secret, maScratch, 0);
  else messageAuthenticatorInto(packet.raw, offset, packet.raw, 4, 20, secret, maScratch, 0);
  return bytesEqual(maScratch, 0, packet.raw, offset, 16);
}

/** Verifies a response's Response Authenticator (RFC 2865 §3) and, when present, its Message-Authenticator. */
export function verifyResponse(
  response: RadiusPacket,
  requestAuthenticator: Buffer,
  secret: string | Buffer,
  requestCode?: number,
): boolean {
  const expected = computeResponseAuthenticator(response.raw, requestAuthenticator, secret);
  if (!digestEquals(expected, response.authenticator)) return false;
  return verifyMessageAuthenticator(response, secret, requestAuthenticator, requestCode) !== false;
}

export type RequestCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'request-authenticator' | 'message-authenticator' | 'missing-message-authenticator' };

export interface RequestCheckOptions {
  /**
   * Require Message-Authenticator on Access-Request even without EAP: the
   * Blast-RADIUS (CVE-2024-3596) mitigation for clients known to send it.
   */
  requireMessageAuthenticator?: boolean;
}

/**
 * All integrity checks a server applies to a request before acting on it
 * (failures are silently discarded, RFC 2865 §3): the MD5 Request
 * Authenticator where there is one, Message-Authenticator when present, and
 * its presence where it is mandatory: with EAP-Message (RFC 3579 §3.2),
 * Status-Server (RFC 5997 §3), or by policy.
 */
export function verifyRequest(packet: RadiusPacket, secret: string | Buffer, options: RequestCheckOptions = {}): RequestCheck {
  if (!verifyRequestAuthenticator(packet, secret)) return { ok: false, reason: 'request-authenticator' };
  const ma = verifyMessageAuthenticator(packet, secret);
  if (ma === false) return { ok: false, reason: 'message-authenticator' };
  if (ma === undefined) {
    const required =
      packet.code === 12 ||
      (packet.code === 1 &&
        (options.requireMessageAuthenticator === true || packet.attributes.some((a) => a.type === 79 && a.vendorId === 0)));
    if (required) return { ok: false, reason: 'missing-message-authenticator' };
  }
  return { ok: true };
}
