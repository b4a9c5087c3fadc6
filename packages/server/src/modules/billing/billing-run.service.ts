import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { nowOf, sqlAt } from '../../platform/clock/clock.ts';
import { convert } from '../../platform/money/money.ts';
import { divideDecimal } from '../../platform/money/decimal.ts';
import { loadBillingContext, loadBuyers } from './billing-context.ts';
import { cycleDraft, type DueSubscription, type PendingCharge } from './cycle-invoice.ts';
import { writeInvoices, type InvoiceDraft } from './invoice-writer.ts';
import { billingRuns } from './schema.ts';
import { analyzeStale } from '../../platform/db/auto-analyze.ts';
import { loadCycleExtras, markExtrasBilled, type ExtrasBilled } from './addons/cycle-extras.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

export const billingRunDto = z.object({
  id: z.string(), as_of: z.string(), status: z.string(),
  total: z.number().int().describe('Subscriptions due when the run started (one that is several periods behind is billed once per period)'),
  processed: z.number().int().describe('Subscription periods processed'), invoiced: z.number().int(),
  skipped: z.number().int(), failed: z.number().int(), total_amount: z.number().int(), currency: z.string(), error: z.string().nullable(),
  started_at: z.string(), finished_at: z.string().nullable(),
  trigger: z.enum(['manual', 'schedule']).describe('manual: started from the API or UI; schedule: the daily automatic run'),
});
export type BillingRunDto = z.infer<typeof billingRunDto>;
type RunRow = typeof billingRuns.$inferSelect;
export const toRunDto = (r: RunRow, currency: string): BillingRunDto => ({
  id: r.id, as_of: r.asOf, status: r.status, total: r.total, processed: r.processed, invoiced: r.invoiced, skipped: r.skipped, failed: r.failed,
  total_amount: r.totalAmount, currency, error: r.error, started_at: iso(r.startedAt)!, finished_at: iso(r.finishedAt), trigger: r.trigger,
});

export const ispCurrency = async (tx: Tx, ispId: string) =>
  (await rows<{ currency: string }>(tx, sql`SELECT currency FROM isps WHERE id = ${ispId}`))[0]?.currency.trim() ?? 'USD';

const dueFilter = (ispId: string, asOf: string, subscriberId: string | null) => sql`sub.isp_id = ${ispId} AND sub.status = 'active' AND sub.kind = 'postpaid' AND sub.next_period_end <= ${asOf}::date
  AND EXISTS (SELECT 1 FROM subscribers s WHERE s.id = sub.subscriber_id AND s.status <> 'terminated')
  AND (${subscriberId}::uuid IS NULL OR sub.subscriber_id = ${subscriberId}::uuid)`;

/** How many due subscriptions a batch took, and the id of its last (where the next one goes on). */
type BatchResult = { picked: number; last: string | null };

/**
 * Bills one batch: locks up to `size` due subscriptions after the id `after` (SKIP LOCKED, so
 * runs in other processes take other rows), writes their invoices with gapless numbers, moves each
 * subscription to its next period and records the batch, all in one transaction. The unique
 * index on (subscription, period) makes a repeated run create nothing.
 */
