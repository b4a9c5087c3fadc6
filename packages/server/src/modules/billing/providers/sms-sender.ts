import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { tenantScope, withScope } from '../../../platform/db/scope.ts';
import { smsProviders } from '../payments/schema.ts';
import { smsAdapter } from './sms-registry.ts';

export type SmsSender = { provider: string; send(to: string, body: string): Promise<{ reference: string }> };

/**
 * The ISP's configured SMS provider as a sender, or null when it has none: for every module
 * that texts people (dunning reminders, NOC escalations).
 */
export async function smsSenderFor(ctx: AppContext, ispId: string): Promise<SmsSender | null> {
  const [p] = await withScope(ctx.db, tenantScope(ispId), (tx) => tx.select().from(smsProviders).where(eq(smsProviders.ispId, ispId)));
  const adapter = p ? smsAdapter(p.provider) : null;
  if (!p || !adapter) return null;
  const account = { ispId, config: p.config, secrets: JSON.parse(ctx.secrets.open(p.secretsEnc)) as Record<string, string> };
  return { provider: adapter.provider, send: (to, body) => adapter.send(account, { to, body }) };
}
