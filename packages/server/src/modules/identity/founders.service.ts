import { asc, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertNewPassword, hashPassword } from '../../platform/auth/passwords.ts';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { iso } from '../../platform/http/api.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { founders, type FounderRow } from './schema.ts';

export type FounderInput = { email: string; name: string; password: string };

export const founderDto = (f: FounderRow) => ({
  id: f.id, email: f.email, name: f.name, status: f.status, mfa_enabled: f.mfaEnabled, created_at: iso(f.createdAt)!,
});

async function insertFounder(ctx: AppContext, actor: Actor, input: FounderInput, opts: { onlyIfNone: boolean; isDemo?: boolean }) {
  if (!opts.isDemo) assertNewPassword(input.password, ctx.config.env === 'production');
  const passwordHash = await hashPassword(input.password);
  return withScope(ctx.db, platformScope, async (tx) => {
    if (opts.onlyIfNone) {
      // Serialises concurrent first-run requests: exactly one can become the first founder.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(7243002)`);
      const [exists] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM founders`);
      if ((exists?.n ?? 0) > 0) throw conflict('A founder already exists: founders are now created by founders');
    }
    const [row] = await tx.insert(founders).values({ email: input.email.toLowerCase(), name: input.name, passwordHash, isDemo: opts.isDemo ?? false }).returning();
    const created = row!;
    const who = actor.kind === 'system' && opts.onlyIfNone ? { ...actor, kind: 'founder' as const, id: created.id, email: created.email } : actor;
    await recordChange(tx, who, { ispId: null, action: 'founder.created', entityType: 'founder', entityId: created.id, after: founderDto(created) });
    return created;
  });
}

export async function registerFirstFounder(ctx: AppContext, input: FounderInput, from: { ip: string; userAgent: string | null }) {
  const actor: Actor = { kind: 'system', id: null, email: null, role: 'founder', ispId: null, branchId: null, ...from };
  const f = await insertFounder(ctx, actor, input, { onlyIfNone: true });
  return { id: f.id, email: f.email };
}

export async function createFounder(ctx: AppContext, actor: Actor, input: FounderInput, isDemo = false) {
  return founderDto(await insertFounder(ctx, actor, input, { onlyIfNone: false, isDemo }));
}

export async function listFounders(ctx: AppContext) {
  const list = await withScope(ctx.db, platformScope, (tx) => tx.select().from(founders).orderBy(asc(founders.createdAt)));
  return list.map(founderDto);
}
