import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatAmount } from './money/money.ts';
import { pickLocale, type InvoiceLocale } from './billing-context.ts';
import { invoiceStrings } from './invoice-strings.ts';
import type { InvoiceDto } from './invoice-dto.ts';

const require = createRequire(import.meta.url);
const fontFile = (pkg: string, file: string) => require.resolve(`@fontsource/${pkg}/files/${file}`);
// Latin for names, numbers and amounts; the script font of the subscriber's language for labels.
export const fonts = {
  latin: fontFile('noto-sans', 'noto-sans-latin-400-normal.woff'),
  latinBold: fontFile('noto-sans', 'noto-sans-latin-700-normal.woff'),
  ar: fontFile('noto-sans-arabic', 'noto-sans-arabic-arabic-400-normal.woff'),
  hi: fontFile('noto-sans-devanagari', 'noto-sans-devanagari-devanagari-400-normal.woff'),
};
export const labelFont = (l: InvoiceLocale) => (l === 'ar' ? 'ar' : l === 'hi' ? 'hi' : 'latin');
export const numberLocale: Record<InvoiceLocale, string> = { en: 'en', es: 'es', fr: 'fr', ar: 'en', hi: 'en-IN' };

export type Branding = { displayName: string; primaryColor: string; logoUrl: string | null };

