import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { rows, tenantScope, withScope, type Scope } from '../../../platform/db/scope.ts';
import { createBranch } from '../../../modules/tenancy/index.ts';
import { createIsp } from '../../../modules/identity/index.ts';
import { createStaff } from '../../../modules/identity/index.ts';
import { createPlan } from '../../../modules/catalog/index.ts';
import { createNas, updateNas } from '../../../modules/aaa/index.ts';
import { createTaxRule, updateDunningSettings, updateSettings } from '../../../modules/billing/index.ts';
import { createDevice, createDeviceBody } from '../../../modules/noc/index.ts';
import type { IspProfile } from './profiles.ts';
import type { Random } from './random.ts';

export type SimPlan = { id: string; index: number; priceMinor: number };
export type SimNas = { id: string; address: string; deviceId: string };
export type SimNetwork = { edgeId: string; accessId: string; nases: SimNas[] };
export type SimIsp = {
  profile: IspProfile; id: string; scope: Scope; admin: Actor; agents: Actor[]; branches: string[]; plans: SimPlan[]; net: SimNetwork;
};

/** The history ISPs' staff sign in with the demo password; flagged demo, so production refuses them. */
export const historyPassword = 'admin123';

/**
 * Makes an ISP of the history through the services (or, for the demo ISP, finds what
 * demo-data.ts made), with the network the history runs on: NAS devices on loopback addresses
 * and their NOC devices. The NOC devices are not polled (enabled: false): their samples are the
 * history's, and the collector must not mark them down for want of an agent.
 */
