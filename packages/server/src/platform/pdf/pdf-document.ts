import PDFDocument from 'pdfkit';
import type { Direction } from './bidi-line.ts';
import { registerFonts } from './pdf-fonts.ts';
import { PdfText } from './pdf-text.ts';

/** Languages written right to left, among those the app speaks (and the few it may gain). */
const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur']);
export const directionOf = (language: string): Direction => (rtlLanguages.has(language.slice(0, 2).toLowerCase()) ? 'rtl' : 'ltr');

export type OpenPdf = {
  doc: PDFKit.PDFDocument;
  /** Text in the document's direction, with the page mirrored for right-to-left languages. */
  pdf: PdfText;
  /** Call once the content is drawn: ends the document and resolves to its bytes. */
  finish: () => Promise<Buffer>;
};

/** A PDFKit document with the app's fonts registered and its bytes collected in memory. */
export function openPdf(options: PDFKit.PDFDocumentOptions, language: string): OpenPdf {
  const doc = new PDFDocument({ ...options, lang: language });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    pdf: new PdfText(doc, directionOf(language)),
    finish: () => {
      doc.end();
      return done;
    },
  };
}

/** Only embedded images: the server never fetches a URL an ISP admin typed (no SSRF). */
export function embeddedImage(url: string | null): Buffer | null {
  const m = url ? /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=]+)$/.exec(url) : null;
  return m ? Buffer.from(m[2]!, 'base64') : null;
}

/** The ISP's colour when it is a plain #rrggbb, the app's blue otherwise. */
export const safeColour = (c: string): string => (/^#[0-9a-f]{6}$/i.test(c) ? c : '#1565c0');
