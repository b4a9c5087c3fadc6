import { bidiParagraph, visualPieces, withoutBidiControls, type BidiParagraph, type Direction } from './bidi-line.ts';
import { facesOf, latinAscentEm, lineEm, type Weight } from './pdf-fonts.ts';
import { PdfRuns, type Drawn } from './pdf-runs.ts';

export type Align = 'start' | 'end' | 'center';
export type TextOptions = {
  /** Width of the box; `start` is its left edge in a left-to-right document, its right edge in a right-to-left one. */
  width: number;
  size: number;
  weight?: Weight;
  color?: string;
  align?: Align;
  /**
   * Base direction of the paragraph. Labels and templates take the document's (the default);
   * data typed by people (names, addresses, notes) take `auto`, the direction of their first
   * letter, as HTML's dir="auto", so "Billco (branch 2)" keeps its bracket in an Arabic document.
   */
  dir?: Direction | 'auto';
  /** Extra space between lines. */
  lineGap?: number;
  /** At most this many lines; the last one cut with an ellipsis when the text is longer. */
  maxLines?: number;
};

type Line = { para: BidiParagraph; faces: string[]; start: number; end: number; height: number };
/** A line ready to draw: its pieces left to right, their total width, the text it stands for. */
type Prepared = { height: number; actual: string; width: number; pieces: Drawn[] };

/**
 * Text in a PDFKit document in every language of the app: font fallback per character, the
 * Unicode Bidirectional Algorithm per paragraph, and in a right-to-left document a mirrored page.
 * Callers lay the page out once, in "start" coordinates (x from the edge where reading starts);
 * `x()` turns them into PDF coordinates, so an Arabic invoice is the English one in a mirror,
 * labels on the right, table columns running right to left.
 */
export class PdfText {
  readonly rtl: boolean;
  private readonly runs: PdfRuns;
  /** Laid-out texts by text and box: a card sheet draws the same lines on every card. */
  private readonly prepared = new Map<string, Prepared[]>();

  constructor(readonly doc: PDFKit.PDFDocument, readonly dir: Direction) {
    this.rtl = dir === 'rtl';
    this.runs = new PdfRuns(doc);
  }

  /** The PDF x of a box `width` wide that starts `x` from the reading edge. */
  x(x: number, width: number): number {
    return this.rtl ? this.doc.page.width - x - width : x;
  }

  /** A rectangle in start coordinates (fill or stroke it after). */
  rect(x: number, y: number, width: number, height: number): PDFKit.PDFDocument {
    return this.doc.rect(this.x(x, width), y, width, height);
  }

  /** Draws `text` in the box at start-x `x`, top `y`; returns the y below the last line. */
  text(text: string, x: number, y: number, o: TextOptions): number {
    const left = this.x(x, o.width);
    const align = physical(o.align ?? 'start', this.rtl);
    if (o.color) this.doc.fillColor(o.color);
    let top = y;
    for (const line of this.prepare(text, o)) {
      let px = align === 'left' ? left : align === 'right' ? left + o.width - line.width : left + (o.width - line.width) / 2;
      // One baseline for every face on the line, whatever their own ascents.
      const baseline = top + o.size * (latinAscentEm + (line.height / o.size - lineEm.latin) / 2);
      // The glyphs are in visual order and a shaped glyph maps back to one character only (Noto
      // Sans Arabic draws ب ت ث ي on one dotless body): ActualText gives copy, search and screen
      // readers the line as written (ISO 32000-1, 14.9.4).
      this.doc.markContent('Span', { actual: line.actual });
      for (const piece of line.pieces) {
        this.runs.draw(piece, px, baseline, o.size);
        px += piece.width;
      }
      this.doc.endMarkedContent();
      top += line.height + (o.lineGap ?? 0);
    }
    return top;
  }

  /** Height the text takes in a box of `o.width`. */
  height(text: string, o: TextOptions): number {
    return this.prepare(text, o).reduce((h, l) => h + l.height + (o.lineGap ?? 0), 0);
  }

  /** Natural width of one line of text. */
  width(text: string, o: Pick<TextOptions, 'size' | 'weight'>): number {
    const line = text.replace(oddSpaces, '\u00a0');
    const faces = facesOf(line, o.weight ?? 'regular').map((f) => f.name);
    return this.rangeWidth(line, faces, 0, line.length, o.size);
  }

