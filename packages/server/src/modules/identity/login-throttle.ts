import type { Backoff, RateLimiter } from '../../platform/auth/rate-limiter.ts';
import { tooManyRequests, type HttpProblem } from '../../platform/http/errors.ts';

/**
 * Password guessing is slowed per (account, address) and per address, never per account
 * alone: a lock on the account would let anyone who knows an e-mail lock its owner out.
 * The owner logs in from an address with no failures, or with a TOTP code from any address.
 */
const minute = 60_000;
// One account from one address: five tries, then 30 s, 1, 2, 4, 8 min, then 15 min each.
export const pairBackoff: Backoff = { free: 5, baseMs: 30_000, capMs: 15 * minute, forgetMs: 60 * minute };
// One address across accounts (password spraying): more room for an office behind one NAT.
export const addressBackoff: Backoff = { free: 20, baseMs: 30_000, capMs: 15 * minute, forgetMs: 60 * minute };
// Second-factor codes of one account: reached only with its password, so per account.
export const secondFactorBackoff: Backoff = { free: 5, baseMs: 30_000, capMs: 15 * minute, forgetMs: 60 * minute };

export type LoginGate = {
  /** Milliseconds until this e-mail may be tried again from this address; 0: go ahead (counted). */
  wait: number;
  /** The password was right: this account's count from this address is cleared. */
  succeeded(): Promise<void>;
  /** The attempt never reached a password check: its count is given back. */
  abandoned(): Promise<void>;
};

const addressKey = (ip: string) => `login:ip:${ip}`;
const pairKey = (email: string, ip: string) => `login:pair:${email}|${ip}`;

export async function enterLogin(limiter: RateLimiter, email: string, ip: string): Promise<LoginGate> {
  const address = addressKey(ip);
  const pair = pairKey(email, ip);
  const addressWait = await limiter.attempt(address, addressBackoff);
  const wait = addressWait > 0 ? addressWait : await limiter.attempt(pair, pairBackoff);
  // Refused by the pair: the address's attempt was not used either.
  if (addressWait === 0 && wait > 0) await limiter.release(address);
  return {
    wait,
    // A success from a shared address does not clear the failures others made from it.
    succeeded: async () => {
      if (wait > 0) return;
      await Promise.all([limiter.reset(pair), limiter.release(address)]);
    },
    abandoned: async () => {
      if (wait > 0) return;
      await Promise.all([limiter.release(pair), limiter.release(address)]);
    },
  };
}

/** The owner's way past a throttled address: a TOTP code, tried a few times per address. */
export const throttleBypassKey = (kind: string, id: string, ip: string) => `login:totp-pass:${kind}:${id}|${ip}`;
export const secondFactorKey = (kind: string, id: string) => `login:mfa:${kind}:${id}`;

export function tooManyLogins(waitMs: number, detail = 'Too many failed logins: wait before trying again'): HttpProblem {
  return tooManyRequests(detail, waitMs / 1000);
}
