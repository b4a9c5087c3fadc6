import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { actualTexts, arabicBodies, readPdf, uba } from '../../../platform/pdf/pdf-glyphs.fixture.ts';
import { renderReceipt } from './receipt.ts';
import { receiptStrings } from './receipt-strings.ts';
import type { PaymentDto } from './payments.schemas.ts';

const payment: PaymentDto = {
  id: '00000000-0000-0000-0000-000000000001', isp_id: '00000000-0000-0000-0000-000000000002', subscriber_id: '00000000-0000-0000-0000-000000000003',
  subscriber_name: 'Asha Rao', account_number: 'ACC-000042', number: 'RCPT-000042', method: 'cash', provider: null, status: 'succeeded', amount: 120242,
  currency: 'INR', amount_refunded: 0, reference: 'CTR-7', gateway_reference: null, risk_score: 0, risk_level: 'low', risk_reasons: [], review_note: null,
  reviewed_at: null, failure_reason: null, notes: null, received_at: '2026-11-20T10:30:00.000Z', created_at: '2026-11-20T10:30:00.000Z',
  allocations: [{
    invoice_id: '00000000-0000-0000-0000-000000000004', invoice_number: 'INV-000042', payment_id: '00000000-0000-0000-0000-000000000001', amount: 100000, currency: 'INR',
    invoice_amount: 100000, invoice_currency: 'INR', exchange_rate: '1', rate_date: null, rate_source: null,
  }], wallet_credit: 20242,
};
const brand = { displayName: 'Billco Networks', primaryColor: '#0a7d4f', address: 'Bengaluru', taxId: '29ABCDE1234F1Z5', contactEmail: 'billing@billco.test' };
const payer = { name: 'Asha Rao', accountNumber: 'ACC-000042', email: null };

describe('payment receipt PDF', () => {
  it.each([['en', 'NotoSans'], ['es', 'NotoSans'], ['fr', 'NotoSans'], ['ar', 'NotoSansArabic'], ['hi', 'NotoSansDevanagari']])('renders in %s with the script font embedded', async (locale, font) => {
    const pdf = await renderReceipt(payment, brand, payer, locale);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(font);
  });
  it("titles the document in the payer's language, English when the language is unknown", async () => {
    expect((await renderReceipt(payment, brand, payer, 'es-MX')).toString('latin1')).toContain('Recibo de pago RCPT-000042');
    expect((await renderReceipt(payment, brand, payer, 'en')).toString('latin1')).toContain('Payment receipt RCPT-000042');
    expect((await renderReceipt(payment, brand, payer, 'de')).toString('latin1')).toContain('Payment receipt RCPT-000042');
    expect((await renderReceipt({ ...payment, number: null, status: 'held' }, brand, payer, 'ar')).subarray(0, 5).toString()).toBe('%PDF-');
  });
  it('lays an Arabic receipt out right to left: labels at the right margin, values to their left, in UBA order', async () => {
    const ar = receiptStrings.ar;
    const pdf = await renderReceipt(payment, brand, { ...payer, name: 'أحمد Rao' }, 'ar');
    const [page] = await readPdf(pdf);
    const find = (t: string) => page!.lines.find((l) => arabicBodies(l.text) === arabicBodies(uba(t)));
    const right = page!.width - 36;
    expect(find(ar.title)?.right).toBeCloseTo(right, 0);
    const label = find(ar.amountReceived)!;
    expect(label.right).toBeCloseTo(right, 0);
    const amount = page!.lines.find((l) => l.text === 'INR 1,202.42')!;
    expect(Math.abs(amount.y - label.y)).toBeLessThan(2);
    expect(amount.right).toBeLessThan(label.left);
    // The payer: an Arabic name then a Latin one, and the account in brackets, as the UBA orders them.
    expect(find('أحمد Rao (ACC-000042)')).toBeDefined();
    expect(actualTexts(pdf)).toEqual(expect.arrayContaining([ar.title, 'أحمد Rao (ACC-000042)', ar.methods.cash]));
  });
});

describe('a receipt of a payment in another currency than the invoice', () => {
  it('shows both amounts, the rate, its day and its source', async () => {
    const jpy: PaymentDto = {
      ...payment, currency: 'JPY', amount: 2000, wallet_credit: 387, allocations: [{
        invoice_id: '00000000-0000-0000-0000-000000000004', invoice_number: 'INV-000042', payment_id: payment.id, amount: 1613, currency: 'JPY',
        invoice_amount: 1000, invoice_currency: 'USD', exchange_rate: '0.0062', rate_date: '2026-11-19', rate_source: 'ecb/eur-cross',
      }],
    };
    const text = (locale: string) => renderReceipt(jpy, brand, payer, locale).then((pdf) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString());
    const en = (await text('en')).replace(/\s+/g, ' ');
    expect(en).toContain('JPY 1,613 = USD 10.00');
    expect(en).toContain('1 JPY = 0.0062 USD (2026-11-19, ECB, crossed through EUR)');
    expect(en).toContain('JPY 387');
    expect(await text('fr')).toContain('Taux de change');
  });
});
