import { describe, expect, it } from 'vitest';
import { actualTexts, arabicBodies, readPdf, uba } from '../../platform/pdf/pdf-glyphs.fixture.ts';
import { invoiceStrings, renderInvoicePdf } from '../billing/index.ts';
import { platformLines } from './platform-charges.ts';
import { asBillingInvoice } from './platform-invoice-pdf.ts';
import type { PlatformInvoiceDto } from './platform-billing.schemas.ts';

const [line] = platformLines({ name: 'Growth', kind: 'per_subscriber', priceMinor: 150, minimumMinor: 0 }, 420, { start: '2026-10-01', end: '2026-10-31' }, 'ar');
const invoice: PlatformInvoiceDto = {
  id: '00000000-0000-0000-0000-000000000001', isp_id: '00000000-0000-0000-0000-000000000002', isp_name: 'شبكات النور', number: 'SAAS-000012', status: 'issued',
  currency: 'EUR', issue_date: '2026-11-01', due_date: '2026-11-15', period_start: '2026-10-01', period_end: '2026-10-31', active_subscribers: 420,
  subtotal: 63000, tax_total: 0, total: 63000, amount_paid: 0, balance: 63000, created_at: '2026-11-01T00:00:00.000Z', plan_id: null,
  seller: { name: 'AstraNetix SaaS', address: 'Dublin', country: 'IE', tax_id: 'IE1234567X' }, buyer: { name: 'شبكات النور', address: 'الرياض', country: 'SA', tax_id: null },
  locale: 'ar', notes: null, void_reason: null, payments: [], taxes: [],
  lines: [{ id: 'l1', position: 1, kind: line!.kind, description: line!.description, quantity: line!.quantity, unit: line!.unit, unit_price: line!.unitPrice, net_amount: line!.amount, tax_amount: 0, gross_amount: line!.amount }],
};

describe("platform invoice PDF in the ISP's Arabic", () => {
  it('uses the billing layout mirrored, its line description in the order the UBA gives', async () => {
    const pdf = await renderInvoicePdf(asBillingInvoice(invoice), { displayName: 'AstraNetix', primaryColor: '#1565c0', logoUrl: null });
    const [page] = await readPdf(pdf);
    const find = (t: string) => page!.lines.find((l) => arabicBodies(l.text) === arabicBodies(uba(t)));
    const right = page!.width - 40;
    // "Growth — المشتركون النشطون في 2026-10-31": the plan name first, at the right edge of the description cell.
    expect(line!.description).toBe('Growth — المشتركون النشطون في 2026-10-31');
    const description = find(line!.description)!;
    expect(description.right).toBeCloseTo(right - 4, 0);
    expect(description.text.endsWith('Growth')).toBe(true);
    // The ISP (buyer) on the right under the Arabic "bill to", the seller's Latin name on the right of the header.
    expect(find(invoiceStrings.ar.billTo)!.right).toBeCloseTo(right, 0);
    expect(page!.lines.find((l) => l.text === 'AstraNetix SaaS')!.right).toBeCloseTo(right, 0);
    expect(actualTexts(pdf)).toContain(line!.description);
  });
});
