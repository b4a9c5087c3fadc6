import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { formatNumber, reserveSeries } from './numbering.ts';
import { taxInvoice, type TaxContext, type TaxRuleInput } from './tax-engine.ts';
import { invoices, type PartyInfo } from './schema.ts';

// Column lists of the bulk inserts. Rows travel as one jsonb parameter and are unpacked by
// jsonb_to_recordset: a batch of a thousand invoices is three statements with one parameter
// each, instead of tens of thousands of bound parameters.
const invoiceCols = `id uuid, isp_id uuid, branch_id uuid, subscriber_id uuid, subscription_id uuid, kind text, source text, series text, sequence bigint,
  number text, status text, currency char(3), base_currency char(3), exchange_rate numeric, exchange_rate_date date, issue_date date, due_date date,
  period_start date, period_end date, prices_include_tax boolean, subtotal bigint, tax_total bigint, total bigint, credit_note_of uuid, seller jsonb,
  buyer jsonb, locale text, notes text, issued_at timestamptz`;
const lineCols = `id uuid, isp_id uuid, invoice_id uuid, position integer, kind text, category text, description text, quantity numeric, unit text,
  unit_price bigint, net_amount bigint, tax_amount bigint, gross_amount bigint, period_start date, period_end date, usage_bytes bigint, included_bytes bigint`;
const taxCols = `isp_id uuid, invoice_id uuid, line_id uuid, tax_rule_id uuid, name text, kind text, rate numeric, taxable_amount bigint, amount bigint, reverse_charge boolean`;

