import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { platformScope, rows, tenantScope, withScope } from '../../platform/db/scope.ts';
import { createFounder, createIsp, createStaff } from '../../modules/identity/index.ts';
import { createBranch } from '../../modules/tenancy/index.ts';
import { createPlan } from '../../modules/catalog/index.ts';
import { createSubscriber } from '../../modules/subscribers/index.ts';
import { createNas, seedDemoUsage } from '../../modules/aaa/index.ts';
import { createBatch, sellCard } from '../../modules/vouchers/index.ts';
import { seedNocAlertsDemo, seedNocDevicesDemo } from '../../modules/noc/index.ts';
import { seedDemoBilling, seedDemoPayments } from '../../modules/billing/index.ts';
import { seedSupportDemo } from '../../modules/support/index.ts';
import { seedDemoPlatformBilling } from '../../modules/platform-billing/index.ts';

export const demoLogins = [
  { portal: 'founder', email: 'founder@astranetix.com', password: 'admin123' },
  { portal: 'isp admin', email: 'admin@demo-isp.com', password: 'admin123' },
  { portal: 'branch manager', email: 'north.manager@demo-isp.com', password: 'admin123' },
  { portal: 'support agent', email: 'support@demo-isp.com', password: 'admin123' },
  { portal: 'subscriber', email: 'john.doe@email.com', password: 'user123' },
  { portal: 'subscriber', email: 'jane.smith@email.com', password: 'user123' },
] as const;

export async function demoAccountsPresent(ctx: AppContext): Promise<number> {
  const [r] = await withScope(ctx.db, platformScope, (tx) => rows<{ n: number }>(tx, sql`
    SELECT ((SELECT count(*) FROM founders WHERE is_demo) + (SELECT count(*) FROM users WHERE is_demo)
          + (SELECT count(*) FROM subscribers WHERE is_demo))::int AS n`));
  return r?.n ?? 0;
}

/** Production never runs with the well-known demo passwords in the database. */
export async function assertNoDemoAccounts(ctx: AppContext): Promise<void> {
  const demo = await demoAccountsPresent(ctx);
  if (demo > 0) throw new Error(`Refusing to start with NODE_ENV=production: ${demo} demo accounts are present (delete them first)`);
}

