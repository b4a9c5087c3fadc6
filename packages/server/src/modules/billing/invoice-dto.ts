import { z } from 'zod';
import { iso } from '../../platform/http/api.ts';
import type { InvoiceLineRow, InvoiceRow } from './schema.ts';
import { invoiceTaxes } from './schema.ts';

const party = z.object({
  name: z.string().nullable().optional(), address: z.string().nullable().optional(), country: z.string().nullable().optional(), region: z.string().nullable().optional(),
  tax_id: z.string().nullable().optional(), email: z.string().nullable().optional(), account_number: z.string().nullable().optional(), is_business: z.boolean().optional(),
});
export const invoiceSummaryDto = z.object({
  id: z.string(), number: z.string().nullable(), series: z.string(), kind: z.string(), source: z.string(), status: z.string(), subscriber_id: z.string(),
  subscriber_name: z.string().nullable(), currency: z.string(), issue_date: z.string().nullable(), due_date: z.string().nullable(),
  period_start: z.string().nullable(), period_end: z.string().nullable(), subtotal: z.number().int(), tax_total: z.number().int(), total: z.number().int(),
  amount_paid: z.number().int(), amount_credited: z.number().int(), balance: z.number().int(), credit_note_of: z.string().nullable(), created_at: z.string(),
});
export const invoiceLineDto = z.object({
  id: z.string(), position: z.number().int(), kind: z.string(), category: z.string(), description: z.string(), quantity: z.string(), unit: z.string().nullable(),
  unit_price: z.number().int(), net_amount: z.number().int(), tax_amount: z.number().int(), gross_amount: z.number().int(),
  period_start: z.string().nullable(), period_end: z.string().nullable(), usage_bytes: z.number().int().nullable(), included_bytes: z.number().int().nullable(),
});
export const invoiceTaxDto = z.object({ line_id: z.string().nullable(), name: z.string(), kind: z.string(), rate: z.string(), taxable_amount: z.number().int(), amount: z.number().int(), reverse_charge: z.boolean() });
export const invoiceDto = invoiceSummaryDto.extend({
  base_currency: z.string(), exchange_rate: z.string(), exchange_rate_date: z.string().nullable(), prices_include_tax: z.boolean(),
  seller: party, buyer: party, locale: z.string(), notes: z.string().nullable(), void_reason: z.string().nullable(), issued_at: z.string().nullable(),
  emailed_at: z.string().nullable(), lines: z.array(invoiceLineDto), taxes: z.array(invoiceTaxDto), credit_notes: z.array(z.object({ id: z.string(), number: z.string().nullable(), total: z.number().int() })),
});
export type InvoiceSummary = z.infer<typeof invoiceSummaryDto>;
export type InvoiceDto = z.infer<typeof invoiceDto>;

export const trimDecimal = (r: string) => (r.includes('.') ? r.replace(/0+$/, '').replace(/\.$/, '') : r);

export const toSummary = (i: InvoiceRow, name: string | null = i.buyer?.name ?? null): InvoiceSummary => ({
  id: i.id, number: i.number, series: i.series, kind: i.kind, source: i.source, status: i.status, subscriber_id: i.subscriberId, subscriber_name: name,
  currency: i.currency.trim(), issue_date: i.issueDate, due_date: i.dueDate, period_start: i.periodStart, period_end: i.periodEnd, subtotal: i.subtotal,
  tax_total: i.taxTotal, total: i.total, amount_paid: i.amountPaid, amount_credited: i.amountCredited,
  balance: i.kind === 'invoice' && i.status !== 'void' && i.status !== 'draft' ? i.total - i.amountPaid - i.amountCredited : 0,
  credit_note_of: i.creditNoteOf, created_at: iso(i.createdAt)!,
});

export function toInvoiceDto(i: InvoiceRow, lines: InvoiceLineRow[], taxes: (typeof invoiceTaxes.$inferSelect)[], credits: { id: string; number: string | null; total: number }[]): InvoiceDto {
  return {
    ...toSummary(i), base_currency: i.baseCurrency.trim(), exchange_rate: trimDecimal(i.exchangeRate), exchange_rate_date: i.exchangeRateDate,
    prices_include_tax: i.pricesIncludeTax, seller: i.seller, buyer: i.buyer, locale: i.locale, notes: i.notes, void_reason: i.voidReason,
    issued_at: iso(i.issuedAt), emailed_at: iso(i.emailedAt),
    lines: lines.sort((a, b) => a.position - b.position).map((l) => ({
      id: l.id, position: l.position, kind: l.kind, category: l.category, description: l.description, quantity: trimDecimal(l.quantity), unit: l.unit,
      unit_price: l.unitPrice, net_amount: l.netAmount, tax_amount: l.taxAmount, gross_amount: l.grossAmount, period_start: l.periodStart, period_end: l.periodEnd,
      usage_bytes: l.usageBytes, included_bytes: l.includedBytes,
    })),
    taxes: taxes.map((t) => ({ line_id: t.lineId, name: t.name, kind: t.kind, rate: trimDecimal(t.rate), taxable_amount: t.taxableAmount, amount: t.amount, reverse_charge: t.reverseCharge })),
    credit_notes: credits,
  };
}
