import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertNewPassword, hashPassword } from '../../platform/auth/passwords.ts';
import { platformScope, withScope } from '../../platform/db/scope.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { type CreateIspInput, insertIsp } from '../tenancy/index.ts';
import { users } from './schema.ts';

/** A founder creates an ISP and its first admin in one transaction: both exist or neither. */
export async function createIsp(ctx: AppContext, actor: Actor, input: CreateIspInput, opts: { demo?: boolean } = {}) {
  if (!opts.demo) assertNewPassword(input.admin.password, ctx.config.env === 'production', '/body/admin/password');
  const passwordHash = await hashPassword(input.admin.password);
  return withScope(ctx.db, platformScope, async (tx) => {
    const dto = await insertIsp(ctx, tx, actor, input);
    const [admin] = await tx.insert(users).values({
      ispId: dto.id, email: input.admin.email.toLowerCase(), name: input.admin.name, role: 'isp_admin', passwordHash, isDemo: opts.demo ?? false,
    }).returning({ id: users.id, email: users.email });
    await recordChange(tx, actor, { ispId: dto.id, action: 'user.created', entityType: 'user', entityId: admin!.id, after: { email: admin!.email, role: 'isp_admin' } });
    return { ...dto, admin_user_id: admin!.id };
  });
}
