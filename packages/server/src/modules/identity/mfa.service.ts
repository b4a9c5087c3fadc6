import { sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { withScope } from '../../platform/db/scope.ts';
import { HttpProblem } from '../../platform/http/errors.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { loadSubject, subjectScope, subjectTable, type Subject } from './subject.ts';
import { pgArray } from '../../platform/db/pg-array.ts';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri, verifyTotp } from './mfa.ts';

async function staffSubject(ctx: AppContext, actor: Actor): Promise<Subject> {
  if ((actor.kind !== 'founder' && actor.kind !== 'user') || !actor.id)
    throw new HttpProblem(403, 'Forbidden', 'Multi-factor authentication is for staff and founder accounts');
  const subject = await loadSubject(ctx, actor.kind, actor.id);
  if (!subject) throw new HttpProblem(401, 'Unauthorized', 'Account not found');
  return subject;
}

function update(ctx: AppContext, actor: Actor, subject: Subject, set: ReturnType<typeof sql>, action: 'auth.mfa_setup_started' | 'auth.mfa_enabled' | 'auth.mfa_disabled') {
  const table = sql.raw(subjectTable[subject.kind]);
  return withScope(ctx.db, subjectScope(subject.kind, subject.isp_id), async (tx) => {
    await tx.execute(sql`UPDATE ${table} SET ${set}, updated_at = now() WHERE id = ${subject.id}`);
    await recordChange(tx, actor, { ispId: subject.isp_id, action, entityType: subject.kind, entityId: subject.id });
  });
}

/** Step 1: a new secret, stored sealed but not yet active, with its otpauth URI and QR code. */
export async function beginMfaSetup(ctx: AppContext, actor: Actor) {
  const subject = await staffSubject(ctx, actor);
  if (subject.mfa_enabled) throw conflict('Multi-factor authentication is already enabled');
  const secret = newTotpSecret();
  await update(ctx, actor, subject, sql`mfa_secret_enc = ${ctx.secrets.seal(secret)}`, 'auth.mfa_setup_started');
  const uri = totpUri(secret, 'AstraNetix', subject.email);
  return { secret, otpauth_uri: uri, qr_code_data_url: await QRCode.toDataURL(uri) };
}

/** Step 2: the first valid code turns MFA on and yields the recovery codes, shown once. */
export async function confirmMfaSetup(ctx: AppContext, actor: Actor, code: string) {
  const subject = await staffSubject(ctx, actor);
  if (subject.mfa_enabled) throw conflict('Multi-factor authentication is already enabled');
  if (!subject.mfa_secret_enc) throw invalidField('Start the setup first (POST /api/auth/mfa/setup)');
  if (!verifyTotp(ctx.secrets.open(subject.mfa_secret_enc), code)) throw invalidField('Invalid code', [{ pointer: '/body/code', detail: 'does not match' }]);
  const codes = newRecoveryCodes();
  const hashes = codes.map(hashRecoveryCode);
  await update(ctx, actor, subject, sql`mfa_enabled = true, recovery_code_hashes = ${pgArray(hashes)}::text[]`, 'auth.mfa_enabled');
  return { recovery_codes: codes };
}

export async function disableMfa(ctx: AppContext, actor: Actor, password: string) {
  const subject = await staffSubject(ctx, actor);
  if (!(await verifyPassword(subject.password_hash, password))) throw new HttpProblem(401, 'Unauthorized', 'Wrong password');
  if (subject.isp_require_mfa) throw conflict('Your ISP requires multi-factor authentication');
  await update(ctx, actor, subject, sql`mfa_enabled = false, mfa_secret_enc = NULL, recovery_code_hashes = '{}'`, 'auth.mfa_disabled');
}
