import { fontkitReverses, type Piece } from './bidi-line.ts';

/** A piece as PDFKit draws it: each part's text at x + its `dx`; `width` wide once drawn. */
export type Drawn = { face: string; parts: { text: string; dx: number }[]; width: number; whole: boolean };

/**
 * How pieces reach PDFKit, and what they measure, with PDFKit's own layout cache doing the work.
 *
 * PDFKit lays a string out word by word ("word " chunks, split after each space), each chunk
 * shaped once by fontkit and cached per font: a sheet of 10,000 cards repeats the same few words.
 * Left-to-right pieces go as they are. A right-to-left piece cannot: each chunk comes out right
 * to left, but the chunks themselves left to right. So it is given in two parts, its words in
 * reverse order: the leftmost word alone, then the others each with a space after it
 * ("w2 w1 "), whose chunks each read "space, word" from the left: "w3 w2 w1" on the page.
 * What fits neither (a right-to-left piece with a word fontkit would not reverse) is laid out in
 * one fontkit call, uncached (`features` set: PDFKit then skips its word split).
 */
export class PdfRuns {
  private readonly widths = new Map<string, number>();
  private readonly drawn = new Map<string, Drawn>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Width of text in a face as PDFKit measures it, chunk by chunk, in logical order (shaping within a word does not depend on the line's order). */
  width(face: string, size: number, text: string): number {
    let w = 0;
    for (const chunk of chunks(text)) w += this.chunkWidth(face, size, chunk);
    return w;
  }

  prepare(p: Piece, size: number): Drawn {
    const key = `${p.face}|${size}|${p.text}`;
    let d = this.drawn.get(key);
    if (!d) {
      d = this.plan(p, size);
      this.drawn.set(key, d);
    }
    return d;
  }

  draw(d: Drawn, x: number, baseline: number, size: number): void {
    this.doc.font(d.face).fontSize(size);
    for (const part of d.parts) this.doc.text(part.text, x + part.dx, baseline, { lineBreak: false, baseline: 'alphabetic', ...(d.whole ? { features: [] } : {}) });
  }

  private plan(p: Piece, size: number): Drawn {
    const reverses = fontkitReverses(p.text);
    if (!reverses && chunks(p.text).every((c) => !fontkitReverses(c))) {
      return { face: p.face, parts: [{ text: p.text, dx: 0 }], width: this.width(p.face, size, p.text), whole: false };
    }
    const words = p.text.split(' ');
    if (reverses && words.every((w) => w === '' || fontkitReverses(w))) {
      const [first = '', ...rest] = words.reverse();
      const lead = this.width(p.face, size, first);
      const others = rest.map((w) => `${w} `).join('');
      const parts = [{ text: first, dx: 0 }, { text: others, dx: lead }].filter((x) => x.text);
      return { face: p.face, parts, width: lead + this.width(p.face, size, others), whole: false };
    }
    const width = this.doc.font(p.face).fontSize(size).widthOfString(p.text, { features: [] });
    return { face: p.face, parts: [{ text: p.text, dx: 0 }], width, whole: true };
  }

  private chunkWidth(face: string, size: number, chunk: string): number {
    const key = `${face}|${size}|${chunk}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = this.doc.font(face).fontSize(size).widthOfString(chunk);
      this.widths.set(key, w);
    }
    return w;
  }
}

/** PDFKit's word split: each chunk ends after a space or tab. */
function chunks(text: string): string[] {
  return text.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? [];
}
