import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { rows, tenantScope, withScope } from '../../platform/db/scope.ts';
import { addMonths } from './cycles.ts';
import { startBillingRun } from './billing-run.service.ts';
import { createSubscription, addCharge } from './subscriptions.service.ts';
import { createTaxRule, updateSettings } from './tax-rules.service.ts';
import { seedDemoAddons } from './addons/demo-addons.ts';

/**
 * Demo billing for `npm start`, made through the services: a New York seller with state and
 * city sales tax, postpaid subscriptions for the active demo subscribers from the first day of
 * the month before last, an installation fee for John, and a real billing run up to today
 * (two monthly invoices each).
 */
export async function seedDemoBilling(ctx: AppContext, actor: Actor, ispId: string): Promise<void> {
  const scope = tenantScope(ispId);
  await updateSettings(ctx, { actor, scope, ispId }, { legal_name: 'Demo ISP LLC', address: '1 Main Street, New York, NY', country: 'US', region: 'NY', tax_id: 'NY-ST-120-4411', payment_terms_days: 15, overage_per_gb_minor: 100 });
  const rule = { compound: false, reverse_charge_b2b: false, category: '*', active: true, valid_from: null, valid_to: null, scope: 'any' as const };
  await createTaxRule(ctx, { actor, scope, ispId }, { ...rule, name: 'NY State sales tax', kind: 'sales_tax', country: 'US', region: 'NY', rate: '4', priority: 0 });
  await createTaxRule(ctx, { actor, scope, ispId }, { ...rule, name: 'NYC local sales tax', kind: 'sales_tax', country: 'US', region: 'NY', rate: '4.5', priority: 1 });
  const subs = await withScope(ctx.db, scope, (tx) => rows<{ id: string; username: string }>(tx, sql`SELECT id, username FROM subscribers WHERE status = 'active' AND plan_id IS NOT NULL ORDER BY created_at`));
  const today = new Date().toISOString().slice(0, 10);
  const start = addMonths(`${today.slice(0, 7)}-01`, -2);
  for (const s of subs) await createSubscription(ctx, { actor, scope }, s.id, { kind: 'postpaid', anchor: 'calendar', billing_day: 1, start_date: start });
  const john = subs.find((s) => s.username === 'john.doe');
  if (john) await addCharge(ctx, { actor, scope }, john.id, { description: 'Installation and router setup', amount_minor: 4900 });
  await seedDemoAddons(ctx, actor, ispId);
  await startBillingRun(ctx, { actor, scope, ispId }, today, { wait: true });
}
