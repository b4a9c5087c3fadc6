import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import { updateDunningSettings } from './dunning.service.ts';
import { recordManualPayment } from './payments.service.ts';

/**
 * Demo rows for `npm start`, made through the services: dunning on with its default steps,
 * and counter payments from two demo subscribers (they pay their open invoices, if the
 * billing demo issued any, and the rest goes to their wallets).
 */
export async function seedDemoPayments(ctx: AppContext, actor: Actor, ispId: string): Promise<void> {
  const scope = tenantScope(ispId);
  await updateDunningSettings(ctx, { actor, scope, ispId }, { enabled: true, reminder_days_before: [3], reminder_days_after: [1, 7], grace_days: 10 });
  const subs = await withScope(ctx.db, scope, (tx) => rows<{ id: string; username: string }>(tx, sql`SELECT id, username FROM subscribers WHERE username IN ('john.doe', 'jane.smith')`));
  const id = (u: string) => subs.find((s) => s.username === u)?.id;
  const john = id('john.doe');
  const jane = id('jane.smith');
  if (john) {
    await recordManualPayment(ctx, { actor, scope, ispId }, { subscriber_id: john, method: 'cash', amount: 2999, notes: 'Paid at the Head Office counter' });
    await recordManualPayment(ctx, { actor, scope, ispId }, { subscriber_id: john, method: 'bank_transfer', amount: 2999, reference: 'TRF-2026-0042' });
  }
  if (jane) await recordManualPayment(ctx, { actor, scope, ispId }, { subscriber_id: jane, method: 'cheque', amount: 5999, reference: 'CHQ-118802' });
}
