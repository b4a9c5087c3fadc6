import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { iso } from '../../platform/http/api.ts';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { conflict } from '../../platform/errors.ts';
import { addDays, addMonths, formatNumber, loadBillingContext, reserveSeries, taxInvoice } from '../billing/index.ts';
import { pickLocale } from '../../platform/i18n/document-locale.ts';
import { platformLines, platformTaxRules } from './platform-charges.ts';
import {
  platformBillingRuns, platformBillingSettings, platformInvoiceLines, platformInvoiceTaxes, platformInvoices, type PlatformPlanRow,
} from './schema.ts';
import type { runDto } from './platform-billing.schemas.ts';

type DueRow = {
  isp_id: string; display_name: string; default_locale: string; plan_id: string; plan_name: string; kind: PlatformPlanRow['kind'];
  price_minor: string; minimum_minor: string; active: number;
};

/** The ISPs to bill for the period: on a plan that started by its end, not terminated, no live invoice yet. */
async function dueIsps(tx: Tx, start: string, end: string) {
  const list = await rows<DueRow>(tx, sql`
    SELECT a.isp_id, i.display_name, i.default_locale, p.id AS plan_id, p.name AS plan_name, p.kind, p.price_minor, p.minimum_minor,
      -- Subscribers active at the end of the period's last day in the ISP's time zone.
      (SELECT count(*)::int FROM subscribers s WHERE s.isp_id = a.isp_id AND s.status = 'active'
         AND coalesce(s.activated_at, s.created_at) < ((${end}::date + 1)::timestamp AT TIME ZONE i.timezone)) AS active
    FROM platform_plan_assignments a JOIN isps i ON i.id = a.isp_id JOIN platform_plans p ON p.id = a.plan_id
    WHERE a.start_date <= ${end}::date AND i.status <> 'terminated'
      AND NOT EXISTS (SELECT 1 FROM platform_invoices v WHERE v.isp_id = a.isp_id AND v.period_start = ${start}::date AND v.status <> 'void')
    ORDER BY i.display_name, a.isp_id`);
  return list.map((r) => ({
    ...r, plan: { id: r.plan_id, name: r.plan_name, kind: r.kind, priceMinor: Number(r.price_minor), minimumMinor: Number(r.minimum_minor) },
  }));
}

/**
 * Bills one calendar month to every ISP on a plan. Idempotent per period: an ISP that already
 * has a live (not void) invoice for it is skipped, runs of one period queue on an advisory lock,
 * and a unique index backs both. Issued invoices take consecutive numbers of the platform series.
 */
