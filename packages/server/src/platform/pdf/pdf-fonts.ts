import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/**
 * The faces every PDF of the server sets its text in: Noto Sans for Latin, Noto Sans Arabic and
 * Noto Sans Devanagari, each a subset shipped by @fontsource (no network, no system fonts).
 * A character goes to the first face of the chain that has a glyph for it, so one string may
 * mix an Arabic label, a Latin name and ASCII digits (the Arabic subset has no digits).
 */
export type Weight = 'regular' | 'bold';
export type Script = 'latin' | 'latinExt' | 'arabic' | 'devanagari';

const require = createRequire(import.meta.url);
const files: Record<Script, { pkg: string; stem: string }> = {
  latin: { pkg: 'noto-sans', stem: 'noto-sans-latin' },
  latinExt: { pkg: 'noto-sans', stem: 'noto-sans-latin-ext' },
  arabic: { pkg: 'noto-sans-arabic', stem: 'noto-sans-arabic-arabic' },
  devanagari: { pkg: 'noto-sans-devanagari', stem: 'noto-sans-devanagari-devanagari' },
};
/** Fallback order: Latin first, so digits and punctuation shared by all scripts look the same everywhere. */
const chain: readonly Script[] = ['latin', 'latinExt', 'arabic', 'devanagari'];

/**
 * Line box of each script in em, so a line with Arabic (tall ascenders, deep descenders) gets
 * room that Latin text does not need. Latin is the font's own ascent - descent; the others are
 * what their common letters reach, not the fonts' ascent (which covers stacked marks and would
 * space Arabic lines twice as far apart).
 */
export const lineEm: Record<Script, number> = { latin: 1.362, latinExt: 1.362, arabic: 1.6, devanagari: 1.5 };
/** Distance from the top of a Latin line box to its baseline, in em (Noto Sans ascent). */
export const latinAscentEm = 1.069;

type Face = { name: string; script: Script; data: Buffer; font: fontkit.Font };
const faces = new Map<string, Face>();

function face(script: Script, weight: Weight): Face {
  const name = `${script}-${weight}`;
  let f = faces.get(name);
  if (!f) {
    const { pkg, stem } = files[script];
    const data = readFileSync(require.resolve(`@fontsource/${pkg}/files/${stem}-${weight === 'bold' ? 700 : 400}-normal.woff`));
    const font = fontkit.create(data);
    if (!('hasGlyphForCodePoint' in font)) throw new Error(`${name}: a font collection, not a font`);
    f = { name, script, data, font };
    faces.set(name, f);
  }
  return f;
}

/** Registers every face under its `script-weight` name; PDFKit embeds only the glyphs a document uses. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const weight of ['regular', 'bold'] as const) for (const s of chain) doc.registerFont(`${s}-${weight}`, face(s, weight).data);
}

/**
 * The face of each UTF-16 unit of `text`. Characters common to all scripts (spaces, punctuation)
 * stay in the face of the character before them when it has them, so an Arabic phrase with its
 * spaces is one run, shaped as a whole.
 */
export function facesOf(text: string, weight: Weight): { name: string; script: Script }[] {
  const out: { name: string; script: Script }[] = [];
  const candidates = chain.map((s) => face(s, weight));
  let prev: Face | null = null;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let f: Face | null = prev && isShared(ch) && prev.font.hasGlyphForCodePoint(cp) ? prev : null;
    // No face has it: Latin's .notdef box shows the gap instead of dropping the character.
    if (!f) f = candidates.find((c) => c.font.hasGlyphForCodePoint(cp)) ?? candidates[0]!;
    for (let k = 0; k < ch.length; k++) out.push({ name: f.name, script: f.script });
    prev = f;
  }
  return out;
}

/** Script Common or Inherited (spaces, punctuation, digits, combining marks): belongs to its neighbours. */
const shared = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
const isShared = (ch: string) => shared.test(ch);
