import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { invalidField, conflict, notFound } from '../../../platform/errors.ts';
import { iso } from '../../../platform/http/api.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { currencyCode } from '../rates.service.ts';
import { subscriptions } from '../schema.ts';
import { addonBillings, addonKinds, billingAddons, subscriptionAddons, type BillingAddonRow, type SubscriptionAddonRow } from './schema.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

/** The ISP's add-on catalogue, and add-ons attached to subscriptions (billed by cycle-extras.ts). */

const addonFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().max(500).nullable().optional(),
  kind: z.enum(addonKinds),
  billing: z.enum(addonBillings).describe('one_off: a line of the next invoice; recurring: a line of every cycle, pro-rated by the days attached'),
  price_minor: z.number().int().min(0).max(1e12),
  currency: currencyCode,
  taxable: z.boolean().default(true),
  data_bytes: z.number().int().positive().max(1e15).nullable().optional().describe('Data packs: bytes added to the cycle quota'),
  active: z.boolean().default(true),
};
export const addonBody = z.strictObject(addonFields).refine((a) => a.kind !== 'data_pack' || Boolean(a.data_bytes), { message: 'A data pack needs data_bytes', path: ['data_bytes'] });
export const addonPatch = z.strictObject({ ...addonFields, kind: addonFields.kind.optional(), billing: addonFields.billing.optional(), price_minor: addonFields.price_minor.optional(), currency: currencyCode.optional(), taxable: z.boolean().optional(), active: z.boolean().optional() }).partial();
export const addonDto = z.object({
  id: z.string(), name: z.string(), description: z.string().nullable(), kind: z.enum(addonKinds), billing: z.enum(addonBillings), price_minor: z.number().int(),
  currency: z.string(), taxable: z.boolean(), data_bytes: z.number().int().nullable(), active: z.boolean(), created_at: z.string(), updated_at: z.string(),
});
export type AddonDto = z.infer<typeof addonDto>;

export const attachBody = z.strictObject({
  addon_id: z.uuid(),
  quantity: z.number().int().min(1).max(1000).default(1),
  start_date: z.iso.date().optional().describe('Recurring add-ons: first day billed; defaults to today (never inside an already-billed period)'),
});
export const detachBody = z.strictObject({ end_date: z.iso.date().optional().describe('First day no longer billed; defaults to today') });
export const attachedDto = z.object({
  id: z.string(), addon_id: z.string(), subscription_id: z.string(), name: z.string(), kind: z.string(), billing: z.string(), price_minor: z.number().int(),
  currency: z.string(), taxable: z.boolean(), data_bytes: z.number().int().nullable(), quantity: z.number().int(), start_date: z.string(),
  end_date: z.string().nullable(), invoice_id: z.string().nullable(), status: z.enum(['active', 'pending', 'billed', 'ended']), created_at: z.string(),
});
export type AttachedDto = z.infer<typeof attachedDto>;

const toDto = (a: BillingAddonRow): AddonDto => ({
  id: a.id, name: a.name, description: a.description, kind: a.kind, billing: a.billing, price_minor: a.priceMinor, currency: a.currency.trim(),
  taxable: a.taxable, data_bytes: a.dataBytes, active: a.active, created_at: iso(a.createdAt)!, updated_at: iso(a.updatedAt)!,
});
const today = () => new Date().toISOString().slice(0, 10);
function attachedStatus(a: SubscriptionAddonRow): AttachedDto['status'] {
  if (a.billing === 'one_off') return a.invoiceId ? 'billed' : 'pending';
  return a.endDate !== null && a.endDate <= today() ? 'ended' : 'active';
}
export const toAttachedDto = (a: SubscriptionAddonRow): AttachedDto => ({
  id: a.id, addon_id: a.addonId, subscription_id: a.subscriptionId, name: a.name, kind: a.kind, billing: a.billing, price_minor: a.priceMinor,
  currency: a.currency.trim(), taxable: a.taxable, data_bytes: a.dataBytes, quantity: a.quantity, start_date: a.startDate, end_date: a.endDate,
  invoice_id: a.invoiceId, status: attachedStatus(a), created_at: iso(a.createdAt)!,
});

