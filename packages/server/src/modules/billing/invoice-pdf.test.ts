import { describe, expect, it } from 'vitest';
import { actualTexts, arabicBodies, readPdf, uba, type Line } from '../../platform/pdf/pdf-glyphs.fixture.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { invoiceStrings } from './invoice-strings.ts';
import type { InvoiceDto } from './invoice-dto.ts';

const invoice = (locale: string, currency = 'INR'): InvoiceDto => ({
  id: '00000000-0000-0000-0000-000000000001', number: 'INV-000042', series: 'INV', kind: 'invoice', source: 'cycle', status: 'issued',
  subscriber_id: '00000000-0000-0000-0000-000000000002', subscriber_name: 'Asha Rao', currency, issue_date: '2026-11-01', due_date: '2026-11-15',
  period_start: '2026-10-01', period_end: '2026-10-31', subtotal: 101900, tax_total: 18342, total: 120242, amount_paid: 20000, amount_credited: 0, balance: 100242,
  credit_note_of: null, created_at: '2026-11-01T00:00:00.000Z', base_currency: 'EUR', exchange_rate: '90.5', exchange_rate_date: '2026-10-31', prices_include_tax: false,
  seller: { name: 'Billco Networks', tax_id: '29ABCDE1234F1Z5', address: 'Bengaluru' }, buyer: { name: 'Asha Rao', tax_id: '27ABCDE1234F1Z5', account_number: 'A-1' },
  locale, notes: null, void_reason: null, issued_at: null, emailed_at: null, credit_notes: [],
  lines: [
    { id: 'l1', position: 1, kind: 'plan', category: 'internet', description: 'Home 100, 2026-10-01 – 2026-10-31', quantity: '1', unit: null, unit_price: 99900, net_amount: 99900, tax_amount: 17982, gross_amount: 117882, period_start: null, period_end: null, usage_bytes: null, included_bytes: null },
    { id: 'l2', position: 2, kind: 'overage', category: 'internet', description: 'Data beyond the plan quota', quantity: '2', unit: 'GB', unit_price: 1000, net_amount: 2000, tax_amount: 360, gross_amount: 2360, period_start: null, period_end: null, usage_bytes: 102_000_000_000, included_bytes: 100_000_000_000 },
  ],
  taxes: [{ line_id: 'l1', name: 'IGST', kind: 'gst', rate: '18', taxable_amount: 99900, amount: 17982, reverse_charge: false }, { line_id: 'l2', name: 'IGST', kind: 'gst', rate: '18', taxable_amount: 2000, amount: 360, reverse_charge: false }],
});

describe('invoice PDF', () => {
  it.each([['en', 'NotoSans'], ['es', 'NotoSans'], ['fr', 'NotoSans'], ['ar', 'NotoSansArabic'], ['hi', 'NotoSansDevanagari']])('renders in %s with the script font embedded', async (locale, font) => {
    const pdf = await renderInvoicePdf(invoice(locale), { displayName: 'Billco', primaryColor: '#0a7d4f', logoUrl: null });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(font);
  });
  it('prints amounts with each currency exponent (JPY, BHD)', async () => {
    for (const c of ['JPY', 'BHD']) {
      const pdf = await renderInvoicePdf(invoice('en', c), { displayName: 'Billco', primaryColor: '#0a7d4f', logoUrl: null });
      expect(pdf.length).toBeGreaterThan(1000);
    }
  });
});

/** The drawn line showing `logical` (an Arabic text is drawn reversed; letters compared on their bodies). */
const drawn = (lines: Line[], logical: string, rtl: boolean) => {
  const want = arabicBodies(rtl ? uba(logical) : logical);
  const found = lines.filter((l) => arabicBodies(l.text) === want);
  expect(found, `no line reads ${logical}`).toHaveLength(1);
  return found[0]!;
};
const brand = { displayName: 'Billco', primaryColor: '#0a7d4f', logoUrl: null };

describe('invoice PDF in Arabic', () => {
  it('is the English layout mirrored: labels right-aligned on the right, the lines table running right to left', async () => {
    const ar = invoiceStrings.ar;
    const pdf = await renderInvoicePdf({ ...invoice('ar'), seller: { name: 'شبكات النور', tax_id: '300123456700003', address: 'الرياض' } }, brand);
    const [page] = await readPdf(pdf);
    const right = page!.width - 40;
    // The seller's name and the "bill to" label end at the right margin; the title sits on the left.
    expect(drawn(page!.lines, 'شبكات النور', true).right).toBeCloseTo(right, 0);
    expect(drawn(page!.lines, ar.billTo, true).right).toBeCloseTo(right, 0);
    expect(drawn(page!.lines, ar.invoice, true).left).toBeCloseTo(40, 0);
    // A label with a number: the UBA's order, the number left to right after the Arabic label.
    const taxId = drawn(page!.lines, `${ar.taxId}: 300123456700003`, true);
    expect(taxId.text.startsWith('300123456700003')).toBe(true);
    // Table header: description at the right edge, amount to the left of it, on one row.
    const description = drawn(page!.lines, ar.description, true);
    const amount = drawn(page!.lines, ar.amount, true);
    expect(description.right).toBeCloseTo(right - 4, 0);
    expect(Math.abs(amount.y - description.y)).toBeLessThan(1);
    expect(amount.left).toBeLessThan(description.left);
    // Amounts are aligned to the left end of their cells.
    expect(drawn(page!.lines, 'INR 1,178.82', false).left).toBeLessThan(amount.right);
    // Copy and search see the Arabic as written.
    expect(actualTexts(pdf)).toEqual(expect.arrayContaining([ar.billTo, `${ar.taxId}: 300123456700003`, ar.statuses.issued]));
  });

  it('keeps the left-to-right layout for the other languages', async () => {
    const [page] = await readPdf(await renderInvoicePdf(invoice('en'), brand));
    const description = drawn(page!.lines, 'Description', false);
    const amount = drawn(page!.lines, 'Amount', false);
    expect(description.left).toBeCloseTo(44, 0);
    expect(amount.left).toBeGreaterThan(description.right);
    expect(drawn(page!.lines, 'Bill to', false).left).toBeCloseTo(40, 0);
    expect(drawn(page!.lines, 'Issued', false).right).toBeCloseTo(page!.width - 40, 0);
  });
});
