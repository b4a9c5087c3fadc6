import { createRequire } from 'node:module';
import type { EmbeddingLevels } from 'bidi-js';

/**
 * Right-to-left text for PDFKit, which draws glyphs in the order it is given them and knows no
 * Unicode Bidirectional Algorithm (UAX #9). bidi-js resolves the embedding levels of a paragraph
 * and reorders each line (rule L2) and mirrors brackets (L4); this file cuts the reordered line
 * into runs of one face and one direction for PDFKit to draw left to right.
 *
 * Shaping stays with fontkit (PDFKit's font engine): given an Arabic word in logical order it
 * picks the joined forms (init/medi/fina, lam-alef) and emits the glyphs right to left. So a
 * right-to-left run is handed over in logical order, and fontkit's reversal is its visual order.
 */
// bidi-js is a UMD bundle whose module.exports is the factory; its typings declare an ES default export.
const bidiFactory: typeof import('bidi-js').default = createRequire(import.meta.url)('bidi-js');
const bidi = bidiFactory();

export type Direction = 'ltr' | 'rtl';

/** One paragraph (no line feeds) with its resolved levels, computed once for all of its lines. */
export type BidiParagraph = { text: string; levels: EmbeddingLevels; rtl: boolean };

/** `auto` takes the direction of the first strong character (rules P2, P3), as HTML's dir="auto". */
export function bidiParagraph(text: string, base: Direction | 'auto'): BidiParagraph {
  const levels = bidi.getEmbeddingLevels(text, base);
  return { text, levels, rtl: ((levels.paragraphs[0]?.level ?? 0) & 1) === 1 };
}

/** A run of the visual line: `text` is what PDFKit is given, `face` the registered font name. */
export type Piece = { text: string; face: string; rtl: boolean };

/**
 * The line `p.text[start, end)` as pieces in visual order, left to right. `faceOf[i]` is the
 * font of UTF-16 unit i. Consecutive characters stay in one piece while they share face and
 * direction and follow each other in logical order, so a word is never split from its shaping.
 */
export function visualPieces(p: BidiParagraph, start: number, end: number, faceOf: readonly string[]): Piece[] {
  if (end <= start) return [];
  // bidi-js answers for the whole paragraph, with only [start, end] reordered.
  const order = bidi.getReorderedIndices(p.text, p.levels, start, end - 1).slice(start, end);
  const mirrored = bidi.getMirroredCharactersMap(p.text, p.levels.levels, start, end - 1);
  const odd = (i: number) => (p.levels.levels[i]! & 1) === 1;
  const pieces: Piece[] = [];
  let run: number[] = [];
  const flush = () => {
    if (!run.length) return;
    const lo = Math.min(run[0]!, run[run.length - 1]!);
    const hi = Math.max(run[0]!, run[run.length - 1]!);
    let logical = '';
    for (let k = lo; k <= hi; k++) logical += mirrored.get(k) ?? p.text[k]!;
    logical = withoutBidiControls(logical);
    const rtl = odd(run[0]!);
    // fontkit reverses a run whose first script is right-to-left. Where that is not the run's
    // resolved direction (neutrals alone at an odd level, Arabic-Indic digits at an even one:
    // never letters that join), the characters are put in the order that comes out visual.
    const text = rtl === fontkitReverses(logical) ? logical : [...logical].reverse().join('');
    if (text) pieces.push({ text, face: faceOf[lo]!, rtl });
    run = [];
  };
  for (const i of order) {
    const last = run[run.length - 1];
    if (last !== undefined && (faceOf[i] !== faceOf[last] || odd(i) !== odd(last) || i !== last + (odd(last) ? -1 : 1))) flush();
    run.push(i);
  }
  flush();
  return pieces;
}

/** The reordered line as one string (what UAX #9 displays, left to right), for tests and logs. */
export function visualString(text: string, base: Direction | 'auto'): string {
  return withoutBidiControls(bidi.getReorderedString(text, bidi.getEmbeddingLevels(text, base)));
}

/** Explicit formatting characters and marks: they steer the algorithm and are not drawn (rule X9). */
export const withoutBidiControls = (s: string): string => s.replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, '');

/** fontkit's own rule: the first character of a script other than Common/Inherited decides. */
const firstScript = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const rtlScript = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u;
/** Whether fontkit, given `s` as one run, shapes it right to left and so emits its glyphs reversed. */
export function fontkitReverses(s: string): boolean {
  const first = firstScript.exec(s)?.[0];
  return first !== undefined && rtlScript.test(first);
}
