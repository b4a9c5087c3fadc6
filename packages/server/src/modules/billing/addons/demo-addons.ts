import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import { addDays } from '../cycles.ts';
import { attachAddonInTx, createAddon } from './addons.service.ts';
import { createCoupon, redeemCoupon } from './coupons.service.ts';
import { recordDeposit } from './deposits.service.ts';

/**
 * Demo add-ons, coupons and deposits for `npm start`, made through the services before the
 * demo billing run, so its invoices show them: John has a static IP from ten days into his
 * first period (pro-rated, then whole) and a one-off 50 GB data pack, Jane a two-invoice
 * welcome coupon; John's router deposit is held.
 */
export async function seedDemoAddons(ctx: AppContext, actor: Actor, ispId: string): Promise<void> {
  const scope = tenantScope(ispId);
  const usd = 'USD';
  const staticIp = await createAddon(ctx, { actor, scope, ispId }, { name: 'Static public IP', description: 'One fixed IPv4 address', kind: 'static_ip', billing: 'recurring', price_minor: 500, currency: usd, taxable: true, active: true });
  const pack = await createAddon(ctx, { actor, scope, ispId }, { name: 'Extra data 50 GB', kind: 'data_pack', billing: 'one_off', price_minor: 999, currency: usd, taxable: true, data_bytes: 50_000_000_000, active: true });
  await createAddon(ctx, { actor, scope, ispId }, { name: 'Speed booster (weekend)', kind: 'speed_boost', billing: 'recurring', price_minor: 300, currency: usd, taxable: true, active: true });
  await createAddon(ctx, { actor, scope, ispId }, { name: 'Wi-Fi mesh point rental', kind: 'other', billing: 'recurring', price_minor: 400, currency: usd, taxable: false, active: true });
  await createCoupon(ctx, { actor, scope, ispId }, { code: 'WELCOME10', kind: 'percent', percent: '10', description: 'New customers: 10 % off the first two invoices', cycles: 2, max_per_subscriber: 1, active: true });
  await createCoupon(ctx, { actor, scope, ispId }, { code: 'SUMMER5', kind: 'fixed', amount_minor: 500, description: '$5 off one invoice', max_redemptions: 100, cycles: 1, max_per_subscriber: 1, active: true });
  const subs = await withScope(ctx.db, scope, (tx) => rows<{ id: string; username: string; start: string }>(tx, sql`SELECT s.id, s.username, to_char(sub.next_period_start, 'YYYY-MM-DD') AS start
    FROM subscribers s JOIN subscriptions sub ON sub.subscriber_id = s.id AND sub.status = 'active' WHERE s.username IN ('john.doe', 'jane.smith')`));
  const john = subs.find((s) => s.username === 'john.doe');
  const jane = subs.find((s) => s.username === 'jane.smith');
  if (john) {
    await withScope(ctx.db, scope, async (tx) => {
      await attachAddonInTx(tx, actor, john.id, { addon_id: staticIp.id, quantity: 1, start_date: addDays(john.start, 10) });
      await attachAddonInTx(tx, actor, john.id, { addon_id: pack.id, quantity: 1 });
    });
    await recordDeposit(ctx, { actor, scope }, john.id, { description: 'Wi-Fi router (returnable)', amount_minor: 5000, method: 'cash', reference: 'DEP-0001' });
  }
  if (jane) await redeemCoupon(ctx, { actor, scope, ispId }, jane.id, 'WELCOME10');
}