async function bulkInsert(tx: Tx, table: string, cols: string, values: readonly Record<string, unknown>[]) {
  if (values.length === 0) return;
  const names = cols.split(',').map((c) => c.trim().split(' ')[0]).join(', ');
  await tx.execute(sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names)}) SELECT ${sql.raw(names)} FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS x(${sql.raw(cols)})`);
}

/** A line before tax: `amount` is net (exclusive pricing) or tax-inclusive (inclusive pricing). */
export type DraftLine = {
  kind: 'plan' | 'proration' | 'one_time' | 'overage' | 'adjustment' | 'credit' | 'addon' | 'discount';
  /** No tax rule applies (an add-on the ISP sells tax-free, a deposit-like pass-through). */
  exempt?: boolean;
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

export { formatNumber } from './numbering.ts';

/** The next `count` numbers of the ISP's series (see reserveSeries). */
export const reserveNumbers = (tx: Tx, ispId: string, series: string, count: number): Promise<number> =>
  reserveSeries(tx, { kind: 'isp', ispId }, series, count);

/**
 * Inserts invoices with their lines and taxes, numbered when `issue` is true, in the caller's
 * transaction; multi-row inserts so that a billing-run batch is a handful of statements.
 */
export async function writeInvoices(tx: Tx, drafts: readonly InvoiceDraft[], rules: readonly TaxRuleInput[], issue: boolean, now = new Date()) {
  if (drafts.length === 0) return [];
  const computed = drafts.map((d) => {
    if (d.fixedLineTotals) {
      const subtotal = d.fixedLineTotals.reduce((a, l) => a + l.net, 0);
      const taxTotal = d.fixedLineTotals.reduce((a, l) => a + l.tax, 0);
      return { lines: d.fixedLineTotals.map((l) => ({ ...l, taxes: [] })), subtotal, taxTotal, total: subtotal + taxTotal };
    }
    const ctx: TaxContext = { seller: d.seller, buyer: { ...d.buyer, isBusiness: d.buyer.is_business ?? false, taxId: d.buyer.tax_id ?? null }, date: d.issueDate, pricesIncludeTax: d.pricesIncludeTax };
    return taxInvoice(d.lines.map((l) => ({ amount: l.amount, category: l.category, exempt: l.exempt ?? false })), rules, ctx);
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
  // Ids made here, so lines and taxes refer to them without relying on RETURNING order.
  const ids = drafts.map(() => randomUUID());
  const invoiceRows = drafts.map((d, i) => {
    const c = computed[i]!;
    const key = `${d.ispId}|${d.series}`;
    const seq = issue ? firstBySeries.get(key)! : null;
    if (issue) firstBySeries.set(key, seq! + 1);
    return {
      id: ids[i]!, isp_id: d.ispId, branch_id: d.branchId, subscriber_id: d.subscriberId, subscription_id: d.subscriptionId, kind: d.kind, source: d.source,
      series: d.series, sequence: seq, number: seq === null ? null : formatNumber(d.series, seq), status: issue ? 'issued' : 'draft',
      currency: d.currency, base_currency: d.baseCurrency, exchange_rate: d.exchangeRate, exchange_rate_date: d.exchangeRateDate,
      issue_date: issue ? d.issueDate : null, due_date: d.dueDate, period_start: d.periodStart, period_end: d.periodEnd, prices_include_tax: d.pricesIncludeTax,
      subtotal: c.subtotal, tax_total: c.taxTotal, total: c.total, credit_note_of: d.creditNoteOf, seller: d.seller, buyer: d.buyer,
      locale: d.locale, notes: d.notes, issued_at: issue ? now.toISOString() : null,
    };
  });
  await bulkInsert(tx, 'invoices', invoiceCols, invoiceRows);
  const lineIds = drafts.map((d) => d.lines.map(() => randomUUID()));
  const lineValues = drafts.flatMap((d, i) => d.lines.map((l, j) => {
    const r = computed[i]!.lines[j]!;
    return {
      id: lineIds[i]![j]!, ispId: d.ispId, invoiceId: ids[i]!, position: j + 1, kind: l.kind, category: l.category, description: l.description,
      quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, netAmount: r.net, taxAmount: r.tax, grossAmount: r.gross,
      periodStart: l.periodStart ?? null, periodEnd: l.periodEnd ?? null, usageBytes: l.usageBytes ?? null, includedBytes: l.includedBytes ?? null,
    };
  }));
  await bulkInsert(tx, 'invoice_lines', lineCols, lineValues.map((l) => ({
    id: l.id, isp_id: l.ispId, invoice_id: l.invoiceId, position: l.position, kind: l.kind, category: l.category, description: l.description, quantity: l.quantity,
    unit: l.unit, unit_price: l.unitPrice, net_amount: l.netAmount, tax_amount: l.taxAmount, gross_amount: l.grossAmount, period_start: l.periodStart,
    period_end: l.periodEnd, usage_bytes: l.usageBytes, included_bytes: l.includedBytes,
  })));
  const taxValues = drafts.flatMap((d, i) => {
    const invoiceId = ids[i]!;
    const taxes = d.fixedTaxes ?? computed[i]!.lines.flatMap((r, j) => r.taxes.map((t) => ({ lineIndex: j, name: t.name, kind: t.kind, rate: t.rate, taxable: t.taxable, amount: t.amount, reverseCharge: t.reverseCharge, ruleId: t.ruleId })));
    return taxes.map((t) => ({
      ispId: d.ispId, invoiceId, lineId: lineIds[i]![t.lineIndex] ?? null, taxRuleId: t.ruleId, name: t.name, kind: t.kind,
      rate: t.rate, taxableAmount: t.taxable, amount: t.amount, reverseCharge: t.reverseCharge,
    }));
  });
  await bulkInsert(tx, 'invoice_taxes', taxCols, taxValues.map((t) => ({
    isp_id: t.ispId, invoice_id: t.invoiceId, line_id: t.lineId, tax_rule_id: t.taxRuleId, name: t.name, kind: t.kind, rate: t.rate,
    taxable_amount: t.taxableAmount, amount: t.amount, reverse_charge: t.reverseCharge,
  })));
  return tx.select().from(invoices).where(inArray(invoices.id, ids)).then((list) => {
    const byId = new Map(list.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)!);
  });
}