export async function setUpIsp(ctx: AppContext, seedActor: Actor, p: IspProfile, rng: Random): Promise<SimIsp> {
  const existing = await ctx.db.query<{ id: string }>('SELECT id FROM isps WHERE slug = $1', [p.slug]);
  let ispId: string;
  let admin: Actor;
  if (p.key === 'demo') {
    if (!existing[0]) throw new Error('The demo ISP is missing: seed the demo data first');
    ispId = existing[0].id;
    const [u] = await ctx.db.query<{ id: string; email: string }>(`SELECT id, email FROM users WHERE isp_id = $1 AND role = 'isp_admin' ORDER BY created_at LIMIT 1`, [ispId]);
    admin = { kind: 'user', id: u!.id, email: u!.email, role: 'isp_admin', ispId, branchId: null, ip: null, userAgent: 'seed-history' } as Actor;
  } else {
    if (existing[0]) throw new Error(`The ISP ${p.slug} exists already: seed-history writes into a database that has no history yet`);
    const isp = await createIsp(ctx, seedActor, {
      slug: p.slug, display_name: p.name, currency: p.currency, default_locale: p.locale, timezone: p.timezone, contact_email: `noc@${p.slug}.example`,
      admin: { email: `admin@${p.slug}.example`, name: `${p.name} Admin`, password: historyPassword },
    }, { demo: true });
    ispId = isp.id;
    admin = { ...seedActor, kind: 'user', id: isp.admin_user_id, email: `admin@${p.slug}.example`, role: 'isp_admin', ispId };
  }
  const scope = tenantScope(ispId);
  const hasHistory = await ctx.db.query('SELECT 1 FROM nas_devices WHERE isp_id = $1 AND address = ANY($2::inet[])', [ispId, p.nasAddresses.map((a) => `${a}/32`)]);
  if (hasHistory.length) throw new Error(`${p.name} has a history already`);

  if (p.key !== 'demo') {
    await updateSettings(ctx, { actor: admin, scope, ispId }, {
      legal_name: p.legalName, address: p.address, country: p.country, region: p.region, tax_id: p.taxId, prices_include_tax: p.pricesIncludeTax,
      payment_terms_days: p.paymentTermsDays, overage_per_gb_minor: p.overagePerGbMinor,
    });
    for (const [i, t] of p.taxes.entries()) {
      await createTaxRule(ctx, { actor: admin, scope, ispId }, { name: t.name, kind: t.kind, country: p.country, region: t.region, scope: t.scope, rate: t.rate, compound: false, reverse_charge_b2b: t.kind === 'vat', category: '*', priority: i, active: true, valid_from: null, valid_to: null });
    }
    for (const b of p.branches) await createBranch(ctx, { actor: admin, scope, ispId }, b);
    for (const [i, plan] of p.plans.entries()) {
      await createPlan(ctx, { actor: admin, scope, ispId }, {
        name: plan.name, download_kbps: plan.downKbps, upload_kbps: plan.upKbps, price_minor: plan.priceMinor, billing_period: 'monthly',
        priority: 8 - i, simultaneous_use: 1, interim_interval_s: 86_400,
        fup_monthly_bytes: plan.fupGb === null ? null : plan.fupGb * 1e9, fup_download_kbps: plan.fupKbps, fup_upload_kbps: plan.fupKbps,
      });
    }
    await updateDunningSettings(ctx, { actor: admin, scope, ispId }, { enabled: true, reminder_days_before: p.dunning.before, reminder_days_after: p.dunning.after, grace_days: p.dunning.grace });
    for (const n of [1, 2]) {
      await createStaff(ctx, { actor: admin, scope, ispId }, { email: `support${n}@${p.slug}.example`, name: `${rng.pick(p.firstNames)} ${rng.pick(p.lastNames)}`, role: 'support_agent', password: historyPassword }, true);
    }
  }
  const branches = (await withScope(ctx.db, scope, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM branches WHERE isp_id = ${ispId} ORDER BY code`))).map((b) => b.id);
  const planRows = await withScope(ctx.db, scope, (tx) => rows<{ id: string; name: string; price_minor: string }>(tx, sql`SELECT id, name, price_minor FROM subscription_plans WHERE isp_id = ${ispId}`));
  const plans = p.plans.map((pp, index) => {
    const r = planRows.find((x) => x.name === pp.name);
    if (!r) throw new Error(`${p.name} has no plan named ${pp.name}`);
    return { id: r.id, index, priceMinor: Number(r.price_minor) };
  });
  const agents = (await withScope(ctx.db, scope, (tx) => rows<{ id: string; email: string }>(tx, sql`
    SELECT id, email FROM users WHERE isp_id = ${ispId} AND role = 'support_agent' AND status = 'active' ORDER BY email`)))
    .map((u): Actor => ({ ...admin, id: u.id, email: u.email, role: 'support_agent' }));
  const net = await setUpNetwork(ctx, admin, scope, ispId, p);
  return { profile: p, id: ispId, scope, admin, agents: agents.length ? agents : [admin], branches, plans, net };
}

async function setUpNetwork(ctx: AppContext, admin: Actor, scope: Scope, ispId: string, p: IspProfile): Promise<SimNetwork> {
  const site = `${p.cities[0]} POP`;
  const device = (input: Record<string, unknown>) => createDevice(ctx, { actor: admin, scope, ispId }, createDeviceBody.parse({
    snmp_port: 1161, snmp_version: 'v2c', snmp_community: 'public', poll_interval_s: 300, enabled: false, site, latitude: p.center[0], longitude: p.center[1], ...input,
  }));
  const base = p.nasAddresses[0]!.split('.').slice(0, 3).join('.');
  const edge = await device({ name: `Edge router (${site})`, kind: 'router', vendor: 'mikrotik', model: 'CCR2116', mgmt_ip: `${base}.250` });
  const nases: SimNas[] = [];
  for (const [i, address] of p.nasAddresses.entries()) {
    const nas = await createNas(ctx, { actor: admin, scope, ispId }, { name: `BNG ${i + 1} (${site})`, address, secret: `history-${p.slug}-${i + 1}`, vendor: 'mikrotik', coa_port: 3799, require_message_authenticator: false, description: 'Simulated by seed-history: the NAS of the generated sessions' });
    // No real RADIUS comes from it: disabled, the AAA engine neither accepts packets nor sends CoA to it.
    await updateNas(ctx, { actor: admin, scope }, nas.id, { status: 'disabled' });
    const d = await device({ name: `BNG ${i + 1}`, kind: 'nas', vendor: 'mikrotik', model: 'CCR2004', mgmt_ip: address, parent_id: edge.id, nas_id: nas.id });
    nases.push({ id: nas.id, address, deviceId: d.id });
  }
  const access = await device({ name: `OLT ${p.cities[0]}`, kind: 'olt', vendor: 'huawei', model: 'MA5800-X7', mgmt_ip: `${base}.240`, parent_id: nases[0]!.deviceId });
  return { edgeId: edge.id, accessId: access.id, nases };
}
