import { embeddedImage, openPdf, safeColour } from '../../platform/pdf/pdf-document.ts';
import { formatAmount } from '../../platform/money/money.ts';
import { numberLocale, pickLocale } from '../../platform/i18n/document-locale.ts';
import { invoiceStrings } from './invoice-strings.ts';
import type { InvoiceDto } from './invoice-dto.ts';
import type { InvoiceStatus } from './schema.ts';

export type Branding = { displayName: string; primaryColor: string; logoUrl: string | null };

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;

/**
 * The invoice (or credit note) as a PDF in the ISP's colours and the subscriber's language.
 * Positions are measured from the reading edge (see PdfText), so the Arabic invoice is this
 * layout mirrored: seller and labels on the right, the lines table running right to left.
 */
export function renderInvoicePdf(inv: InvoiceDto, brand: Branding): Promise<Buffer> {
  const locale = pickLocale(inv.locale);
  const t = invoiceStrings[locale];
  const money = (v: number) => formatAmount(v, inv.currency, numberLocale[locale]);
  const title = inv.kind === 'credit_note' ? t.creditNote : t.invoice;
  const { doc, pdf, finish } = openPdf({ size: 'A4', margin: 40, info: { Title: `${title} ${inv.number ?? ''}`, Author: brand.displayName } }, locale);
  const color = safeColour(brand.primaryColor);
  const W = doc.page.width - 80;

  // Header band in the ISP's colour, logo and name.
  doc.rect(0, 0, doc.page.width, 8).fill(color);
  const logo = embeddedImage(brand.logoUrl);
  if (logo) doc.image(logo, pdf.x(40, 120), 24, { fit: [120, 48], align: pdf.rtl ? 'right' : undefined });
  let y = pdf.text(inv.seller.name ?? brand.displayName, logo ? 170 : 40, 28, { width: 260, size: 16, weight: 'bold', color, dir: 'auto' });
  doc.fillColor('#333');
  if (inv.seller.address) y = pdf.text(inv.seller.address, logo ? 170 : 40, y, { width: 260, size: 9, dir: 'auto' });
  if (inv.seller.tax_id) pdf.text(`${t.taxId}: ${inv.seller.tax_id}`, logo ? 170 : 40, y, { width: 260, size: 9 });
  pdf.text(title, 340, 28, { width: W - 300, size: 20, color, align: 'end' });

  // Document facts.
  y = 110;
  const fact = (name: string, value: string | null, dir?: 'auto') => {
    if (!value) return;
    pdf.text(name, 340, y, { width: 100, size: 9, color: '#666' });
    y = Math.max(y + 14, pdf.text(value, 440, y, { width: W - 400, size: 9, color: '#111', align: 'end', dir }));
  };
  fact(t.number, inv.number ?? t.statuses.draft);
  fact(t.issueDate, inv.issue_date);
  if (inv.kind === 'invoice') fact(t.dueDate, inv.due_date);
  if (inv.period_start) fact(t.period, `${inv.period_start} – ${inv.period_end ?? ''}`);
  fact(t.status, t.statuses[inv.status as InvoiceStatus] ?? inv.status);
  if (inv.currency !== inv.base_currency) fact(t.exchangeRate, `1 ${inv.base_currency} = ${inv.exchange_rate} ${inv.currency} (${inv.exchange_rate_date ?? ''})`, 'auto');

  // Buyer.
  pdf.text(t.billTo, 40, 110, { width: 280, size: 9, color: '#666' });
  let by = pdf.text(inv.buyer.name ?? '', 40, 124, { width: 280, size: 11, weight: 'bold', color: '#111', dir: 'auto' });
  if (inv.buyer.address) by = pdf.text(inv.buyer.address, 40, by, { width: 280, size: 9, dir: 'auto' });
  if (inv.buyer.account_number) by = pdf.text(`${t.account}: ${inv.buyer.account_number}`, 40, by, { width: 280, size: 9 });
  if (inv.buyer.tax_id) by = pdf.text(`${t.taxId}: ${inv.buyer.tax_id}`, 40, by, { width: 280, size: 9 });

  // Lines: description at the reading edge, amounts towards the other.
  y = Math.max(y, by) + 20;
  const cols = [{ w: W - 280, k: t.description }, { w: 50, k: t.qty }, { w: 80, k: t.unitPrice }, { w: 70, k: t.tax }, { w: 80, k: t.amount }];
  const cell = (text: string, i: number, top: number, o: { color?: string } = {}) => {
    const x = 40 + cols.slice(0, i).reduce((a, c) => a + c.w, 0);
    return pdf.text(text, x + 4, top, { width: cols[i]!.w - 8, size: 9, align: i === 0 ? 'start' : 'end', ...o });
  };
  const header = () => {
    doc.rect(40, y - 4, W, 18).fill(color);
    cols.forEach((c, i) => cell(c.k, i, y - 4 + (18 - pdf.height(c.k, { width: c.w - 8, size: 9 })) / 2, { color: '#fff' }));
    y += 20;
  };
  header();
  doc.fillColor('#111');
  for (const l of inv.lines) {
    const cells = [l.description, l.unit ? `${l.quantity} ${l.unit}` : l.quantity, money(l.unit_price), money(l.tax_amount), money(l.gross_amount)];
    // Usage figures under the description: Latin data, laid out by their own first letter.
    const usage = l.usage_bytes !== null ? `${gb(l.usage_bytes)} / ${gb(l.included_bytes ?? 0)}` : null;
    const usageBox = { width: cols[0]!.w - 8, size: 9, dir: 'auto' as const };
    const heights = cells.map((c, i) => pdf.height(c, { width: cols[i]!.w - 8, size: 9 }));
    const h = Math.max(14, heights[0]! + (usage ? pdf.height(usage, usageBox) : 0), ...heights) + 4;
    if (y + h > doc.page.height - 160) { doc.addPage(); y = 50; header(); doc.fillColor('#111'); }
    cells.forEach((c, i) => cell(c, i, y, { color: '#111' }));
    if (usage) pdf.text(usage, 44, y + heights[0]!, usageBox);
    y += h;
    doc.moveTo(40, y - 2).lineTo(40 + W, y - 2).strokeColor('#ddd').stroke();
  }

  // Taxes, grouped by name and rate, then totals.
  y += 10;
  const grouped = new Map<string, { name: string; rate: string; taxable: number; amount: number; reverse: boolean }>();
  for (const tx of inv.taxes) {
    const key = `${tx.name}|${tx.rate}|${tx.reverse_charge}`;
    const g = grouped.get(key) ?? { name: tx.name, rate: tx.rate, taxable: 0, amount: 0, reverse: tx.reverse_charge };
    g.taxable += tx.taxable_amount;
    g.amount += tx.amount;
    grouped.set(key, g);
  }
  const total = (name: string, value: string, bold = false, dir?: 'auto') => {
    const size = bold ? 11 : 9;
    const end = pdf.text(name, 240, y, { width: 190, size, color: '#333', dir });
    pdf.text(value, 430, y, { width: W - 390, size, weight: bold ? 'bold' : 'regular', align: 'end' });
    y = Math.max(end, y + (bold ? 18 : 14));
  };
  total(t.subtotal, money(inv.subtotal));
  // The tax's own name leads (the ISP may name it in any script): its direction decides.
  for (const g of grouped.values()) total(`${g.name} ${g.rate}% (${money(g.taxable)})`, money(g.amount), false, 'auto');
  total(t.total, money(inv.total), true);
  if (inv.kind === 'invoice') {
    if (inv.amount_paid) total(t.paid, money(inv.amount_paid));
    if (inv.amount_credited) total(t.creditNote, money(inv.amount_credited));
    total(t.balance, money(inv.balance), true);
  }
  y += 6;
  const note = (text: string, dir?: 'auto') => { y = pdf.text(text, 40, y, { width: W, size: 8, color: '#555', dir }) + 4; };
  if ([...grouped.values()].some((g) => g.reverse)) note(t.reverseCharge);
  if (inv.prices_include_tax) note(t.pricesInclude);
  if (inv.notes) note(inv.notes, 'auto');
  return finish();
}
