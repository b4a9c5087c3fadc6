import { badRequest } from '../http/errors.ts';
import argon2 from 'argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1): strong, and fast enough for login bursts.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, options);

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    // Same work as a real check, so that a missing account cannot be told apart by timing.
    await argon2.hash(password, options);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export const demoPasswords = new Set(['admin123', 'user123']);

/** Minimum policy; demo passwords pass only outside production (checked by the caller). */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'must be at least 8 characters';
  if (password.length > 256) return 'must be at most 256 characters';
  return null;
}

/** Throws a 400 naming the field when a new password is not acceptable. */
export function assertNewPassword(password: string, production: boolean, pointer = '/body/password'): void {
  const problem = passwordProblem(password) ?? (production && demoPasswords.has(password) ? 'is a demo password' : null);
  if (problem) throw badRequest(`password ${problem}`, [{ pointer, detail: problem }]);
}