async function billBatch(tx: Tx, actor: Actor, ispId: string, runId: string, asOf: string, size: number, failedIds: Set<string>, subscriberId: string | null, after: string | null, now: Date): Promise<BatchResult> {
  const failed = `{${[...failedIds].join(',')}}`;
  const due = await rows<DueSubscription>(tx, sql`SELECT sub.id, sub.branch_id, sub.subscriber_id, sub.plan_id, to_char(sub.next_period_start, 'YYYY-MM-DD') AS next_period_start,
      to_char(sub.next_period_end, 'YYYY-MM-DD') AS next_period_end, sub.price_minor, sub.currency, p.name AS plan_name, p.price_minor AS plan_price,
      p.currency AS plan_currency, p.billing_period, p.fup_monthly_bytes
    FROM subscriptions sub JOIN subscription_plans p ON p.id = sub.plan_id
    WHERE ${dueFilter(ispId, asOf, subscriberId)} AND NOT (sub.id = ANY(${failed}::uuid[])) ${after === null ? sql`` : sql`AND sub.id > ${after}::uuid`}
    ORDER BY sub.id LIMIT ${size} FOR UPDATE OF sub SKIP LOCKED`);
  if (due.length === 0) return { picked: 0, last: null };
  const bc = await loadBillingContext(tx, ispId);
  const ids = `{${due.map((d) => d.id).join(',')}}`;
  const buyers = await loadBuyers(tx, due.map((d) => d.subscriber_id));
  // By subscriber too: the pending-charges index is on subscriber_id, so this does not read
  // every charge ever invoiced in each batch.
  const charges = await rows<PendingCharge>(tx, sql`SELECT id, subscription_id, subscriber_id, kind, description, amount, currency FROM billing_charges
    WHERE subscriber_id = ANY(${`{${due.map((d) => d.subscriber_id).join(',')}}`}::uuid[]) AND subscription_id = ANY(${ids}::uuid[]) AND invoice_id IS NULL
    ORDER BY created_at FOR UPDATE`);
  const chargesOf = new Map<string, PendingCharge[]>();
  for (const c of charges) chargesOf.set(c.subscription_id!, [...(chargesOf.get(c.subscription_id!) ?? []), c]);
  const extras = await loadCycleExtras(tx, due.map((d) => d.id));
  const usage = new Map<string, { day: string; bytes: number }[]>();
  const metered = due.filter((d) => d.fup_monthly_bytes !== null);
  if (bc.settings.overage_per_gb_minor > 0 && metered.length > 0) {
    const from = metered.reduce((m, d) => (d.next_period_start < m ? d.next_period_start : m), metered[0]!.next_period_start);
    const to = metered.reduce((m, d) => (d.next_period_end > m ? d.next_period_end : m), metered[0]!.next_period_end);
    const list = await rows<{ subscriber_id: string; day: string; bytes: string }>(tx, sql`SELECT subscriber_id, to_char(day, 'YYYY-MM-DD') AS day, (input_octets + output_octets)::text AS bytes
      FROM usage_daily WHERE subscriber_id = ANY(${`{${metered.map((d) => d.subscriber_id).join(',')}}`}::uuid[]) AND day >= ${from}::date AND day < ${to}::date`);
    for (const u of list) usage.set(u.subscriber_id, [...(usage.get(u.subscriber_id) ?? []), { day: u.day, bytes: Number(u.bytes) }]);
  }
  const drafts: InvoiceDraft[] = [];
  const errors: string[] = [];
  const advanced: { id: string; start: string; end: string }[] = [];
  const chargeIds: string[][] = [];
  const billedExtras: ExtrasBilled[] = [];
  for (const sub of due) {
    try {
      const mine = chargesOf.get(sub.id) ?? [];
      const used = (usage.get(sub.subscriber_id) ?? []).filter((u) => u.day >= sub.next_period_start && u.day < sub.next_period_end).reduce((a, u) => a + u.bytes, 0);
      const { draft, next, billed } = await cycleDraft(tx, bc, sub, buyers.get(sub.subscriber_id)!, mine, used, asOf, extras.get(sub.id));
      drafts.push(draft);
      billedExtras.push(billed);
      advanced.push({ id: sub.id, start: next.start, end: next.end });
      chargeIds.push(mine.map((c) => c.id));
    } catch (err) {
      // e.g. no exchange rate for the subscriber's currency: the others are billed, this one is counted as failed.
      failedIds.add(sub.id);
      errors.push((err as Error).message);
    }
  }
  const written = await writeInvoices(tx, drafts, bc.rules, true, now);
  const pairs = written.flatMap((inv, i) => chargeIds[i]!.map((c) => [c, inv.id] as const));
  if (pairs.length) {
    await tx.execute(sql`UPDATE billing_charges c SET invoice_id = u.inv FROM unnest(${`{${pairs.map((p) => p[0]).join(',')}}`}::uuid[], ${`{${pairs.map((p) => p[1]).join(',')}}`}::uuid[]) AS u(id, inv) WHERE c.id = u.id`);
  }
  await markExtrasBilled(tx, written.map((inv, i) => ({ invoiceId: inv.id, billed: billedExtras[i]! })));
  if (advanced.length) {
    await tx.execute(sql`UPDATE subscriptions s SET next_period_start = u.ps, next_period_end = u.pe, updated_at = now()
      FROM unnest(${`{${advanced.map((a) => a.id).join(',')}}`}::uuid[], ${`{${advanced.map((a) => a.start).join(',')}}`}::date[], ${`{${advanced.map((a) => a.end).join(',')}}`}::date[]) AS u(id, ps, pe)
      WHERE s.id = u.id`);
  }
  const base = bc.isp.currency;
  const amount = written.reduce((a, inv) => a + (inv.currency.trim() === base ? inv.total : convert(inv.total, inv.currency.trim(), base, divideDecimal('1', inv.exchangeRate))), 0);
  const nFailed = due.length - written.length;
  await tx.execute(sql`UPDATE billing_runs SET processed = processed + ${due.length}, invoiced = invoiced + ${written.length}, failed = failed + ${nFailed},
    total_amount = total_amount + ${amount}, error = coalesce(error, ${errors[0] ?? null}) WHERE id = ${runId}`);
  if (written.length) {
    await recordChange(tx, actor, {
      ispId, action: 'invoice.batch_issued', entityType: 'billing_run', entityId: runId, after: { run_id: runId, invoices: written.length, total_amount: amount, currency: base },
      payload: { run_id: runId, invoices: written.map((w) => ({ id: w.id, number: w.number, subscriber_id: w.subscriberId, total: w.total, currency: w.currency.trim(), due_date: w.dueDate })) },
    });
  }
  return { picked: due.length, last: due[due.length - 1]!.id };
}