export async function hasAnyFounder(ctx: AppContext): Promise<boolean> {
  const [r] = await withScope(ctx.db, platformScope, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM founders`));
  return (r?.n ?? 0) > 0;
}

const people: [string, string, string, 'active' | 'suspended'][] = [
  ['Maria', 'Garcia', 'Lakeside', 'active'], ['Ahmed', 'Khan', 'Old Town', 'active'], ['Priya', 'Sharma', 'Hillview', 'active'],
  ['Lucas', 'Martin', 'Riverside', 'suspended'], ['Fatima', 'Haddad', 'Lakeside', 'active'], ['Wei', 'Chen', 'Old Town', 'active'],
];

/** The demo install: what the README's logins open. Goes through the services, so it is audited too. */
export async function seedDemoData(ctx: AppContext): Promise<void> {
  if (ctx.config.env === 'production') throw new Error('Refusing to seed demo data with NODE_ENV=production');
  const actor = { ...systemActor, email: 'seed' };
  await createFounder(ctx, actor, { email: 'founder@astranetix.com', name: 'Platform Owner', password: 'admin123' }, true);
  const isp = await createIsp(ctx, actor, {
    slug: 'demo-isp', display_name: 'Demo ISP', currency: 'USD', default_locale: 'en', timezone: 'UTC',
    primary_color: '#1565c0', secondary_color: '#00897b', contact_email: 'noc@demo-isp.com',
    admin: { email: 'admin@demo-isp.com', name: 'Demo Admin', password: 'admin123' },
  }, { demo: true });
  const scope = tenantScope(isp.id);
  const admin = { ...actor, kind: 'user' as const, id: isp.admin_user_id, email: 'admin@demo-isp.com', role: 'isp_admin' as const, ispId: isp.id };
  const hq = await createBranch(ctx, { actor: admin, scope, ispId: isp.id }, { name: 'Head Office', code: 'HQ', address: '1 Main Street' });
  const north = await createBranch(ctx, { actor: admin, scope, ispId: isp.id }, { name: 'North Branch', code: 'NORTH', parent_branch_id: hq.id, address: '42 North Road' });
  await createStaff(ctx, { actor: admin, scope, ispId: isp.id }, { email: 'north.manager@demo-isp.com', name: 'Nora North', role: 'branch_manager', branch_id: north.id, password: 'admin123' }, true);
  await createStaff(ctx, { actor: admin, scope, ispId: isp.id }, { email: 'support@demo-isp.com', name: 'Sam Support', role: 'support_agent', branch_id: hq.id, password: 'admin123' }, true);
  const plans = [];
  for (const [name, down, up, price] of [['Basic 10M', 10_240, 5_120, 1999], ['Standard 25M', 25_600, 10_240, 2999], ['Premium 100M', 102_400, 51_200, 5999]] as const) {
    // MikroTik bursts: twice the rate while the average stays under 3/4 of it, for 16 s.
    plans.push(await createPlan(ctx, { actor: admin, scope, ispId: isp.id }, {
      name, download_kbps: down, upload_kbps: up, price_minor: price, billing_period: 'monthly',
      burst_download_kbps: down * 2, burst_upload_kbps: up * 2, burst_threshold_download_kbps: (down * 3) / 4,
      burst_threshold_upload_kbps: (up * 3) / 4, burst_time_s: 16, priority: 8, simultaneous_use: 1, interim_interval_s: 300,
      fup_monthly_bytes: down >= 100_000 ? null : 200 * 1024 ** 3, fup_download_kbps: 2_048, fup_upload_kbps: 1_024,
    }));
  }
  // The NAS that `radtest john.doe user123 127.0.0.1 0 testing123` talks from.
  const labNas = await createNas(ctx, { actor: admin, scope, ispId: isp.id }, {
    name: 'Lab MikroTik (localhost)', address: '127.0.0.1', secret: 'testing123', vendor: 'mikrotik', coa_port: 3799, require_message_authenticator: false,
    description: 'Demo NAS: radtest/radclient on this machine',
  });
  const base = { status: 'active' as const, city: 'Springfield' };
  await createSubscriber(ctx, { actor: admin, scope, ispId: isp.id }, {
    ...base, first_name: 'John', last_name: 'Doe', email: 'john.doe@email.com', phone: '+1 555 0100', address: '12 Elm Street',
    latitude: 40.7128, longitude: -74.006, username: 'john.doe', password: 'user123', portal_password: 'user123',
    branch_id: hq.id, plan_id: plans[1]!.id,
  }, true);
  await createSubscriber(ctx, { actor: admin, scope, ispId: isp.id }, {
    ...base, first_name: 'Jane', last_name: 'Smith', email: 'jane.smith@email.com', phone: '+1 555 0101', address: '7 Oak Avenue',
    latitude: 40.73, longitude: -73.99, username: 'jane.smith', password: 'user123', portal_password: 'user123',
    branch_id: north.id, plan_id: plans[2]!.id,
  }, true);
  // Recharge cards: the PINs are on the batch's printable sheet (Vouchers → Print); five already sold at North.
  const cards = await createBatch(ctx, { actor: admin, scope, ispId: isp.id }, {
    name: 'Standard 25M — 30 days', kind: 'recharge', count: 50, pin_length: 12, plan_id: plans[1]!.id, value_minor: 2999, price_minor: 2999, validity_days: 30,
  });
  const sold = await withScope(ctx.db, scope, (tx) =>
    rows<{ id: string }>(tx, sql`SELECT id FROM voucher_cards WHERE batch_id = ${cards.batch.id} ORDER BY serial LIMIT 5`));
  for (const card of sold) await sellCard(ctx, { actor: admin, scope }, card.id, north.id);
  for (const [i, [first, last, area, status]] of people.entries()) {
    await createSubscriber(ctx, { actor: admin, scope, ispId: isp.id }, {
      ...base, status, first_name: first, last_name: last, email: `${first}.${last}@example.net`.toLowerCase(), address: `${10 + i} ${area} Road`,
      username: `${first}.${last}`.toLowerCase(), password: `net-${first.toLowerCase()}-${i}`,
      branch_id: i % 2 ? north.id : hq.id, plan_id: plans[i % plans.length]!.id,
    }, true);
  }
  await seedDemoUsage(ctx, isp.id, labNas.id);
  await seedNocDevicesDemo(ctx, { actor: admin, scope, ispId: isp.id }, { nasId: labNas.id, northBranchId: north.id });
  await seedNocAlertsDemo(ctx, { actor: admin, scope }, isp.id);
  await seedDemoBilling(ctx, admin, isp.id);
  await seedDemoPayments(ctx, admin, isp.id);
  await seedSupportDemo(ctx, admin, scope, isp.id);
  await seedDemoPlatformBilling(ctx, actor, isp.id);
}