async function loadAddon(tx: Tx, id: string): Promise<BillingAddonRow> {
  const [a] = await tx.select().from(billingAddons).where(eq(billingAddons.id, id));
  if (!a) throw notFound('Add-on');
  return a;
}
const nameTaken = (err: unknown) => (err as { code?: string; cause?: { code?: string } }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505';

export async function listAddons(ctx: AppContext, scope: Scope, ispId: string): Promise<AddonDto[]> {
  return withScope(ctx.db, scope, async (tx) => (await tx.select().from(billingAddons).where(eq(billingAddons.ispId, ispId)).orderBy(desc(billingAddons.active), asc(billingAddons.name))).map(toDto));
}

export async function createAddon(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof addonBody>): Promise<AddonDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const [row] = await tx.insert(billingAddons).values({
      ispId, name: input.name, description: input.description ?? null, kind: input.kind, billing: input.billing, priceMinor: input.price_minor,
      currency: input.currency, taxable: input.taxable, dataBytes: input.data_bytes ?? null, active: input.active,
    }).returning().catch((err: unknown) => { throw nameTaken(err) ? conflict('An add-on with this name exists') : err; });
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId, action: 'billing_addon.created', entityType: 'billing_addon', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function updateAddon(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof addonPatch>): Promise<AddonDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const before = await loadAddon(tx, id);
    const kind = input.kind ?? before.kind;
    const dataBytes = input.data_bytes === undefined ? before.dataBytes : input.data_bytes;
    if (kind === 'data_pack' && !dataBytes) throw invalidField('A data pack needs data_bytes', [{ pointer: '/body/data_bytes', detail: 'required for data packs' }]);
    const [row] = await tx.update(billingAddons).set({
      ...(input.name !== undefined && { name: input.name }), ...(input.description !== undefined && { description: input.description }),
      ...(input.kind && { kind: input.kind }), ...(input.billing && { billing: input.billing }), ...(input.price_minor !== undefined && { priceMinor: input.price_minor }),
      ...(input.currency && { currency: input.currency }), ...(input.taxable !== undefined && { taxable: input.taxable }),
      ...(input.data_bytes !== undefined && { dataBytes: input.data_bytes }), ...(input.active !== undefined && { active: input.active }), updatedAt: new Date(),
    }).where(eq(billingAddons.id, id)).returning().catch((err: unknown) => { throw nameTaken(err) ? conflict('An add-on with this name exists') : err; });
    const dto = toDto(row!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'billing_addon.updated', entityType: 'billing_addon', entityId: id, before: toDto(before), after: dto });
    return dto;
  });
}

