import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { platformScope, withScope } from '../../platform/db/scope.ts';
import { iso } from '../../platform/http/api.ts';
import { invalidField } from '../../platform/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { parseAllowedCidrs } from '../../platform/net/address-policy.ts';
import { platformSettings } from './schema.ts';

export const platformSettingsDto = z.object({
  outbound_allow_cidrs: z.array(z.string()).describe('Private ranges that requests to URLs given by ISPs (BTCPay server, NOC webhooks) may reach'),
  outbound_allow_cidrs_env: z.array(z.string()).describe('Ranges allowed by the deployment (OUTBOUND_ALLOW_CIDRS); always in force, read-only here'),
  updated_at: z.string(),
});
export const updatePlatformSettingsBody = z.strictObject({
  outbound_allow_cidrs: z.array(z.string().trim().min(1).max(64)).max(50)
    .describe('CIDRs inside loopback, RFC 1918, 100.64/10, fc00::/7 or link-local ranges, e.g. 10.20.0.0/16; [] allows none'),
});

/** Event type that tells every process to reread the allowance. */
export const platformSettingsUpdated = 'platform_settings.updated' as const;

type Row = typeof platformSettings.$inferSelect;
const toDto = (ctx: AppContext, r: Row) => ({ outbound_allow_cidrs: r.outboundAllowCidrs, outbound_allow_cidrs_env: ctx.config.outboundAllowCidrs, updated_at: iso(r.updatedAt)! });

/** The stored allowance, for the outbound HTTP helper (read in its own transaction). */
export async function loadOutboundAllowance(db: Database): Promise<string[]> {
  const [r] = await withScope(db, platformScope, (tx) => tx.select({ cidrs: platformSettings.outboundAllowCidrs }).from(platformSettings));
  return r?.cidrs ?? [];
}

export async function getPlatformSettings(ctx: AppContext) {
  const [r] = await withScope(ctx.db, platformScope, (tx) => tx.select().from(platformSettings));
  return toDto(ctx, r!);
}

export async function updatePlatformSettings(ctx: AppContext, actor: Actor, input: z.infer<typeof updatePlatformSettingsBody>) {
  const parsed = parseAllowedCidrs(input.outbound_allow_cidrs);
  if ('error' in parsed) throw invalidField(`outbound_allow_cidrs: ${parsed.error}`, [{ pointer: `/body/outbound_allow_cidrs/${parsed.index}`, detail: parsed.error }]);
  const cidrs = parsed.ok.map((c) => c.text);
  const dto = await withScope(ctx.db, platformScope, async (tx) => {
    const [before] = await tx.select().from(platformSettings).for('update');
    const [after] = await tx.update(platformSettings).set({ outboundAllowCidrs: cidrs, updatedAt: new Date() }).where(eq(platformSettings.id, true)).returning();
    const out = toDto(ctx, after!);
    await recordChange(tx, actor, { ispId: null, action: platformSettingsUpdated, entityType: 'platform_settings', entityId: 'platform', before: toDto(ctx, before!), after: out });
    return out;
  });
  // This process at once; the others when the event reaches them.
  ctx.outbound.setStored(cidrs);
  return dto;
}
