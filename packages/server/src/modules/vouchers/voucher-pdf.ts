import { embeddedImage, openPdf, safeColour } from '../../platform/pdf/pdf-document.ts';
import type { DocumentLocale } from '../../platform/i18n/document-locale.ts';
import { fill } from '../billing/index.ts';
import { formatMoney } from '../../platform/money/money.ts';
import type { BatchDto } from './vouchers.schemas.ts';
import type { PrintableCard } from './batches.service.ts';
import { plural, voucherStrings, type VoucherStrings } from './voucher-strings.ts';

export type Branding = { display_name: string; primary_color: string; logo_url: string | null };

/** Traffic in the language's units (1.5 GB, 1,5 Go), decimal multiples as operators sell them. */
export function formatBytes(bytes: number, numbers = 'en'): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return new Intl.NumberFormat(numbers, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: 1 }).format(v);
}

/** Online time in hours and minutes, in the language's abbreviations (2 hr 30 min, 2 س و30 د). */
export function formatDuration(seconds: number, numbers = 'en'): string {
  const unit = (unit: string, v: number) => new Intl.NumberFormat(numbers, { style: 'unit', unit, unitDisplay: 'short' }).format(v);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const parts = [h ? unit('hour', h) : null, m || !h ? unit('minute', m) : null].filter((p): p is string => p !== null);
  return new Intl.ListFormat(numbers, { type: 'unit', style: 'narrow' }).format(parts);
}

/** The lines a card carries under its PIN, in the sheet's language: what it is worth and how long it lasts. */
export function cardLines(batch: BatchDto, t: VoucherStrings): string[] {
  const lines: string[] = [];
  const what = [batch.plan_name, batch.value_minor !== null ? formatMoney(batch.value_minor, batch.currency, t.numbers) : null].filter(Boolean).join(' · ');
  if (what) lines.push(what);
  if (batch.validity_days) lines.push(fill(batch.kind === 'recharge' ? t.extends : t.validFor, { days: plural(t.days, batch.validity_days, t.numbers) }));
  const limits = [batch.data_limit_bytes ? formatBytes(batch.data_limit_bytes, t.numbers) : null, batch.time_limit_s ? formatDuration(batch.time_limit_s, t.numbers) : null].filter(Boolean);
  if (limits.length) lines.push(fill(t.limit, { limits: limits.join(' / ') }));
  if (batch.expires_at) lines.push(fill(t.useBefore, { date: batch.expires_at.slice(0, 10) }));
  return lines;
}

const cols = 2;
const rowsPerPage = 5;
const margin = 36;
const gap = 10;

/**
 * A4 sheets of 10 cards (2 × 5) in the ISP's colour, name and logo and in the chosen language:
 * serial, PIN, value or plan, validity and limits, and how to use the card. Cut along the card
 * borders. In Arabic the sheet is mirrored (PdfText): cards fill from the right, text right-aligned.
 */
export function renderBatchPdf(batch: BatchDto, cards: PrintableCard[], brand: Branding, language: DocumentLocale): Promise<Buffer> {
  const t = voucherStrings[language];
  const { doc, pdf, finish } = openPdf({ size: 'A4', margin, info: { Title: `${brand.display_name} — ${batch.name}`, Author: brand.display_name } }, language);
  const colour = safeColour(brand.primary_color);
  const logo = embeddedImage(brand.logo_url);
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  const headerH = 24;
  const w = (pageW - 2 * margin - (cols - 1) * gap) / cols;
  const h = (pageH - 2 * margin - headerH - (rowsPerPage - 1) * gap) / rowsPerPage;
  const lines = cardLines(batch, t);
  const how = batch.kind === 'hotspot' ? t.howHotspot : t.howRecharge;
  const perPage = cols * rowsPerPage;
  const pages = Math.max(1, Math.ceil(cards.length / perPage));

  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    const header = fill(t.header, { isp: brand.display_name, batch: batch.name, number: String(batch.number), page: String(p + 1), pages: String(pages) });
    pdf.text(header, margin, margin - 4, { width: pageW - 2 * margin, size: 9, color: '#444444', maxLines: 1 });
    cards.slice(p * perPage, (p + 1) * perPage).forEach((card, i) => {
      // x from the reading edge: the first card of a row is on the right in Arabic.
      const x = margin + (i % cols) * (w + gap);
      const y = margin + headerH + Math.floor(i / cols) * (h + gap);
      doc.save().lineWidth(0.8).dash(3, { space: 3 }).strokeColor('#999999');
      pdf.rect(x, y, w, h).stroke();
      doc.restore();
      pdf.rect(x, y, w, 26).fill(colour);
      let nameX = x + 8;
      if (logo) {
        try {
          doc.image(logo, pdf.x(x + 6, 40), y + 3, { fit: [40, 20], align: pdf.rtl ? 'right' : undefined });
          nameX = x + 50;
        } catch {
          // A broken embedded image: the name alone still identifies the ISP.
        }
      }
      pdf.text(brand.display_name, nameX, y + 6, { width: x + w - nameX - 76, size: 12, weight: 'bold', color: '#ffffff', dir: 'auto', maxLines: 1 });
      pdf.text(card.serial, x + w - 72, y + 9, { width: 64, size: 8, align: 'end', maxLines: 1 });
      pdf.text(t.pin, x + 8, y + 31, { width: w - 16, size: 7, color: '#666666', maxLines: 1 });
      // The PIN is ASCII from pins.ts's alphabet: a monospaced face keeps look-alike symbols apart.
      doc.fillColor('#000000').font('Courier-Bold').fontSize(18)
        .text(card.pin, pdf.x(x + 8, w - 16), y + 44, { width: w - 16, align: pdf.rtl ? 'right' : 'left', lineBreak: false, characterSpacing: 1 });
      let ly = y + 66;
      for (const line of lines) ly = pdf.text(line, x + 8, ly, { width: w - 16, size: 8.5, color: '#222222', maxLines: 1 });
      pdf.text(how, x + 8, y + h - 16, { width: w - 16, size: 7, color: '#555555', maxLines: 1 });
    });
  }
  return finish();
}

/** The same cards as CSV (serial, PIN), for a card printer's own software. */
export function renderBatchCsv(cards: PrintableCard[]): string {
  return ['serial,pin,status', ...cards.map((c) => `${c.serial},${c.pin},${c.status}`)].join('\n') + '\n';
}