/** Only an add-on never attached can be deleted; others are deactivated (their invoices refer to them). */
export async function deleteAddon(ctx: AppContext, { actor, scope }: ActorInScope, id: string): Promise<void> {
  await withScope(ctx.db, scope, async (tx) => {
    const before = await loadAddon(tx, id);
    const [used] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM subscription_addons WHERE addon_id = ${id}`);
    if (used!.n > 0) throw conflict('This add-on has been attached to subscriptions; deactivate it instead');
    await tx.delete(billingAddons).where(eq(billingAddons.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'billing_addon.deleted', entityType: 'billing_addon', entityId: id, before: toDto(before) });
  });
}

async function lockedActiveSubscription(tx: Tx, subscriberId: string) {
  const [visible] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${subscriberId} FOR UPDATE`);
  if (!visible) throw notFound('Subscriber');
  const [s] = await tx.select().from(subscriptions).where(and(eq(subscriptions.subscriberId, subscriberId), eq(subscriptions.status, 'active'))).for('update');
  if (!s) throw conflict('The subscriber has no active subscription');
  return s;
}

export async function listAttached(ctx: AppContext, scope: Scope, subscriberId: string): Promise<AttachedDto[]> {
  return withScope(ctx.db, scope, async (tx) => {
    const [visible] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${subscriberId}`);
    if (!visible) throw notFound('Subscriber');
    const list = await tx.select().from(subscriptionAddons).where(eq(subscriptionAddons.subscriberId, subscriberId)).orderBy(desc(subscriptionAddons.createdAt)).limit(100);
    return list.map(toAttachedDto);
  });
}

/**
 * Attaches an add-on at its catalogue price of today. A postpaid period that is already
 * invoiced is never touched: a recurring add-on starts no earlier than the open period.
 */
export async function attachAddonInTx(tx: Tx, actor: Actor, subscriberId: string, input: z.infer<typeof attachBody>): Promise<AttachedDto> {
  const sub = await lockedActiveSubscription(tx, subscriberId);
  const addon = await loadAddon(tx, input.addon_id);
  if (!addon.active) throw conflict('This add-on is no longer sold');
  const start = input.start_date ?? (today() > sub.nextPeriodStart ? today() : sub.nextPeriodStart);
  if (sub.kind === 'postpaid' && start < sub.nextPeriodStart) throw invalidField('start_date falls in a period that is already invoiced', [{ pointer: '/body/start_date', detail: `on or after ${sub.nextPeriodStart}` }]);
  const [row] = await tx.insert(subscriptionAddons).values({
    ispId: sub.ispId, branchId: sub.branchId, subscriberId, subscriptionId: sub.id, addonId: addon.id, name: addon.name, kind: addon.kind, billing: addon.billing,
    priceMinor: addon.priceMinor, currency: addon.currency, taxable: addon.taxable, dataBytes: addon.dataBytes, quantity: input.quantity, startDate: start, createdBy: actor.id,
  }).returning();
  const dto = toAttachedDto(row!);
  await recordChange(tx, actor, { ispId: sub.ispId, action: 'subscription_addon.attached', entityType: 'subscriber', entityId: subscriberId, after: dto });
  return dto;
}

export async function attachAddon(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, input: z.infer<typeof attachBody>): Promise<AttachedDto> {
  return withScope(ctx.db, scope, (tx) => attachAddonInTx(tx, actor, subscriberId, input));
}

/** Ends a recurring add-on (billed up to end_date), or removes a one-off one not yet invoiced. */
export async function detachAddon(ctx: AppContext, { actor, scope }: ActorInScope, subscriberId: string, attachedId: string, input: z.infer<typeof detachBody>): Promise<AttachedDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const [a] = await tx.select().from(subscriptionAddons).where(and(eq(subscriptionAddons.id, attachedId), eq(subscriptionAddons.subscriberId, subscriberId))).for('update');
    if (!a) throw notFound('Attached add-on');
    const before = toAttachedDto(a);
    let after: SubscriptionAddonRow;
    if (a.billing === 'one_off') {
      if (a.invoiceId) throw conflict('This add-on is already invoiced; issue a credit note instead');
      await tx.delete(subscriptionAddons).where(eq(subscriptionAddons.id, a.id));
      after = { ...a, endDate: a.startDate };
    } else {
      if (a.endDate !== null) throw conflict('This add-on has already ended');
      const [sub] = await tx.select().from(subscriptions).where(eq(subscriptions.id, a.subscriptionId));
      const end = input.end_date ?? today();
      const billedUntil = sub?.kind === 'postpaid' ? sub.nextPeriodStart : a.startDate;
      if (end < a.startDate || end < billedUntil) throw invalidField('end_date falls in a period that is already invoiced', [{ pointer: '/body/end_date', detail: `on or after ${billedUntil > a.startDate ? billedUntil : a.startDate}` }]);
      [after] = (await tx.update(subscriptionAddons).set({ endDate: end }).where(eq(subscriptionAddons.id, a.id)).returning()) as [SubscriptionAddonRow];
    }
    const dto = toAttachedDto(after);
    await recordChange(tx, actor, { ispId: a.ispId, action: 'subscription_addon.detached', entityType: 'subscriber', entityId: subscriberId, before, after: dto });
    return dto;
  });
}
