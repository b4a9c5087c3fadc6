import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts';
import { newOpaqueToken, sha256 } from '../../platform/auth/tokens.ts';
import { anonymousScope, rows, withScope } from '../../platform/db/scope.ts';
import { invalidField } from '../../platform/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { passwordResetTokens } from './schema.ts';
import { findLoginSubjects, loadSubject, subjectScope, subjectTable, type Subject } from './subject.ts';
import { revokeAllSessions } from './auth.service.ts';

const resetTtlMs = 30 * 60 * 1000;

/**
 * Always succeeds from the caller's point of view, so the answer does not reveal whether
 * the e-mail has an account; the link goes only to the account's own address.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, isp: string | null): Promise<void> {
  const [subject] = await findLoginSubjects(ctx, email, isp);
  if (!subject || subject.status === 'disabled' || subject.status === 'terminated') return;
  const token = newOpaqueToken();
  await withScope(ctx.db, anonymousScope, (tx) =>
    tx.insert(passwordResetTokens).values({
      subjectKind: subject.kind, subjectId: subject.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + resetTtlMs),
    }),
  );
  const link = `${await portalBase(ctx, subject)}/reset-password?token=${encodeURIComponent(token)}`;
  await ctx.mailer.send({
    to: subject.email,
    subject: 'Reset your AstraNetix password',
    text: `A password reset was requested for ${subject.email}.\n\nOpen this link within 30 minutes to choose a new password:\n${link}\n\nIf you did not ask for it, ignore this message.`,
  });
}

/**
 * Where the account signs in: founders on the platform; an ISP's staff and subscribers on the
 * ISP's branded portal (its custom domain when it has one), so the reset page wears its brand.
 */
async function portalBase(ctx: AppContext, subject: Subject): Promise<string> {
  if (subject.kind === 'founder' || !subject.isp_slug) return ctx.config.publicUrl;
  const [isp] = await withScope(ctx.db, anonymousScope, (tx) =>
    rows<{ custom_domain: string | null }>(tx, sql`SELECT custom_domain FROM public_isp_branding(${subject.isp_slug}, NULL)`));
  const origin = isp?.custom_domain ? `https://${isp.custom_domain}` : ctx.config.publicUrl;
  return `${origin}/t/${subject.isp_slug}`;
}

export async function resetPassword(ctx: AppContext, token: string, password: string, from: Pick<Actor, 'ip' | 'userAgent'>): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw invalidField(`password ${problem}`, [{ pointer: '/body/password', detail: problem }]);
  const hash = await hashPassword(password);
  // Single use: the token is claimed atomically, so two concurrent uses cannot both pass.
  const [claimed] = await withScope(ctx.db, anonymousScope, (tx) =>
    tx.update(passwordResetTokens).set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.tokenHash, sha256(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, new Date())))
      .returning(),
  );
  if (!claimed) throw invalidField('This reset link is invalid, expired or already used');
  const subject = await loadSubject(ctx, claimed.subjectKind, claimed.subjectId);
  if (!subject) throw invalidField('This reset link is invalid, expired or already used');
  await setSubjectPassword(ctx, subject, hash, 'auth.password_reset', from);
  await revokeAllSessions(ctx, subject.kind, subject.id);
}

/** Writes a new password hash on a subject's own row and audits it in the same transaction. */
export async function setSubjectPassword(ctx: AppContext, subject: Subject, hash: string, action: 'auth.password_reset' | 'auth.password_changed', from: Pick<Actor, 'ip' | 'userAgent'>): Promise<void> {
  const table = sql.raw(subjectTable[subject.kind]);
  const column = sql.raw(subject.kind === 'subscriber' ? 'portal_password_hash' : 'password_hash');
  await withScope(ctx.db, subjectScope(subject.kind, subject.isp_id), async (tx) => {
    await tx.execute(sql`UPDATE ${table} SET ${column} = ${hash}, updated_at = now() WHERE id = ${subject.id}`);
    await recordChange(tx, { kind: subject.kind, id: subject.id, email: subject.email, role: subject.role, ispId: subject.isp_id, branchId: subject.branch_id, ...from }, {
      ispId: subject.isp_id, action, entityType: subject.kind, entityId: subject.id,
    });
  });
}