/** Runs a started billing run to the end in batches; progress is on its billing_runs row. */
export async function executeBillingRun(ctx: AppContext, { actor, scope }: ActorInScope, runId: string, batchSize = 500, subscriberId: string | null = null): Promise<void> {
  const [run] = await withScope(ctx.db, scope, (tx) => tx.select().from(billingRuns).where(eq(billingRuns.id, runId)));
  if (!run) throw notFound('Billing run');
  const failedIds = new Set<string>();
  try {
    // Each batch goes on in id order from where the last one stopped, so it does not read again
    // the rows billed before it (from the start, batch k read k × size billed rows first). A pass
    // that reaches the end is followed by one from the beginning, which finds what is still due
    // (a subscription several periods behind, rows another process released); the run ends on
    // an empty pass from the beginning, as before.
    let after: string | null = null;
    for (;;) {
      const from: string | null = after;
      const { picked, last }: BatchResult = await withScope(ctx.db, scope, (tx) => billBatch(tx, actor, run.ispId, runId, run.asOf, batchSize, failedIds, subscriberId, from, nowOf(ctx)));
      if (picked === 0 && from === null) break;
      after = last;
      // The embedded database has no autovacuum: without fresh statistics the foreign-key checks
      // of invoice lines and taxes keep plans made while invoices was small (see auto-analyze.ts).
      // Refreshed when a table has doubled, which bounds the ANALYZEs of a run to a few.
      await analyzeStale(ctx.db, 1).catch((err: unknown) => ctx.log.warn({ err, runId }, 'ANALYZE during the billing run failed'));
    }
    await withScope(ctx.db, scope, async (tx) => {
      // Issued invoices past their due date become overdue (partially paid ones keep their status).
      await tx.execute(sql`UPDATE invoices SET status = 'overdue', updated_at = now() WHERE isp_id = ${run.ispId} AND status = 'issued' AND kind = 'invoice' AND due_date < ${run.asOf}::date`);
      const [done] = await tx.update(billingRuns).set({ status: 'completed', finishedAt: nowOf(ctx) }).where(eq(billingRuns.id, runId)).returning();
      await recordChange(tx, actor, { ispId: run.ispId, action: 'billing_run.completed', entityType: 'billing_run', entityId: runId, after: toRunDto(done!, '') });
    });
  } catch (err) {
    ctx.log.error({ err, runId }, 'billing run failed');
    await withScope(ctx.db, scope, (tx) => tx.update(billingRuns).set({ status: 'failed', error: (err as Error).message.slice(0, 500), finishedAt: nowOf(ctx) }).where(eq(billingRuns.id, runId)));
  }
}

