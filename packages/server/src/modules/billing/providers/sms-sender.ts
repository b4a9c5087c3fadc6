import { eq } from 'drizzle-orm';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Database } from '../../../platform/db/database.ts';
import { tenantScope, withScope } from '../../../platform/db/scope.ts';
import type { SmsSender, SmsSenders } from '../../../platform/sms/sms.ts';
import { smsProviders } from '../payments/schema.ts';
import { smsAdapter } from '../../../platform/sms/sms-registry.ts';

/** The ISPs' SMS providers as configured in billing, as the senders every module texts through (ctx.sms). */
export function billingSmsSenders(db: Database, secrets: SecretBox): SmsSenders {
  return {
    async senderFor(ispId: string): Promise<SmsSender | null> {
      const [p] = await withScope(db, tenantScope(ispId), (tx) => tx.select().from(smsProviders).where(eq(smsProviders.ispId, ispId)));
      const adapter = p ? smsAdapter(p.provider) : null;
      if (!p || !adapter) return null;
      const account = { ispId, config: p.config, secrets: JSON.parse(secrets.open(p.secretsEnc)) as Record<string, string> };
      return { provider: adapter.provider, send: (to, body) => adapter.send(account, { to, body }) };
    },
  };
}
