import { startPeriodic } from '../../../platform/jobs/periodic.ts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { systemActor, type Actor } from '../../../platform/auth/actor.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { platformScope, rows, tenantScope, withScope, type Scope } from '../../../platform/db/scope.ts';
import { iso } from '../../../platform/http/api.ts';
import { invalidField } from '../../../platform/errors.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { nowOf, sqlNow } from '../../../platform/clock/clock.ts';
import { updateSubscriberInTx } from '../../subscribers/index.ts';
import { smsAdapter, smsProviderNames } from '../../../platform/sms/sms-registry.ts';
import { formatMinor } from './receipt.ts';
import { dunningActions, dunningSettings, smsProviders } from './schema.ts';
import type { Tenant } from '../../../platform/tenant.ts';

const days = z.array(z.number().int().min(0).max(365)).max(10);
export const dunningSettingsBody = z.strictObject({
  enabled: z.boolean().optional(),
  reminder_days_before: days.optional().describe('Days before the due date on which a reminder is sent'),
  reminder_days_after: days.optional().describe('Days after the due date on which a reminder is sent'),
  grace_days: z.number().int().min(0).max(365).optional().describe('Days after the due date before suspension'),
  sms_enabled: z.boolean().optional(),
});
export const dunningSettingsDto = z.object({ enabled: z.boolean(), reminder_days_before: z.array(z.number().int()), reminder_days_after: z.array(z.number().int()), grace_days: z.number().int(), sms_enabled: z.boolean(), updated_at: z.string().nullable() });
export const smsProviderBody = z.strictObject({ provider: z.string().max(32), config: z.record(z.string().max(64), z.string().max(200)).default({}), secrets: z.record(z.string().max(64), z.string().min(1).max(500)).default({}) });
export const smsProviderDto = z.object({ provider: z.string().nullable(), available: z.array(z.string()), config: z.record(z.string(), z.string()), secrets_set: z.array(z.string()) });
export const dunningActionDto = z.object({ id: z.string(), subscriber_id: z.string(), invoice_id: z.string().nullable(), kind: z.string(), offset_days: z.number().int(), channel: z.string(), outcome: z.string(), detail: z.string().nullable(), restored_at: z.string().nullable(), created_at: z.string() });
export type DunningRunResult = { reminders: number; suspended: number; restored: number; failed: number };

const defaults = { enabled: false, reminderDaysBefore: [3], reminderDaysAfter: [1, 7], graceDays: 10, smsEnabled: false, updatedAt: null as Date | null };
const sortDays = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

export async function getDunningSettings(ctx: AppContext, scope: Scope, ispId: string) {
  const [s] = await withScope(ctx.db, scope, (tx) => tx.select().from(dunningSettings).where(eq(dunningSettings.ispId, ispId)));
  const v = s ?? defaults;
  return { enabled: v.enabled, reminder_days_before: v.reminderDaysBefore, reminder_days_after: v.reminderDaysAfter, grace_days: v.graceDays, sms_enabled: v.smsEnabled, updated_at: iso(v.updatedAt) };
}

export async function updateDunningSettings(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof dunningSettingsBody>) {
  const before = await getDunningSettings(ctx, scope, ispId);
  await withScope(ctx.db, scope, async (tx) => {
    const values = {
      enabled: input.enabled ?? before.enabled, reminderDaysBefore: sortDays(input.reminder_days_before ?? before.reminder_days_before),
      reminderDaysAfter: sortDays(input.reminder_days_after ?? before.reminder_days_after), graceDays: input.grace_days ?? before.grace_days,
      smsEnabled: input.sms_enabled ?? before.sms_enabled, updatedAt: new Date(),
    };
    if (values.smsEnabled) {
      const [p] = await tx.select({ p: smsProviders.provider }).from(smsProviders).where(eq(smsProviders.ispId, ispId));
      if (!p) throw invalidField('Configure an SMS provider before turning on SMS reminders', [{ pointer: '/body/sms_enabled', detail: 'no SMS provider' }]);
    }
    await tx.insert(dunningSettings).values({ ispId, ...values }).onConflictDoUpdate({ target: dunningSettings.ispId, set: values });
    await recordChange(tx, actor, { ispId, action: 'dunning_settings.updated', entityType: 'dunning_settings', entityId: ispId, before, after: values });
  });
  return getDunningSettings(ctx, scope, ispId);
}

