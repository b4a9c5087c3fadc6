import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertNewPassword, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { anonymousScope, withScope } from '../../platform/db/scope.ts';
import { forbidden, tooManyRequests } from '../../platform/http/errors.ts';
import { invalidField } from '../../platform/errors.ts';
import { issueTokens, revokeAllSessions, type TokenPair } from './auth.service.ts';
import { setSubjectPassword } from './password-reset.service.ts';
import { loadSubject } from './subject.ts';

// Wrong current passwords count like failed logins, so this route is no way around the lockout.
const windowSeconds = 15 * 60;
const attemptLimit = 5;

/**
 * A logged-in account changes its own password. Every refresh token it holds is revoked (a
 * thief who had one is out); the caller gets a fresh pair so this session carries on.
 */
export async function changeOwnPassword(ctx: AppContext, actor: Actor, current: string, next: string): Promise<TokenPair> {
  if (actor.kind === 'api_key' || actor.kind === 'system' || !actor.id) throw forbidden('Only a logged-in account has a password');
  const key = `pwchange:${actor.kind}:${actor.id}`;
  if ((await ctx.limiter.count(key)) >= attemptLimit)
    throw tooManyRequests('Too many wrong passwords; try again later', windowSeconds);
  const subject = await loadSubject(ctx, actor.kind, actor.id);
  if (!subject) throw forbidden('Account not found');
  if (!(await verifyPassword(subject.password_hash, current))) {
    await ctx.limiter.hit(key, windowSeconds);
    throw invalidField('The current password is wrong', [{ pointer: '/body/current_password', detail: 'wrong password' }]);
  }
  assertNewPassword(next, ctx.config.env === 'production', '/body/new_password');
  if (next === current) throw invalidField('The new password is the same as the current one', [{ pointer: '/body/new_password', detail: 'unchanged' }]);
  await ctx.limiter.reset(key);
  await setSubjectPassword(ctx, subject, await hashPassword(next), 'auth.password_changed', actor);
  await revokeAllSessions(ctx, subject.kind, subject.id);
  return withScope(ctx.db, anonymousScope, (tx) => issueTokens(ctx, subject, randomUUID(), tx));
}