export async function runPlatformBilling(ctx: AppContext, actor: Actor, input: { period: string; issue: boolean }, today = new Date().toISOString().slice(0, 10)): Promise<z.infer<typeof runDto>> {
  const start = `${input.period}-01`;
  const end = addDays(addMonths(start, 1), -1);
  if (start > today) throw conflict('A future month cannot be billed');
  return withScope(ctx.db, platformScope, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('platform_billing_run'))`);
    const [settings] = await tx.select().from(platformBillingSettings);
    const s = settings!;
    const due = await dueIsps(tx, start, end);
    const [skipped] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM platform_invoices WHERE period_start = ${start}::date AND status <> 'void'`);
    const issueDate = addDays(end, 1) < today ? addDays(end, 1) : today;
    const dueDate = addDays(issueDate, s.paymentTermsDays);
    const first = input.issue && due.length > 0 ? await reserveSeries(tx, { kind: 'platform' }, s.invoiceSeries, due.length) : null;
    const runId = randomUUID();
    await tx.insert(platformBillingRuns).values({ id: runId, periodStart: start, periodEnd: end, startedBy: actor.kind === 'founder' ? actor.id : null });
    const rules = platformTaxRules(s);
    const seller = { name: s.legalName, address: s.address, country: s.country?.trim() ?? null, region: s.region, tax_id: s.taxId };
    let total = 0;
    for (const [i, d] of due.entries()) {
      const locale = pickLocale(d.default_locale);
      const lines = platformLines(d.plan, d.active, { start, end }, locale);
      const buyerCtx = await loadBillingContext(tx, d.isp_id);
      const buyer = { ...buyerCtx.seller, name: buyerCtx.seller.name ?? d.display_name, is_business: true };
      const taxed = taxInvoice(lines.map((l) => ({ amount: l.amount, category: 'saas' })), rules, {
        seller, buyer: { country: buyer.country, region: buyer.region, isBusiness: true, taxId: buyer.tax_id ?? null }, date: issueDate, pricesIncludeTax: s.pricesIncludeTax,
      });
      const seq = first === null ? null : first + i;
      const [inv] = await tx.insert(platformInvoices).values({
        ispId: d.isp_id, planId: d.plan.id, runId, series: s.invoiceSeries, sequence: seq, number: seq === null ? null : formatNumber(s.invoiceSeries, seq),
        status: input.issue ? 'issued' : 'draft', currency: s.currency, issueDate, dueDate, periodStart: start, periodEnd: end, activeSubscribers: d.active,
        pricesIncludeTax: s.pricesIncludeTax, subtotal: taxed.subtotal, taxTotal: taxed.taxTotal, total: taxed.total, seller, buyer, locale,
        notes: s.invoiceFooter, issuedAt: input.issue ? new Date() : null,
      }).returning();
      const lineRows = await tx.insert(platformInvoiceLines).values(lines.map((l, j) => ({
        ispId: d.isp_id, invoiceId: inv!.id, position: j + 1, kind: l.kind, description: l.description, quantity: l.quantity, unit: l.unit,
        unitPrice: l.unitPrice, netAmount: taxed.lines[j]!.net, taxAmount: taxed.lines[j]!.tax, grossAmount: taxed.lines[j]!.gross,
      }))).returning({ id: platformInvoiceLines.id });
      const taxes = taxed.lines.flatMap((r, j) => r.taxes.map((t) => ({
        ispId: d.isp_id, invoiceId: inv!.id, lineId: lineRows[j]!.id, name: t.name, kind: t.kind, rate: t.rate, taxableAmount: t.taxable, amount: t.amount, reverseCharge: t.reverseCharge,
      })));
      if (taxes.length) await tx.insert(platformInvoiceTaxes).values(taxes);
      total += taxed.total;
      await recordChange(tx, actor, {
        ispId: d.isp_id, action: input.issue ? 'platform_invoice.issued' : 'platform_invoice.created', entityType: 'platform_invoice', entityId: inv!.id,
        after: { number: inv!.number, period_start: start, active_subscribers: d.active, total: taxed.total, currency: s.currency.trim() },
      });
    }
    const [run] = await tx.update(platformBillingRuns).set({ invoiced: due.length, skipped: skipped!.n, totalAmount: total, finishedAt: new Date() })
      .where(sql`id = ${runId}`).returning();
    const dto = runToDto(run!);
    await recordChange(tx, actor, { ispId: null, action: 'platform_billing.run_completed', entityType: 'platform_billing_run', entityId: runId, after: dto });
    return dto;
  });
}

export const runToDto = (r: typeof platformBillingRuns.$inferSelect): z.infer<typeof runDto> => ({
  id: r.id, period_start: r.periodStart, period_end: r.periodEnd, status: r.status, invoiced: r.invoiced, skipped: r.skipped,
  total_amount: r.totalAmount, started_at: iso(r.startedAt)!, finished_at: iso(r.finishedAt),
});

export async function listPlatformRuns(ctx: AppContext): Promise<z.infer<typeof runDto>[]> {
  return withScope(ctx.db, platformScope, async (tx) =>
    (await tx.select().from(platformBillingRuns).orderBy(sql`started_at DESC`).limit(24)).map(runToDto));
}