  private prepare(text: string, o: TextOptions): Prepared[] {
    const key = JSON.stringify([text, o.width, o.size, o.weight, o.dir, o.maxLines]);
    let lines = this.prepared.get(key);
    if (!lines) {
      lines = this.lines(text, o).map((l) => {
        const pieces = visualPieces(l.para, l.start, l.end, l.faces).map((p) => this.runs.prepare(p, o.size));
        const actual = withoutBidiControls(l.para.text.slice(l.start, l.end));
        return { height: l.height, actual, width: pieces.reduce((w, p) => w + p.width, 0), pieces };
      });
      this.prepared.set(key, lines);
    }
    return lines;
  }

  /** Width of the logical range [start, end): runs of one face. */
  private rangeWidth(text: string, faces: readonly string[], start: number, end: number, size: number): number {
    let w = 0;
    for (let i = start; i < end; ) {
      let j = i + 1;
      while (j < end && faces[j] === faces[i]) j++;
      w += this.runs.width(faces[i]!, size, text.slice(i, j));
      i = j;
    }
    return w;
  }

  /** Greedy line breaking at spaces (inside a word only when the word alone is too wide), per paragraph. */
  private lines(text: string, o: TextOptions): Line[] {
    const out: Line[] = [];
    for (const paragraph of text.replace(oddSpaces, '\u00a0').split(/\r?\n/)) {
      const para = bidiParagraph(paragraph, o.dir ?? this.dir);
      const fs = facesOf(paragraph, o.weight ?? 'regular');
      const faces = fs.map((f) => f.name);
      const height = o.size * Math.max(lineEm.latin, ...fs.map((f) => lineEm[f.script]));
      const fits = (s: number, e: number) => this.rangeWidth(paragraph, faces, s, trimEnd(paragraph, s, e), o.size) <= o.width + 0.01;
      let start = 0;
      if (!paragraph.length) out.push({ para, faces, start: 0, end: 0, height });
      while (start < paragraph.length) {
        let end = start;
        for (const stop of breaks(paragraph, start)) {
          if (end > start && !fits(start, stop)) break;
          end = stop;
        }
        if (!fits(start, end)) end = longestFit(paragraph, start, end, (e) => fits(start, e));
        out.push({ para, faces, start, end: trimEnd(paragraph, start, end), height });
        start = end;
        while (paragraph[start] === ' ') start++;
      }
    }
    return o.maxLines !== undefined && out.length > o.maxLines ? this.cut(out.slice(0, o.maxLines), o) : out;
  }

  /** Ends the last kept line with "…" (at its logical end, so on the left in Arabic). */
  private cut(lines: Line[], o: TextOptions): Line[] {
    const last = lines[lines.length - 1]!;
    const source = last.para.text;
    const room = o.width - this.width('…', o);
    let end = last.end;
    while (end > last.start && this.rangeWidth(source, last.faces, last.start, trimEnd(source, last.start, end), o.size) > room) end = prevBoundary(source, end);
    const cutText = source.slice(last.start, trimEnd(source, last.start, end)) + '…';
    const para = bidiParagraph(cutText, last.para.rtl ? 'rtl' : 'ltr');
    const faces = facesOf(cutText, o.weight ?? 'regular').map((f) => f.name);
    lines[lines.length - 1] = { para, faces, start: 0, end: cutText.length, height: last.height };
    return lines;
  }
}

/**
 * Spaces none of the faces has, which Intl puts in numbers and units ("12 345,5", "5 Go" in
 * French use U+202F): set as a no-break space, which every face has and no line breaks at.
 */
const oddSpaces = /[\u2000-\u200a\u202f\u205f\u3000]/g;

const physical = (a: Align, rtl: boolean): 'left' | 'right' | 'center' => (a === 'center' ? 'center' : (a === 'start') !== rtl ? 'left' : 'right');

/** Positions after each word (the ends a line may stop at), from `start`. */
function* breaks(s: string, start: number): Generator<number> {
  for (let i = start; i < s.length; i++) if (s[i] === ' ' && i > start && s[i - 1] !== ' ') yield i;
  yield s.length;
}

function trimEnd(s: string, start: number, end: number): number {
  while (end > start && s[end - 1] === ' ') end--;
  return end;
}

/** Index before `i`, never between the two halves of a surrogate pair. */
function prevBoundary(s: string, i: number): number {
  const c = s.charCodeAt(i - 1);
  return i >= 2 && c >= 0xdc00 && c <= 0xdfff ? i - 2 : i - 1;
}

/** A word wider than the box: the longest prefix that fits, at least one character. */
function longestFit(s: string, start: number, end: number, fits: (e: number) => boolean): number {
  let e = end;
  while (e > start && !fits(e)) e = prevBoundary(s, e);
  if (e > start) return e;
  const c = s.charCodeAt(start);
  return start + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
}