/** A logo given as a data: URL (PNG/JPEG) is embedded; the PDF never fetches from the network. */
function logoImage(url: string | null): Buffer | null {
  const m = url ? /^data:image\/(png|jpe?g);base64,(.+)$/.exec(url) : null;
  return m ? Buffer.from(m[2]!, 'base64') : null;
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;

/** The invoice (or credit note) as a PDF in the ISP's colours and the subscriber's language. */
export function renderInvoicePdf(inv: InvoiceDto, brand: Branding): Promise<Buffer> {
  const locale = pickLocale(inv.locale);
  const t = invoiceStrings[locale];
  const money = (v: number) => formatAmount(v, inv.currency, numberLocale[locale]);
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${inv.kind === 'credit_note' ? t.creditNote : t.invoice} ${inv.number ?? ''}`, Author: brand.displayName } });
  doc.registerFont('latin', fonts.latin);
  doc.registerFont('bold', fonts.latinBold);
  doc.registerFont('ar', fonts.ar);
  doc.registerFont('hi', fonts.hi);
  const label = labelFont(locale);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const color = /^#[0-9a-f]{6}$/i.test(brand.primaryColor) ? brand.primaryColor : '#1565c0';
  const W = doc.page.width - 80;

  // Header band in the ISP's colour, logo and name.
  doc.rect(0, 0, doc.page.width, 8).fill(color);
  const logo = logoImage(brand.logoUrl);
  if (logo) doc.image(logo, 40, 24, { fit: [120, 48] });
  doc.fillColor(color).font('bold').fontSize(16).text(inv.seller.name ?? brand.displayName, logo ? 170 : 40, 28, { width: 260 });
  doc.fillColor('#333').font('latin').fontSize(9);
  if (inv.seller.address) doc.text(inv.seller.address, { width: 260 });
  if (inv.seller.tax_id) doc.font(label).text(`${t.taxId}: `, { continued: true }).font('latin').text(inv.seller.tax_id);
  doc.font(label).fontSize(20).fillColor(color).text(inv.kind === 'credit_note' ? t.creditNote : t.invoice, 340, 28, { width: W - 300, align: 'right' });

  // Document facts.
  let y = 110;
  const fact = (name: string, value: string | null) => {
    if (!value) return;
    doc.font(label).fontSize(9).fillColor('#666').text(name, 340, y, { width: 100 });
    doc.font('latin').fillColor('#111').text(value, 440, y, { width: W - 400, align: 'right' });
    y += 14;
  };
  fact(t.number, inv.number ?? 'DRAFT');
  fact(t.issueDate, inv.issue_date);
  if (inv.kind === 'invoice') fact(t.dueDate, inv.due_date);
  if (inv.period_start) fact(t.period, `${inv.period_start} – ${inv.period_end ?? ''}`);
  fact(t.status, inv.status);
  if (inv.currency !== inv.base_currency) fact(t.exchangeRate, `1 ${inv.base_currency} = ${inv.exchange_rate} ${inv.currency} (${inv.exchange_rate_date ?? ''})`);

  // Buyer.
  doc.font(label).fontSize(9).fillColor('#666').text(t.billTo, 40, 110);
  doc.font('bold').fontSize(11).fillColor('#111').text(inv.buyer.name ?? '', 40, 124, { width: 280 });
  doc.font('latin').fontSize(9);
  if (inv.buyer.address) doc.text(inv.buyer.address, { width: 280 });
  if (inv.buyer.account_number) doc.font(label).text(`${t.account}: `, { continued: true }).font('latin').text(inv.buyer.account_number);
  if (inv.buyer.tax_id) doc.font(label).text(`${t.taxId}: `, { continued: true }).font('latin').text(inv.buyer.tax_id);

  // Lines.
  y = Math.max(y, doc.y) + 20;
  const cols = [{ w: 215, k: t.description }, { w: 45, k: t.qty }, { w: 70, k: t.unitPrice }, { w: 55, k: t.tax }, { w: 80, k: t.amount }];
  const header = () => {
    doc.rect(40, y - 4, W, 18).fill(color);
    let x = 40;
    doc.fillColor('#fff').font(label).fontSize(9);
    cols.forEach((c, i) => { doc.text(c.k, x + 4, y, { width: c.w - 8, align: i === 0 ? 'left' : 'right' }); x += c.w; });
    y += 20;
  };
  header();
  doc.fillColor('#111').font('latin').fontSize(9);
  for (const l of inv.lines) {
    const desc = l.usage_bytes !== null ? `${l.description}\n${gb(l.usage_bytes)} / ${gb(l.included_bytes ?? 0)}` : l.description;
    const cells = [desc, l.unit ? `${l.quantity} ${l.unit}` : l.quantity, money(l.unit_price), money(l.tax_amount), money(l.gross_amount)];
    const h = Math.max(14, doc.heightOfString(desc, { width: cols[0]!.w - 8 }) + 4);
    if (y + h > doc.page.height - 160) { doc.addPage(); y = 50; header(); doc.fillColor('#111').font('latin').fontSize(9); }
    let x = 40;
    cells.forEach((c, i) => { doc.text(c, x + 4, y, { width: cols[i]!.w - 8, align: i === 0 ? 'left' : 'right' }); x += cols[i]!.w; });
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
  const total = (name: string, value: string, bold = false, font = label) => {
    doc.font(font).fontSize(bold ? 11 : 9).fillColor('#333').text(name, 300, y, { width: 150 });
    doc.font(bold ? 'bold' : 'latin').text(value, 450, y, { width: W - 410, align: 'right' });
    y += bold ? 18 : 14;
  };
  total(t.subtotal, money(inv.subtotal));
  for (const g of grouped.values()) total(`${g.name} ${g.rate}% (${money(g.taxable)})`, money(g.amount), false, 'latin');
  total(t.total, money(inv.total), true);
  if (inv.kind === 'invoice') {
    if (inv.amount_paid) total(t.paid, money(inv.amount_paid));
    if (inv.amount_credited) total(t.creditNote, money(inv.amount_credited));
    total(t.balance, money(inv.balance), true);
  }
  doc.font(label).fontSize(8).fillColor('#555');
  if ([...grouped.values()].some((g) => g.reverse)) doc.text(t.reverseCharge, 40, y + 6, { width: W });
  if (inv.prices_include_tax) doc.text(t.pricesInclude, 40, doc.y + 4, { width: W });
  if (inv.notes) doc.font('latin').text(inv.notes, 40, doc.y + 8, { width: W });
  doc.end();
  return done;
}
