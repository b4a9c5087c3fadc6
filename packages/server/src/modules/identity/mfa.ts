import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { sha256 } from '../../platform/auth/tokens.ts';

const period = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, issuer: string, label: string): string {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secretBase32), period, digits: 6, algorithm: 'SHA1' }).toString();
}

/** RFC 6238 with one step of clock drift either way. */
export function verifyTotp(secretBase32: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), period, digits: 6, algorithm: 'SHA1' });
  return totp.validate({ token: code, window: 1 }) !== null;
}

export function currentTotp(secretBase32: string): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), period, digits: 6, algorithm: 'SHA1' }).generate();
}

// Recovery codes: 10 single-use codes, no ambiguous characters, stored as SHA-256.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}
export const hashRecoveryCode = (code: string): string => sha256(code.trim().toLowerCase());
