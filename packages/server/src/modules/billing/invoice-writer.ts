import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';
import { taxInvoice, type TaxContext, type TaxRuleInput } from './tax-engine.ts';
import { invoiceLines, invoices, invoiceTaxes, type PartyInfo } from './schema.ts';

/** A line before tax: `amount` is net (exclusive pricing) or tax-inclusive (inclusive pricing). */
export type DraftLine = {
  kind: 'plan' | 'proration' | 'one_time' | 'overage' | 'adjustment' | 'credit';
  category: string; description: string; quantity: string; unit: string | null; unitPrice: number; amount: number;
  periodStart?: string | null; periodEnd?: string | null; usageBytes?: number | null; includedBytes?: number | null;
};

export type InvoiceDraft = {
  ispId: string; branchId: string | null; subscriberId: string; subscriptionId: string | null;
  kind: 'invoice' | 'credit_note'; source: 'cycle' | 'recharge' | 'manual' | 'credit_note'; series: string;
  currency: string; baseCurrency: string; exchangeRate: string; exchangeRateDate: string | null;
  issueDate: string; dueDate: string; periodStart: string | null; periodEnd: string | null; pricesIncludeTax: boolean;
  seller: PartyInfo & { country: string | null; region: string | null }; buyer: PartyInfo & { country: string | null; region: string | null };
  locale: string; notes: string | null; creditNoteOf: string | null; lines: DraftLine[];
  /** Taxes already decided (credit notes copy their invoice's); otherwise computed from the rules. */
  fixedTaxes?: { lineIndex: number; name: string; kind: string; rate: string; taxable: number; amount: number; reverseCharge: boolean; ruleId: string | null }[];
  fixedLineTotals?: { net: number; tax: number; gross: number }[];
};

export const formatNumber = (series: string, seq: number) => `${series}-${String(seq).padStart(6, '0')}`;

/**
 * Reserves `count` consecutive numbers of a series. The counter row stays locked until the
 * caller's transaction ends, so concurrent billing runs (in any process) queue here, and a
 * rolled-back transaction returns its numbers: gapless and never duplicated.
 */
export async function reserveNumbers(tx: Tx, ispId: string, series: string, count: number): Promise<number> {
  const [row] = await rows<{ last_value: string }>(tx, sql`INSERT INTO invoice_counters (isp_id, series, last_value) VALUES (${ispId}, ${series}, ${count})
    ON CONFLICT (isp_id, series) DO UPDATE SET last_value = invoice_counters.last_value + ${count} RETURNING last_value`);
  return Number(row!.last_value) - count + 1;
}

/**
 * Inserts invoices with their lines and taxes, numbered when `issue` is true, in the caller's
 * transaction; multi-row inserts so that a billing-run batch is a handful of statements.
 */
export async function writeInvoices(tx: Tx, drafts: readonly InvoiceDraft[], rules: readonly TaxRuleInput[], issue: boolean) {
  if (drafts.length === 0) return [];
  const computed = drafts.map((d) => {
    if (d.fixedLineTotals) {
      const subtotal = d.fixedLineTotals.reduce((a, l) => a + l.net, 0);
      const taxTotal = d.fixedLineTotals.reduce((a, l) => a + l.tax, 0);
      return { lines: d.fixedLineTotals.map((l) => ({ ...l, taxes: [] })), subtotal, taxTotal, total: subtotal + taxTotal };
    }
    const ctx: TaxContext = { seller: d.seller, buyer: { ...d.buyer, isBusiness: d.buyer.is_business ?? false, taxId: d.buyer.tax_id ?? null }, date: d.issueDate, pricesIncludeTax: d.pricesIncludeTax };
    return taxInvoice(d.lines.map((l) => ({ amount: l.amount, category: l.category })), rules, ctx);
  });
  // Numbers per series, in draft order.
  const firstBySeries = new Map<string, number>();
  if (issue) {
    const counts = new Map<string, number>();
    for (const d of drafts) counts.set(`${d.ispId}|${d.series}`, (counts.get(`${d.ispId}|${d.series}`) ?? 0) + 1);
    for (const [key, n] of [...counts.entries()].sort()) {
      const [ispId, series] = key.split('|') as [string, string];
      firstBySeries.set(key, await reserveNumbers(tx, ispId, series, n));
    }
  }
  const now = new Date();
  // Ids made here, so lines and taxes refer to them without relying on RETURNING order.
  const ids = drafts.map(() => randomUUID());
  const inserted = await tx.insert(invoices).values(drafts.map((d, i) => {
    const c = computed[i]!;
    const key = `${d.ispId}|${d.series}`;
    const seq = issue ? firstBySeries.get(key)! : null;
    if (issue) firstBySeries.set(key, seq! + 1);
    return {
      id: ids[i]!, ispId: d.ispId, branchId: d.branchId, subscriberId: d.subscriberId, subscriptionId: d.subscriptionId, kind: d.kind, source: d.source,
      series: d.series, sequence: seq, number: seq === null ? null : formatNumber(d.series, seq), status: issue ? ('issued' as const) : ('draft' as const),
      currency: d.currency, baseCurrency: d.baseCurrency, exchangeRate: d.exchangeRate, exchangeRateDate: d.exchangeRateDate,
      issueDate: issue ? d.issueDate : null, dueDate: d.dueDate, periodStart: d.periodStart, periodEnd: d.periodEnd, pricesIncludeTax: d.pricesIncludeTax,
      subtotal: c.subtotal, taxTotal: c.taxTotal, total: c.total, creditNoteOf: d.creditNoteOf, seller: d.seller, buyer: d.buyer,
      locale: d.locale, notes: d.notes, issuedAt: issue ? now : null,
    };
  })).returning();
  const lineIds = drafts.map((d) => d.lines.map(() => randomUUID()));
  const lineValues = drafts.flatMap((d, i) => d.lines.map((l, j) => {
    const r = computed[i]!.lines[j]!;
    return {
      id: lineIds[i]![j]!, ispId: d.ispId, invoiceId: ids[i]!, position: j + 1, kind: l.kind, category: l.category, description: l.description,
      quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, netAmount: r.net, taxAmount: r.tax, grossAmount: r.gross,
      periodStart: l.periodStart ?? null, periodEnd: l.periodEnd ?? null, usageBytes: l.usageBytes ?? null, includedBytes: l.includedBytes ?? null,
    };
  }));
  for (let i = 0; i < lineValues.length; i += 3000) await tx.insert(invoiceLines).values(lineValues.slice(i, i + 3000));
  const taxValues = drafts.flatMap((d, i) => {
    const invoiceId = ids[i]!;
    const taxes = d.fixedTaxes ?? computed[i]!.lines.flatMap((r, j) => r.taxes.map((t) => ({ lineIndex: j, name: t.name, kind: t.kind, rate: t.rate, taxable: t.taxable, amount: t.amount, reverseCharge: t.reverseCharge, ruleId: t.ruleId })));
    return taxes.map((t) => ({
      ispId: d.ispId, invoiceId, lineId: lineIds[i]![t.lineIndex] ?? null, taxRuleId: t.ruleId, name: t.name, kind: t.kind,
      rate: t.rate, taxableAmount: t.taxable, amount: t.amount, reverseCharge: t.reverseCharge,
    }));
  });
  // Chunked: PostgreSQL takes at most 65535 parameters a statement.
  for (let i = 0; i < taxValues.length; i += 5000) await tx.insert(invoiceTaxes).values(taxValues.slice(i, i + 5000));
  const byId = new Map(inserted.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}
