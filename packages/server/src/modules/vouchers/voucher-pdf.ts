import PDFDocument from 'pdfkit';
import type { BatchDto } from './vouchers.schemas.ts';
import type { PrintableCard } from './batches.service.ts';

export type Branding = { display_name: string; primary_color: string; logo_url: string | null };

/** Amounts in minor units shown with the currency's own exponent (JPY 0, USD 2, BHD 3). */
export function formatMoney(minor: number, currency: string): string {
  const fmt = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(minor / 10 ** digits);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Math.round(v * 10) / 10} ${units[i]}`;
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h ? (m ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}

/** The lines a card carries under its PIN: what it is worth and how long it lasts. */
export function cardLines(batch: BatchDto): string[] {
  const lines: string[] = [];
  const what = [batch.plan_name, batch.value_minor !== null ? formatMoney(batch.value_minor, batch.currency) : null].filter(Boolean).join(' · ');
  if (what) lines.push(what);
  if (batch.validity_days) lines.push(batch.kind === 'recharge' ? `Adds ${batch.validity_days} day(s) of service` : `Valid ${batch.validity_days} day(s) from first login`);
  const limits = [batch.data_limit_bytes ? formatBytes(batch.data_limit_bytes) : null, batch.time_limit_s ? formatDuration(batch.time_limit_s) : null].filter(Boolean);
  if (limits.length) lines.push(`Limit: ${limits.join(' / ')}`);
  if (batch.expires_at) lines.push(`Use before ${batch.expires_at.slice(0, 10)}`);
  return lines;
}

/** Only embedded images: the server never fetches a URL an ISP admin typed (no SSRF). */
function logoImage(url: string | null): Buffer | null {
  const m = url ? /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=]+)$/.exec(url) : null;
  return m ? Buffer.from(m[2]!, 'base64') : null;
}

const cols = 2;
const rowsPerPage = 5;
const margin = 36;
const gap = 10;

/**
 * A4 sheets of 10 cards (2 × 5) in the ISP's colour, name and logo: serial, PIN, value or
 * plan, validity and limits, and how to use the card. Cut along the card borders.
 */
export function renderBatchPdf(batch: BatchDto, cards: PrintableCard[], brand: Branding): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin, info: { Title: `${brand.display_name} — ${batch.name}`, Author: brand.display_name } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const colour = /^#[0-9a-fA-F]{6}$/.test(brand.primary_color) ? brand.primary_color : '#1565c0';
  const logo = logoImage(brand.logo_url);
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  const headerH = 24;
  const w = (pageW - 2 * margin - (cols - 1) * gap) / cols;
  const h = (pageH - 2 * margin - headerH - (rowsPerPage - 1) * gap) / rowsPerPage;
  const lines = cardLines(batch);
  const how = batch.kind === 'hotspot' ? 'Hotspot: enter the PIN as user name and password' : 'Recharge: enter the PIN in your self-service portal';
  const perPage = cols * rowsPerPage;
  const pages = Math.max(1, Math.ceil(cards.length / perPage));

  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc.fillColor('#444444').font('Helvetica').fontSize(9)
      .text(`${brand.display_name} · ${batch.name} (batch ${batch.number}) · page ${p + 1}/${pages}`, margin, margin, { width: pageW - 2 * margin, lineBreak: false });
    cards.slice(p * perPage, (p + 1) * perPage).forEach((card, i) => {
      const x = margin + (i % cols) * (w + gap);
      const y = margin + headerH + Math.floor(i / cols) * (h + gap);
      doc.save().lineWidth(0.8).dash(3, { space: 3 }).strokeColor('#999999').rect(x, y, w, h).stroke().restore();
      doc.rect(x, y, w, 26).fill(colour);
      let nameX = x + 8;
      if (logo) {
        try {
          doc.image(logo, x + 6, y + 3, { fit: [40, 20] });
          nameX = x + 50;
        } catch {
          // A broken embedded image: the name alone still identifies the ISP.
        }
      }
      doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(12).text(brand.display_name, nameX, y + 8, { width: x + w - nameX - 70, lineBreak: false, ellipsis: true });
      doc.font('Helvetica').fontSize(8).text(card.serial, x + w - 72, y + 10, { width: 64, align: 'right', lineBreak: false });
      doc.fillColor('#666666').fontSize(7).text('PIN', x + 8, y + 34, { lineBreak: false });
      doc.fillColor('#000000').font('Courier-Bold').fontSize(18).text(card.pin, x + 8, y + 44, { width: w - 16, lineBreak: false, characterSpacing: 1 });
      doc.font('Helvetica').fontSize(8.5).fillColor('#222222');
      lines.forEach((line, k) => doc.text(line, x + 8, y + 68 + k * 11, { width: w - 16, lineBreak: false, ellipsis: true }));
      doc.fontSize(7).fillColor('#555555').text(how, x + 8, y + h - 16, { width: w - 16, lineBreak: false, ellipsis: true });
    });
  }
  doc.end();
  return done;
}

/** The same cards as CSV (serial, PIN), for a card printer's own software. */
export function renderBatchCsv(cards: PrintableCard[]): string {
  return ['serial,pin,status', ...cards.map((c) => `${c.serial},${c.pin},${c.status}`)].join('\n') + '\n';
}