const dueCount = async (tx: Tx, ispId: string, asOf: string, subscriberId: string | null) =>
  (await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM subscriptions sub WHERE ${dueFilter(ispId, asOf, subscriberId)}`))[0]?.n ?? 0;

/**
 * The scheduled run of one ISP for its local day `asOf`, if no process has claimed it yet:
 * the partial unique index (isp_id, as_of) WHERE trigger = 'schedule' lets exactly one of
 * several ticking schedulers insert it; the others get null and run nothing.
 */
export async function claimScheduledRun(tx: Tx, actor: Actor, ispId: string, asOf: string, startedAt?: Date): Promise<BillingRunDto | null> {
  const total = await dueCount(tx, ispId, asOf, null);
  const [won] = await rows<{ id: string }>(tx, sql`INSERT INTO billing_runs (isp_id, as_of, total, trigger, started_at) VALUES (${ispId}, ${asOf}::date, ${total}, 'schedule', ${sqlAt(startedAt)})
    ON CONFLICT (isp_id, as_of) WHERE trigger = 'schedule' DO NOTHING RETURNING id`);
  if (!won) return null;
  const [run] = await tx.select().from(billingRuns).where(eq(billingRuns.id, won.id));
  const out = toRunDto(run!, await ispCurrency(tx, ispId));
  await recordChange(tx, actor, { ispId, action: 'billing_run.started', entityType: 'billing_run', entityId: out.id, after: out });
  return out;
}

/** Starts a run for everything due on `asOf`; returns at once (the UI polls the run). */
export async function startBillingRun(ctx: AppContext, { actor, scope, ispId }: Tenant, asOf: string, opts: { wait?: boolean; batchSize?: number; subscriberId?: string } = {}): Promise<BillingRunDto> {
  const dto = await withScope(ctx.db, scope, async (tx) => {
    const [run] = await tx.insert(billingRuns).values({ ispId, asOf, total: await dueCount(tx, ispId, asOf, opts.subscriberId ?? null), startedBy: actor.id }).returning();
    const out = toRunDto(run!, await ispCurrency(tx, ispId));
    await recordChange(tx, actor, { ispId, action: 'billing_run.started', entityType: 'billing_run', entityId: out.id, after: out });
    return out;
  });
  const job = executeBillingRun(ctx, { actor, scope }, dto.id, opts.batchSize, opts.subscriberId ?? null);
  if (opts.wait) {
    await job;
    return getBillingRun(ctx, scope, dto.id);
  }
  void job;
  return dto;
}

export async function getBillingRun(ctx: AppContext, scope: Scope, id: string): Promise<BillingRunDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const [run] = await tx.select().from(billingRuns).where(eq(billingRuns.id, id));
    if (!run) throw notFound('Billing run');
    return toRunDto(run, await ispCurrency(tx, run.ispId));
  });
}

export async function listBillingRuns(ctx: AppContext, scope: Scope, ispId: string, q: { limit: number; offset: number }) {
  return withScope(ctx.db, scope, async (tx) => {
    const list = await tx.select().from(billingRuns).where(eq(billingRuns.ispId, ispId)).orderBy(desc(billingRuns.startedAt)).limit(q.limit).offset(q.offset);
    const [count] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM billing_runs WHERE isp_id = ${ispId}`);
    const currency = await ispCurrency(tx, ispId);
    return { items: list.map((r) => toRunDto(r, currency)), total: count?.n ?? 0, limit: q.limit, offset: q.offset };
  });
}
