import PDFDocument from 'pdfkit';
import { formatMoney } from '../money/money.ts';
import type { PaymentDto } from './payments.schemas.ts';

export type ReceiptBranding = { displayName: string; primaryColor: string; address: string | null; taxId: string | null; contactEmail: string | null };
export type ReceiptPayer = { name: string; accountNumber: string; email: string | null };

/** Minor units to a display string with the currency's own exponent (JPY 0, USD 2, BHD 3). */
export const formatMinor = (amount: number, currency: string, locale = 'en'): string => formatMoney(amount, currency, locale);

const methodLabel: Record<string, string> = { cash: 'Cash', bank_transfer: 'Bank transfer', cheque: 'Cheque', card: 'Card', gateway: 'Online' };

/** A one-page A5 receipt in the ISP's colours, for printing at the counter or sending by mail. */
export function renderReceipt(p: PaymentDto, brand: ReceiptBranding, payer: ReceiptPayer): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A5', margin: 36, info: { Title: `Receipt ${p.number ?? p.id}`, Author: brand.displayName } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const color = /^#[0-9a-f]{6}$/i.test(brand.primaryColor) ? brand.primaryColor : '#1565c0';
  const money = (n: number) => formatMinor(n, p.currency);
  const width = doc.page.width - 72;

  doc.rect(0, 0, doc.page.width, 70).fill(color);
  doc.fillColor('#ffffff').fontSize(18).text(brand.displayName, 36, 22, { width });
  doc.fontSize(9).text([brand.address, brand.taxId ? `Tax ID ${brand.taxId}` : null, brand.contactEmail].filter(Boolean).join(' · '), 36, 46, { width });
  doc.fillColor('#000000').moveDown(2);
  doc.y = 90;
  doc.fontSize(16).text('Payment receipt', { continued: false });
  doc.fontSize(10).fillColor('#444444');
  const row = (label: string, value: string) => {
    const y = doc.y;
    doc.fillColor('#666666').text(label, 36, y, { width: 140 });
    doc.fillColor('#000000').text(value, 180, y, { width: width - 144 });
    doc.moveDown(0.3);
  };
  doc.moveDown(0.5);
  row('Receipt number', p.number ?? '(not issued: payment not settled)');
  row('Date', new Date(p.received_at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC');
  row('Received from', `${payer.name} (${payer.accountNumber})`);
  row('Method', p.provider ? `${methodLabel[p.method]} (${p.provider})` : methodLabel[p.method] ?? p.method);
  if (p.reference) row('Reference', p.reference);
  if (p.gateway_reference) row('Gateway reference', p.gateway_reference);
  row('Status', p.status.replace('_', ' '));
  doc.moveDown(0.5);
  doc.fontSize(14).fillColor(color).text(`Amount received: ${money(p.amount)}`, 36);
  doc.fontSize(10).fillColor('#000000').moveDown(0.5);
  if (p.allocations?.length) {
    doc.text('Applied to', 36).moveDown(0.2);
    for (const a of p.allocations) row(`  Invoice ${a.invoice_number ?? a.invoice_id.slice(0, 8)}`, money(a.amount));
  }
  if (p.wallet_credit) row('Credited to wallet', money(p.wallet_credit));
  if (p.amount_refunded) row('Refunded', money(p.amount_refunded));
  doc.moveDown(1.5).fontSize(8).fillColor('#666666').text(`Thank you. Keep this receipt as proof of payment. ${brand.displayName}`, 36, doc.y, { width });
  doc.end();
  return done;
}