export async function getSmsProvider(ctx: AppContext, scope: Scope, ispId: string) {
  const [p] = await withScope(ctx.db, scope, (tx) => tx.select().from(smsProviders).where(eq(smsProviders.ispId, ispId)));
  return { provider: p?.provider ?? null, available: smsProviderNames, config: p?.config ?? {}, secrets_set: p ? Object.keys(JSON.parse(ctx.secrets.open(p.secretsEnc)) as object).sort() : [] };
}

export async function putSmsProvider(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof smsProviderBody>) {
  const a = smsAdapter(input.provider);
  if (!a) throw invalidField(`Unknown SMS provider; available: ${smsProviderNames.join(', ')}`, [{ pointer: '/body/provider', detail: 'unknown' }]);
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(smsProviders).where(eq(smsProviders.ispId, ispId)).for('update');
    const old = before && before.provider === input.provider ? (JSON.parse(ctx.secrets.open(before.secretsEnc)) as Record<string, string>) : {};
    const secrets = { ...old, ...input.secrets };
    const config = { ...(before?.provider === input.provider ? before.config : {}), ...input.config };
    const missing = [...a.fields.secret.filter((k) => !secrets[k]), ...a.fields.public.filter((k) => !config[k])];
    if (missing.length) throw invalidField(`Missing fields: ${missing.join(', ')}`);
    const values = { provider: a.provider, config, secretsEnc: ctx.secrets.seal(JSON.stringify(secrets)), updatedAt: new Date() };
    await tx.insert(smsProviders).values({ ispId, ...values }).onConflictDoUpdate({ target: smsProviders.ispId, set: values });
    await recordChange(tx, actor, { ispId, action: 'sms_provider.updated', entityType: 'sms_provider', entityId: ispId, after: { provider: a.provider, config, secrets_changed: Object.keys(input.secrets) } });
  });
  return getSmsProvider(ctx, scope, ispId);
}

export async function listDunningActions(ctx: AppContext, scope: Scope, subscriberId: string) {
  const list = await withScope(ctx.db, scope, (tx) => tx.select().from(dunningActions).where(eq(dunningActions.subscriberId, subscriberId)).orderBy(desc(dunningActions.createdAt)).limit(200));
  return list.map((a) => ({ id: a.id, subscriber_id: a.subscriberId, invoice_id: a.invoiceId, kind: a.kind, offset_days: a.offsetDays, channel: a.channel, outcome: a.outcome, detail: a.detail, restored_at: iso(a.restoredAt), created_at: iso(a.createdAt)! }));
}

type Due = { invoice_id: string; number: string | null; currency: string; open: string; due_date: string; days: number; subscriber_id: string; branch_id: string | null; status: string; email: string | null; phone: string | null; first_name: string };

const dunningActor = (ispId: string): Actor => ({ ...systemActor, ispId, email: 'dunning' });

/** Inserts the step unless it was done before (a re-run or another process); true when this call owns it. */
async function claimStep(ctx: AppContext, tx: Tx, ispId: string, d: Due, kind: 'reminder' | 'suspended', offset: number, channel: 'email' | 'sms' | 'none'): Promise<string | null> {
  const [r] = await rows<{ id: string }>(tx, sql`
    INSERT INTO dunning_actions (isp_id, branch_id, subscriber_id, invoice_id, kind, offset_days, channel, created_at)
    VALUES (${ispId}, ${d.branch_id}, ${d.subscriber_id}, ${d.invoice_id}, ${kind}, ${offset}, ${channel}, ${sqlNow(ctx)})
    ON CONFLICT (invoice_id, kind, offset_days, channel) WHERE kind <> 'restored' DO NOTHING RETURNING id`);
  return r?.id ?? null;
}

function reminderText(d: Due, ispName: string): { subject: string; text: string; sms: string } {
  const amount = formatMinor(Number(d.open), d.currency.trim());
  const inv = d.number ?? d.invoice_id.slice(0, 8);
  if (d.days < 0) return {
    subject: `${ispName}: invoice ${inv} is due on ${d.due_date}`,
    text: `Dear ${d.first_name},\n\ninvoice ${inv} for ${amount} is due on ${d.due_date}. Please pay it in your portal or at our counter to keep your service running.\n\n${ispName}`,
    sms: `${ispName}: invoice ${inv} (${amount}) is due on ${d.due_date}.`,
  };
  return {
    subject: `${ispName}: invoice ${inv} is overdue`,
    text: `Dear ${d.first_name},\n\ninvoice ${inv} for ${amount} was due on ${d.due_date} and is unpaid. Please pay it now to avoid suspension of your service.\n\n${ispName}`,
    sms: `${ispName}: invoice ${inv} (${amount}) is overdue since ${d.due_date}. Pay now to avoid suspension.`,
  };
}

