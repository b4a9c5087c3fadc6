import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../app/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { accessTokenTtlSeconds, newOpaqueToken, refreshTokenTtlSeconds, sha256, type AccessClaims } from '../../platform/auth/tokens.ts';
import { anonymousScope, platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { HttpProblem, unauthorized } from '../../platform/http/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { refreshTokens, type SubjectKind } from './schema.ts';
import { findLoginSubjects, loadSubject, subjectScope, subjectTable, type Subject } from './subject.ts';
import { hashRecoveryCode, verifyTotp } from './mfa.ts';
import { enterLogin, pairBackoff, secondFactorBackoff, secondFactorKey, throttleBypassKey, tooManyLogins } from './login-throttle.ts';

export type TokenPair = {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
  mfa_setup_required: boolean;
};

const invalid = () => new HttpProblem(401, 'Unauthorized', 'Invalid e-mail or password');

export type LoginInput = { email: string; password: string; totp?: string | undefined; isp?: string | undefined };
export type RequestInfo = { ip: string; userAgent: string | null };

export async function login(ctx: AppContext, input: LoginInput, from: RequestInfo): Promise<TokenPair> {
  const email = input.email.trim().toLowerCase();
  const gate = await enterLogin(ctx.limiter, email, from.ip);
  if (gate.wait > 0 && !input.totp) throw throttled(ctx, gate.wait);

  const candidates = await findLoginSubjects(ctx, email, input.isp ?? null);
  // One e-mail may be a subscriber at several ISPs: the portal's ISP decides, else we must ask.
  if (candidates.length > 1 && candidates.every((c) => c.kind === 'subscriber') && !input.isp) {
    await gate.abandoned();
    throw new HttpProblem(400, 'Bad Request', 'This e-mail is registered at several ISPs: give the ISP slug in "isp"');
  }
  const subject = candidates[0];
  // Throttled: the account's own TOTP code lets its owner past, checked before the password
  // so that a throttled guesser learns nothing about it.
  if (gate.wait > 0 && !(await totpPassesThrottle(ctx, subject, input.totp ?? '', from.ip))) throw throttled(ctx, gate.wait);
  const ok = await verifyPassword(subject?.password_hash, input.password);
  if (!subject || !ok) {
    ctx.metrics.loginFailures.inc({ reason: 'credentials' });
    throw invalid();
  }
  await gate.succeeded();
  if (gate.wait > 0) await ctx.limiter.reset(throttleBypassKey(subject.kind, subject.id, from.ip));
  if (subject.status !== 'active' && !(subject.kind === 'subscriber' && subject.status !== 'terminated'))
    throw new HttpProblem(403, 'Forbidden', 'This account is disabled');
  if (subject.isp_status !== 'active') throw new HttpProblem(403, 'Forbidden', 'This ISP is suspended; contact the platform operator');

  if (subject.mfa_enabled) {
    if (!input.totp) {
      throw new HttpProblem(401, 'Unauthorized', 'Multi-factor code required', { mfa_required: true });
    }
    const mfaKey = secondFactorKey(subject.kind, subject.id);
    const wait = await ctx.limiter.attempt(mfaKey, secondFactorBackoff);
    if (wait > 0) throw tooManyLogins(wait, 'Too many wrong multi-factor codes: wait before trying again');
    if (!(await checkSecondFactor(ctx, subject, input.totp))) {
      ctx.metrics.loginFailures.inc({ reason: 'mfa' });
      throw new HttpProblem(401, 'Unauthorized', 'Invalid multi-factor code', { mfa_required: true });
    }
    await ctx.limiter.reset(mfaKey);
  }
  const actor: Actor = {
    kind: subject.kind, id: subject.id, email: subject.email, role: subject.role, ispId: subject.isp_id,
    branchId: subject.branch_id, ip: from.ip, userAgent: from.userAgent,
  };
  const pair = await withScope(ctx.db, subjectScope(subject.kind, subject.isp_id), async (tx) => {
    if (subject.kind === 'user') await tx.execute(sql`UPDATE users SET last_login_at = now() WHERE id = ${subject.id}`);
    await recordChange(tx, actor, {
      ispId: subject.isp_id, action: 'auth.login', entityType: subject.kind, entityId: subject.id,
      payload: { kind: subject.kind, mfa: subject.mfa_enabled },
    });
    return issueTokens(ctx, subject, randomUUID(), tx);
  });
  return pair;
}

function throttled(ctx: AppContext, waitMs: number): HttpProblem {
  ctx.metrics.loginFailures.inc({ reason: 'throttled' });
  return tooManyLogins(waitMs);
}

/**
 * A throttled address, and an account with MFA: a valid TOTP code (not a recovery code, which
 * would be spent even if the password then failed) lets the request on to the password check.
 * These tries are themselves limited per account and address.
 */
async function totpPassesThrottle(ctx: AppContext, subject: Subject | undefined, code: string, ip: string): Promise<boolean> {
  if (!subject?.mfa_enabled || !subject.mfa_secret_enc) return false;
  if ((await ctx.limiter.attempt(throttleBypassKey(subject.kind, subject.id, ip), pairBackoff)) > 0) return false;
  return verifyTotp(ctx.secrets.open(subject.mfa_secret_enc), code.trim());
}

/** A TOTP code, or one of the recovery codes (consumed on use). */
async function checkSecondFactor(ctx: AppContext, subject: Subject, code: string): Promise<boolean> {
  if (subject.mfa_secret_enc && verifyTotp(ctx.secrets.open(subject.mfa_secret_enc), code.trim())) return true;
  const hash = hashRecoveryCode(code);
  if (!subject.recovery_code_hashes.includes(hash)) return false;
  const table = sql.raw(subjectTable[subject.kind]);
  const [consumed] = await withScope(ctx.db, subjectScope(subject.kind, subject.isp_id), (tx) =>
    rows<{ id: string }>(
      tx,
      sql`UPDATE ${table} SET recovery_code_hashes = array_remove(recovery_code_hashes, ${hash})
          WHERE id = ${subject.id} AND ${hash} = ANY (recovery_code_hashes) RETURNING id`,
    ),
  );
  return Boolean(consumed);
}

type Executor = Parameters<Parameters<typeof withScope>[2]>[0];

export async function issueTokens(ctx: AppContext, subject: Subject, familyId: string, tx: Executor): Promise<TokenPair> {
  const mfaSetupRequired = subject.kind === 'user' && subject.isp_require_mfa && !subject.mfa_enabled;
  const claims: AccessClaims = {
    sub: subject.id, kind: subject.kind, role: subject.role, isp: subject.isp_id, branch: subject.branch_id,
    email: subject.email, ...(mfaSetupRequired ? { mfa_setup: true } : {}),
  };
  const refresh = newOpaqueToken();
  await tx.insert(refreshTokens).values({
    familyId, subjectKind: subject.kind, subjectId: subject.id, tokenHash: sha256(refresh),
    expiresAt: new Date(Date.now() + refreshTokenTtlSeconds * 1000),
  });
  return {
    access_token: await ctx.signer.sign(claims),
    refresh_token: refresh,
    token_type: 'Bearer',
    expires_in: accessTokenTtlSeconds,
    mfa_setup_required: mfaSetupRequired,
  };
}

/**
 * Rotates a refresh token. A token presented twice means it was stolen (or replayed):
 * the whole family is revoked, logging out both the thief and the owner (OAuth 2.0 BCP §4.14).
 */
export async function refresh(ctx: AppContext, token: string): Promise<TokenPair> {
  const hash = sha256(token);
  const outcome = await withScope(ctx.db, anonymousScope, async (tx) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).for('update');
    if (!row) return { error: 'Unknown refresh token' } as const;
    if (row.usedAt || row.revokedAt) {
      await tx.update(refreshTokens).set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
      return { error: 'Refresh token reuse detected: every session of this login has been revoked' } as const;
    }
    if (row.expiresAt < new Date()) return { error: 'Refresh token expired' } as const;
    await tx.update(refreshTokens).set({ usedAt: new Date() }).where(eq(refreshTokens.id, row.id));
    return { row } as const;
  });
  if ('error' in outcome) throw unauthorized(outcome.error);
  const subject = await loadSubject(ctx, outcome.row.subjectKind, outcome.row.subjectId);
  if (!subject || subject.isp_status !== 'active' || subject.status === 'disabled' || subject.status === 'terminated')
    throw unauthorized('Account no longer active');
  return withScope(ctx.db, anonymousScope, (tx) => issueTokens(ctx, subject, outcome.row.familyId, tx));
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await withScope(ctx.db, anonymousScope, async (tx) => {
    const [row] = await tx.select({ familyId: refreshTokens.familyId }).from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(token)));
    if (row) await tx.update(refreshTokens).set({ revokedAt: new Date() }).where(eq(refreshTokens.familyId, row.familyId));
  });
}

/** Every session of a subject ends (password change, account disabled). */
export async function revokeAllSessions(ctx: AppContext, kind: SubjectKind, id: string): Promise<void> {
  await withScope(ctx.db, platformScope, (tx) =>
    tx.update(refreshTokens).set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.subjectKind, kind), eq(refreshTokens.subjectId, id), isNull(refreshTokens.revokedAt))),
  );
}
