import PDFDocument from 'pdfkit';
import { formatAmount, formatMoney } from '../money/money.ts';
import { pickLocale } from '../billing-context.ts';
import { fonts, labelFont, numberLocale } from '../invoice-pdf.ts';
import { rateSourceLabel, receiptStrings } from './receipt-strings.ts';
import type { PaymentDto } from './payments.schemas.ts';

export type ReceiptBranding = { displayName: string; primaryColor: string; address: string | null; taxId: string | null; contactEmail: string | null };
export type ReceiptPayer = { name: string; accountNumber: string; email: string | null };

/** Minor units to a display string with the currency's own exponent (JPY 0, USD 2, BHD 3). */
export const formatMinor = (amount: number, currency: string, locale = 'en'): string => formatMoney(amount, currency, locale);

/**
 * A one-page A5 receipt in the ISP's colours and the payer's language (labels in the script
 * font of that language, names and amounts in Latin), for the counter or for sending by mail.
 */
export function renderReceipt(p: PaymentDto, brand: ReceiptBranding, payer: ReceiptPayer, language: string | null = 'en'): Promise<Buffer> {
  const locale = pickLocale(language);
  const t = receiptStrings[locale];
  const label = labelFont(locale);
  const doc = new PDFDocument({ size: 'A5', margin: 36, info: { Title: `${t.title} ${p.number ?? p.id}`, Author: brand.displayName } });
  doc.registerFont('latin', fonts.latin);
  doc.registerFont('bold', fonts.latinBold);
  doc.registerFont('ar', fonts.ar);
  doc.registerFont('hi', fonts.hi);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const color = /^#[0-9a-f]{6}$/i.test(brand.primaryColor) ? brand.primaryColor : '#1565c0';
  const money = (n: number) => formatAmount(n, p.currency, numberLocale[locale]);
  const width = doc.page.width - 72;

  doc.rect(0, 0, doc.page.width, 70).fill(color);
  doc.fillColor('#ffffff').font('bold').fontSize(18).text(brand.displayName, 36, 22, { width });
  doc.font('latin').fontSize(9).text([brand.address, brand.taxId, brand.contactEmail].filter(Boolean).join(' · '), 36, 46, { width });
  doc.y = 90;
  doc.fillColor('#000000').font(label).fontSize(16).text(t.title, 36);
  const row = (name: string, value: string, valueFont = 'latin') => {
    const y = doc.y;
    doc.font(label).fontSize(10).fillColor('#666666').text(name, 36, y, { width: 140 });
    doc.font(valueFont).fillColor('#000000').text(value, 180, y, { width: width - 144 });
    doc.moveDown(0.3);
  };
  doc.moveDown(0.5);
  if (p.number) row(t.number, p.number); else row(t.number, t.notIssued, label);
  row(t.date, `${new Date(p.received_at).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  row(t.receivedFrom, `${payer.name} (${payer.accountNumber})`);
  const method = t.methods[p.method as keyof typeof t.methods] ?? p.method;
  row(t.method, method, label);
  if (p.provider) row('', p.provider);
  if (p.reference) row(t.reference, p.reference);
  if (p.gateway_reference) row(t.gatewayReference, p.gateway_reference);
  row(t.status, t.statuses[p.status as keyof typeof t.statuses] ?? p.status, label);
  doc.moveDown(0.5);
  const y = doc.y;
  doc.font(label).fontSize(14).fillColor(color).text(t.amountReceived, 36, y, { width: 160 });
  doc.font('bold').text(money(p.amount), 200, y, { width: width - 164 });
  doc.font('latin').fontSize(10).fillColor('#000000').moveDown(0.5);
  if (p.allocations?.length) {
    doc.font(label).text(t.appliedTo, 36).moveDown(0.2);
    for (const a of p.allocations) {
      const converted = a.invoice_currency !== a.currency;
      row(`  ${t.invoice} ${a.invoice_number ?? a.invoice_id.slice(0, 8)}`, converted ? `${money(a.amount)} = ${formatAmount(a.invoice_amount, a.invoice_currency, numberLocale[locale])}` : money(a.amount));
      // The conversion as it was booked: the stored rate, its day and where it came from.
      if (converted) row(`  ${t.exchangeRate}`, `1 ${a.currency} = ${a.exchange_rate} ${a.invoice_currency} (${[a.rate_date, rateSourceLabel(t, a.rate_source)].filter(Boolean).join(', ')})`);
    }
  }
  if (p.wallet_credit) row(t.walletCredit, money(p.wallet_credit));
  if (p.amount_refunded) row(t.refunded, money(p.amount_refunded));
  doc.moveDown(1.5).font(label).fontSize(8).fillColor('#666666').text(t.thanks, 36, doc.y, { width });
  doc.font('latin').text(brand.displayName, { width });
  doc.end();
  return done;
}