/**
 * One dunning pass over one ISP: the reminder due today for each open invoice (once per step
 * and channel), suspension after the grace period, and restoration where the overdue balance
 * is gone. Safe to re-run and to run in several processes: each step is claimed by a unique row.
 */
export async function runDunningForIsp(ctx: AppContext, ispId: string, today?: string): Promise<DunningRunResult> {
  const scope = tenantScope(ispId);
  const actor = dunningActor(ispId);
  const result: DunningRunResult = { reminders: 0, suspended: 0, restored: 0, failed: 0 };
  const settings = await getDunningSettings(ctx, scope, ispId);
  if (!settings.enabled) return result;
  const { due, ispName } = await withScope(ctx.db, scope, async (tx) => {
    const [isp] = await rows<{ display_name: string; today: string }>(tx, sql`
      SELECT display_name, coalesce(${today ?? null}::date, (now() AT TIME ZONE timezone)::date)::text AS today FROM isps WHERE id = ${ispId}`);
    const due = await rows<Due>(tx, sql`
      SELECT i.id AS invoice_id, i.number, i.currency, (i.total - i.amount_paid - i.amount_credited)::text AS open, i.due_date::text AS due_date,
             (${isp!.today}::date - i.due_date)::int AS days, s.id AS subscriber_id, s.branch_id, s.status, s.email, s.phone, s.first_name
      FROM invoices i JOIN subscribers s ON s.id = i.subscriber_id
      WHERE i.isp_id = ${ispId} AND i.kind = 'invoice' AND i.status IN ('issued', 'partially_paid', 'overdue') AND i.due_date IS NOT NULL
        AND i.total - i.amount_paid - i.amount_credited > 0 AND s.status IN ('active', 'suspended')
      ORDER BY i.due_date`);
    return { due, ispName: isp!.display_name };
  });
  const sms = settings.sms_enabled ? await ctx.sms.senderFor(ispId) : null;
  const offsets = [...settings.reminder_days_before.map((d) => -d), ...settings.reminder_days_after].sort((a, b) => a - b);
  for (const d of due) {
    // The latest reminder step reached; earlier ones that a stopped job missed are not sent late.
    const step = offsets.filter((o) => o <= d.days).at(-1);
    if (step !== undefined && d.days - step <= 3) {
      const msg = reminderText(d, ispName);
      const channels: ('email' | 'sms')[] = [...(d.email ? ['email' as const] : []), ...(sms && d.phone ? ['sms' as const] : [])];
      for (const channel of channels) {
        await withScope(ctx.db, scope, async (tx) => {
          const id = await claimStep(ctx, tx, ispId, d, 'reminder', step, channel);
          if (!id) return;
          let outcome = 'sent';
          let detail: string | null = null;
          try {
            if (channel === 'email') await ctx.mailer.send({ to: d.email!, subject: msg.subject, text: msg.text });
            else detail = `message ${(await sms!.send(d.phone!, msg.sms)).reference}`;
            result.reminders++;
          } catch (err) {
            outcome = 'failed';
            detail = (err as Error).message.slice(0, 500);
            result.failed++;
          }
          await tx.update(dunningActions).set({ outcome, detail }).where(eq(dunningActions.id, id));
          await recordChange(tx, actor, { ispId, action: 'dunning.reminder', entityType: 'subscriber', entityId: d.subscriber_id,
            after: { invoice_id: d.invoice_id, invoice_number: d.number, offset_days: step, channel, outcome, detail } });
        });
      }
    }
    if (d.days > settings.grace_days && d.status === 'active') {
      await withScope(ctx.db, scope, async (tx) => {
        const id = await claimStep(ctx, tx, ispId, d, 'suspended', 0, 'none');
        if (!id) return;
        // The subscriber module's own path: its event makes the AAA engine disconnect the sessions.
        await updateSubscriberInTx(ctx, tx, actor, d.subscriber_id, { status: 'suspended' });
        await tx.update(dunningActions).set({ detail: `invoice ${d.number ?? d.invoice_id} unpaid ${d.days} days after due (grace ${settings.grace_days})` }).where(eq(dunningActions.id, id));
        await recordChange(tx, actor, { ispId, action: 'dunning.suspended', entityType: 'subscriber', entityId: d.subscriber_id,
          after: { invoice_id: d.invoice_id, invoice_number: d.number, days_overdue: d.days, grace_days: settings.grace_days } });
        result.suspended++;
      });
    }
  }
  // Suspensions whose overdue balance was cleared some other way (credit note, missed event).
  const open = await withScope(ctx.db, scope, (tx) => tx.selectDistinct({ s: dunningActions.subscriberId }).from(dunningActions)
    .where(and(eq(dunningActions.kind, 'suspended'), isNull(dunningActions.restoredAt))));
  for (const o of open) if (await restoreIfCleared(ctx, ispId, o.s, today)) result.restored++;
  return result;
}

