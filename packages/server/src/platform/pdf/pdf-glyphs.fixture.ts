import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import type { Direction } from './bidi-line.ts';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Tests read a PDF the way a printer draws it: pdf.js's operator list gives each text-showing
 * operation with its glyphs (their Unicode from the font's ToUnicode map, their advance) and
 * the text matrix, so the order of glyphs on the page is the drawn order. (pdf.js's own
 * getTextContent would not do: it runs its own bidi pass and hands back logical order.)
 */
export type Glyph = { x: number; width: number; unicode: string; code: number; font: string };
export type Line = { y: number; left: number; right: number; text: string; glyphs: Glyph[] };

type PdfGlyph = { unicode: string; width: number; originalCharCode: number } | number | null;

export async function readPdf(pdf: Buffer): Promise<{ width: number; height: number; lines: Line[] }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), fontExtraProperties: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    const glyphs: (Glyph & { y: number })[] = [];
    let font = '';
    let size = 0;
    let spacing = 0;
    const saved: { font: string; size: number; spacing: number }[] = [];
    let x = 0;
    let y = 0;
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      // Character spacing and font are graphics state: q/Q save and restore them (ISO 32000-1, 8.4).
      if (fn === OPS.save) saved.push({ font, size, spacing });
      else if (fn === OPS.restore) ({ font, size, spacing } = saved.pop() ?? { font, size, spacing });
      else if (fn === OPS.setFont) {
        const id = args[0] as string;
        const f = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : null;
        font = (f?.name ?? id).replace(/^[A-Z]{6}\+/, '');
        size = args[1] as number;
      } else if (fn === OPS.setCharSpacing) {
        spacing = args[0] as number;
      } else if (fn === OPS.setTextMatrix) {
        const m = args[0] as ArrayLike<number>;
        x = m[4]!;
        y = m[5]!;
      } else if (fn === OPS.showText) {
        for (const g of args[0] as PdfGlyph[]) {
          if (g === null) continue;
          if (typeof g === 'number') x -= (g * size) / 1000;
          else {
            const width = (g.width * size) / 1000;
            // Marks (the dots Noto Sans Arabic composes letters from, vowel signs) advance nothing and
            // map to no character: they are not part of the text read back.
            // A ligature of right-to-left letters (lam-alef) maps to them in logical order: flipped, it reads visually.
            const unicode = [...g.unicode].length > 1 && /^\p{Script=Arabic}/u.test(g.unicode) ? [...g.unicode].reverse().join('') : g.unicode;
            if (width > 0 && [...unicode].some((c) => c.charCodeAt(0) >= 0x20)) glyphs.push({ x, y, width, unicode, code: g.originalCharCode, font });
            x += width + spacing;
          }
        }
      }
    });
    pages.push({ width: page.view[2]!, height: page.view[3]!, lines: toLines(glyphs, page.view[3]!) });
  }
  await doc.destroy();
  return pages;
}

/**
 * Glyphs on one baseline (marks sit a little off it), left to right, cut where a gap wider than
 * a few spaces separates two texts (a label and its value); y from the top of the page.
 */
function toLines(glyphs: (Glyph & { y: number })[], height: number): Line[] {
  const rows: (Glyph & { y: number })[][] = [];
  for (const g of [...glyphs].sort((a, b) => b.y - a.y)) {
    const row = rows.find((r) => Math.abs(r[0]!.y - g.y) < 2);
    if (row) row.push(g);
    else rows.push([g]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: Glyph[] = [];
    const flush = () => {
      const inked = current.filter((g) => g.unicode.trim());
      if (inked.length) {
        lines.push({ y: height - row[0]!.y, left: Math.min(...inked.map((g) => g.x)), right: Math.max(...inked.map((g) => g.x + g.width)),
          text: current.map((g) => g.unicode).join('').trim(), glyphs: current });
      }
      current = [];
    };
    for (const g of row) {
      const prev = current[current.length - 1];
      if (prev && g.x - (prev.x + prev.width) > 8) flush();
      current.push(g);
    }
    flush();
  }
  return lines.sort((a, b) => a.y - b.y || a.left - b.left);
}

/** The lines of a page that contain `text`. */
export const linesWith = (lines: Line[], text: string) => lines.filter((l) => l.text.includes(text));

/**
 * Letters that Noto Sans Arabic draws on one body with dots or hamza as marks (ب ت ث ن ي share
 * one, ف ق another, ا أ إ the alef):
 * a glyph maps back to the first of them the document used, so tests compare glyph order on
 * the bodies (vowel marks, which take no room, left out) and the exact letters through ActualText.
 */
const bodies: [RegExp, string][] = [[/\p{Mn}/gu, ''], [/[اأإآ]/g, 'ا'], [/[بتثنيىٮ]/g, 'ٮ'], [/[فقڡ]/g, 'ڡ'], [/[جحخ]/g, 'ح'], [/[دذ]/g, 'د'], [/[رز]/g, 'ر'], [/[سش]/g, 'س'], [/[صض]/g, 'ص'], [/[طظ]/g, 'ط'], [/[عغ]/g, 'ع'], [/[ةه]/g, 'ه']];
export const arabicBodies = (s: string) => bodies.reduce((acc, [re, to]) => acc.replace(re, to), s);

/** The ActualText of every marked-content span, in drawing order (what copy and search give). */
export function actualTexts(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/\/Filter \/FlateDecode[^]*?>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // a font or image stream that is not a content stream
    }
    for (const a of content.matchAll(/\/ActualText \(((?:\\.|[^\\)])*)\)/g)) out.push(decodePdfString(a[1]!));
  }
  return out;
}

/** A PDF literal string (ISO 32000-1, 7.3.4.2) as text: UTF-16BE after a byte-order mark, else PDFDocEncoding's ASCII. */
function decodePdfString(literal: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const bytes = Buffer.from(literal.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c), 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

const bidi: ReturnType<typeof import('bidi-js').default> = createRequire(import.meta.url)('bidi-js')();
/** What UAX #9 displays for one line, left to right, from bidi-js alone (not through the code under test). */
export const uba = (text: string, dir: Direction = 'rtl'): string => bidi.getReorderedString(text, bidi.getEmbeddingLevels(text, dir));
