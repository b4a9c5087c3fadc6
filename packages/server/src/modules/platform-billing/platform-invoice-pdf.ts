import type { AppContext } from '../../platform/context.ts';
import type { Scope } from '../../platform/db/scope.ts';
import { notFound } from '../../platform/errors.ts';
import { type InvoiceDto, renderInvoicePdf } from '../billing/index.ts';
import { getPlatformInvoice } from './platform-invoices.service.ts';
import type { PlatformInvoiceDto } from './platform-billing.schemas.ts';

/** The platform invoice in the shape the billing module's PDF renderer reads: one layout for both. */
export function asBillingInvoice(p: PlatformInvoiceDto): InvoiceDto {
  return {
    id: p.id, number: p.number, series: p.number?.replace(/-\d+$/, '') ?? '', kind: 'invoice', source: 'manual', status: p.status, subscriber_id: p.isp_id,
    subscriber_name: p.isp_name, currency: p.currency, issue_date: p.issue_date, due_date: p.due_date, period_start: p.period_start, period_end: p.period_end,
    subtotal: p.subtotal, tax_total: p.tax_total, total: p.total, amount_paid: p.amount_paid, amount_credited: 0, balance: p.balance, credit_note_of: null,
    created_at: p.created_at, base_currency: p.currency, exchange_rate: '1', exchange_rate_date: null, prices_include_tax: false,
    seller: p.seller, buyer: p.buyer, locale: p.locale, notes: p.notes, void_reason: p.void_reason, issued_at: null, emailed_at: null,
    lines: p.lines.map((l) => ({ ...l, category: 'saas', period_start: p.period_start, period_end: p.period_end, usage_bytes: null, included_bytes: null })),
    taxes: p.taxes, credit_notes: [],
  };
}

export async function platformInvoicePdf(ctx: AppContext, scope: Scope, id: string): Promise<{ name: string; body: Buffer }> {
  const inv = await getPlatformInvoice(ctx, scope, id);
  if (inv.status === 'draft' && scope.kind !== 'platform') throw notFound('Platform invoice');
  const body = await renderInvoicePdf(asBillingInvoice(inv), { displayName: inv.seller.name ?? 'AstraNetix', primaryColor: '#1565c0', logoUrl: null });
  return { name: `${inv.number ?? `draft-${inv.id.slice(0, 8)}`}.pdf`, body };
}
