import { openPdf, safeColour } from '../../../platform/pdf/pdf-document.ts';
import { formatAmount, formatMoney } from '../../../platform/money/money.ts';
import { numberLocale, pickLocale } from '../../../platform/i18n/document-locale.ts';
import { rateSourceLabel, receiptStrings } from './receipt-strings.ts';
import type { PaymentDto } from './payments.schemas.ts';

export type ReceiptBranding = { displayName: string; primaryColor: string; address: string | null; taxId: string | null; contactEmail: string | null };
export type ReceiptPayer = { name: string; accountNumber: string; email: string | null };

/** Minor units to a display string with the currency's own exponent (JPY 0, USD 2, BHD 3). */
export const formatMinor = (amount: number, currency: string, locale = 'en'): string => formatMoney(amount, currency, locale);

/**
 * A one-page A5 receipt in the ISP's colours and the payer's language, for the counter or for
 * sending by mail. Positions are from the reading edge (see PdfText): mirrored in Arabic.
 */
export function renderReceipt(p: PaymentDto, brand: ReceiptBranding, payer: ReceiptPayer, language: string | null = 'en'): Promise<Buffer> {
  const locale = pickLocale(language);
  const t = receiptStrings[locale];
  const { doc, pdf, finish } = openPdf({ size: 'A5', margin: 36, info: { Title: `${t.title} ${p.number ?? p.id}`, Author: brand.displayName } }, locale);
  const color = safeColour(brand.primaryColor);
  const money = (n: number) => formatAmount(n, p.currency, numberLocale[locale]);
  const width = doc.page.width - 72;

  doc.rect(0, 0, doc.page.width, 70).fill(color);
  pdf.text(brand.displayName, 36, 20, { width, size: 18, weight: 'bold', color: '#ffffff', dir: 'auto', maxLines: 1 });
  pdf.text([brand.address, brand.taxId, brand.contactEmail].filter(Boolean).join(' · '), 36, 46, { width, size: 9, dir: 'auto', maxLines: 1 });
  let y = pdf.text(t.title, 36, 90, { width, size: 16, color: '#000000' }) + 6;
  const row = (name: string, value: string, dir?: 'auto') => {
    const end = pdf.text(name, 36, y, { width: 140, size: 10, color: '#666666' });
    y = Math.max(end, pdf.text(value, 180, y, { width: width - 144, size: 10, color: '#000000', dir })) + 3;
  };
  row(t.number, p.number ?? t.notIssued);
  row(t.date, `${new Date(p.received_at).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  row(t.receivedFrom, `${payer.name} (${payer.accountNumber})`, 'auto');
  row(t.method, t.methods[p.method as keyof typeof t.methods] ?? p.method);
  if (p.provider) row('', p.provider, 'auto');
  if (p.reference) row(t.reference, p.reference, 'auto');
  if (p.gateway_reference) row(t.gatewayReference, p.gateway_reference, 'auto');
  row(t.status, t.statuses[p.status as keyof typeof t.statuses] ?? p.status);
  y += 8;
  const amountEnd = pdf.text(t.amountReceived, 36, y, { width: 160, size: 14, color });
  y = Math.max(amountEnd, pdf.text(money(p.amount), 200, y, { width: width - 164, size: 14, weight: 'bold', color })) + 8;
  if (p.allocations?.length) {
    y = pdf.text(t.appliedTo, 36, y, { width, size: 10, color: '#000000' }) + 2;
    for (const a of p.allocations) {
      const converted = a.invoice_currency !== a.currency;
      // Conversions are formulas in Latin ("USD 10.00 = SAR 37.50"): laid out by their own first letter.
      row(`${t.invoice} ${a.invoice_number ?? a.invoice_id.slice(0, 8)}`, converted ? `${money(a.amount)} = ${formatAmount(a.invoice_amount, a.invoice_currency, numberLocale[locale])}` : money(a.amount), 'auto');
      // The conversion as it was booked: the stored rate, its day and where it came from.
      if (converted) row(t.exchangeRate, `1 ${a.currency} = ${a.exchange_rate} ${a.invoice_currency} (${[a.rate_date, rateSourceLabel(t, a.rate_source)].filter(Boolean).join(', ')})`, 'auto');
    }
  }
  if (p.wallet_credit) row(t.walletCredit, money(p.wallet_credit));
  if (p.amount_refunded) row(t.refunded, money(p.amount_refunded));
  y = pdf.text(t.thanks, 36, y + 20, { width, size: 8, color: '#666666' });
  pdf.text(brand.displayName, 36, y, { width, size: 8, dir: 'auto' });
  return finish();
}