/**
 * Restores a subscriber that dunning suspended once nothing past due is left open. Called on
 * every settled payment (at once) and by the dunning job. Only dunning's own suspensions are
 * lifted: a subscriber an operator suspended by hand stays suspended.
 */
export async function restoreIfCleared(ctx: AppContext, ispId: string, subscriberId: string, today?: string): Promise<boolean> {
  const actor = dunningActor(ispId);
  return withScope(ctx.db, tenantScope(ispId), async (tx) => {
    const open = await rows<{ id: string }>(tx, sql`
      SELECT id FROM dunning_actions WHERE subscriber_id = ${subscriberId} AND kind = 'suspended' AND restored_at IS NULL FOR UPDATE`);
    if (open.length === 0) return false;
    const [owed] = await rows<{ n: number }>(tx, sql`
      SELECT count(*)::int AS n FROM invoices i JOIN isps p ON p.id = i.isp_id
      WHERE i.subscriber_id = ${subscriberId} AND i.kind = 'invoice' AND i.status IN ('issued', 'partially_paid', 'overdue')
        AND i.total - i.amount_paid - i.amount_credited > 0 AND i.due_date < coalesce(${today ?? null}::date, (now() AT TIME ZONE p.timezone)::date)`);
    if ((owed?.n ?? 0) > 0) return false;
    const [sub] = await rows<{ status: string; branch_id: string | null }>(tx, sql`SELECT status, branch_id FROM subscribers WHERE id = ${subscriberId} FOR UPDATE`);
    if (!sub) return false;
    await tx.update(dunningActions).set({ restoredAt: nowOf(ctx) }).where(and(eq(dunningActions.subscriberId, subscriberId), eq(dunningActions.kind, 'suspended'), isNull(dunningActions.restoredAt)));
    await tx.insert(dunningActions).values({ ispId, branchId: sub.branch_id, subscriberId, kind: 'restored', channel: 'none', detail: 'overdue balance cleared', ...(ctx.clock && { createdAt: nowOf(ctx) }) });
    if (sub.status === 'suspended') await updateSubscriberInTx(ctx, tx, actor, subscriberId, { status: 'active' });
    await recordChange(tx, actor, { ispId, action: 'dunning.restored', entityType: 'subscriber', entityId: subscriberId, after: { reason: 'overdue balance cleared', status: sub.status === 'suspended' ? 'active' : sub.status } });
    return true;
  });
}

/** Every ISP with dunning on, from the worker role; returns per-ISP results for the log. */
export async function runDunning(ctx: AppContext): Promise<Record<string, DunningRunResult>> {
  const isps = await withScope(ctx.db, platformScope, (tx) =>
    rows<{ isp_id: string }>(tx, sql`SELECT d.isp_id FROM dunning_settings d JOIN isps i ON i.id = d.isp_id WHERE d.enabled AND i.status = 'active'`));
  const out: Record<string, DunningRunResult> = {};
  for (const i of isps) {
    try {
      out[i.isp_id] = await runDunningForIsp(ctx, i.isp_id);
    } catch (err) {
      ctx.log.error({ err, ispId: i.isp_id }, 'dunning run failed');
    }
  }
  return out;
}

/** Hourly in the worker role; steps are idempotent, so an extra or overlapping run is harmless. */
export function startDunningJob(ctx: AppContext, everyMs = 60 * 60 * 1000): () => void {
  return startPeriodic(() => runDunning(ctx), everyMs, (err) => ctx.log.error({ err }, 'dunning job failed'), true);
}

/** A settled payment may clear the overdue balance: restore service at once. */
export function subscribeRestoreOnPayment(ctx: AppContext): () => void {
  return ctx.bus.on(['payment.succeeded', 'payment.approved', 'payment.allocated', 'wallet.paid_invoice'], (m) => {
    const subscriberId = m.payload?.subscriber_id;
    if (!m.ispId || !subscriberId) return;
    void restoreIfCleared(ctx, m.ispId, subscriberId).catch((err: unknown) => ctx.log.error({ err }, 'restore after payment failed'));
  });
}

