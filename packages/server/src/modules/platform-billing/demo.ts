import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { platformScope } from '../../platform/db/scope.ts';
import { addDays, addMonths } from '../billing/index.ts';
import { runPlatformBilling } from './billing-run.service.ts';
import { assignPlatformPlan, createPlatformPlan, updatePlatformSettings } from './plans.service.ts';
import { listPlatformInvoices, recordPlatformPayment } from './platform-invoices.service.ts';

/**
 * Demo SaaS billing for `npm start`, made through the services: three plans, the demo ISP on
 * the per-subscriber plan since five months ago, and the real monthly run for each month up to
 * this one, so the founder's MRR chart shows computed figures. Every invoice but the newest is
 * paid by bank transfer ten days after it was issued.
 */
export async function seedDemoPlatformBilling(ctx: AppContext, actor: Actor, ispId: string): Promise<void> {
  await updatePlatformSettings(ctx, actor, {
    legal_name: 'AstraNetix Inc.', address: '251 Little Falls Drive, Wilmington, DE 19808', country: 'US', region: 'DE', tax_id: 'EIN 88-1234567',
    currency: 'USD', invoice_series: 'SAAS', payment_terms_days: 30, invoice_footer: 'Thank you for running your network on AstraNetix.',
  });
  await createPlatformPlan(ctx, actor, { name: 'Starter', kind: 'flat', price_minor: 4900 });
  const growth = await createPlatformPlan(ctx, actor, { name: 'Growth', kind: 'per_subscriber', price_minor: 150, minimum_minor: 9900 });
  await createPlatformPlan(ctx, actor, { name: 'Enterprise', kind: 'per_subscriber', price_minor: 90, minimum_minor: 49900 });
  const thisMonth = `${new Date().toISOString().slice(0, 7)}-01`;
  await assignPlatformPlan(ctx, actor, ispId, { plan_id: growth.id, start_date: addMonths(thisMonth, -5) });
  for (let m = -5; m <= 0; m++) await runPlatformBilling(ctx, actor, { period: addMonths(thisMonth, m).slice(0, 7), issue: true });
  const { items } = await listPlatformInvoices(ctx, platformScope, { limit: 50, offset: 0, isp_id: ispId });
  for (const inv of items.filter((i) => i.period_start < thisMonth)) {
    await recordPlatformPayment(ctx, actor, inv.id, { amount_minor: inv.total, method: 'bank_transfer', reference: `WIRE-${inv.number ?? ''}`, received_at: `${addDays(inv.issue_date, 10)}T12:00:00Z` });
  }
}
