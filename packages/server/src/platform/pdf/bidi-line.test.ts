import { describe, expect, it } from 'vitest';
import { bidiParagraph, visualPieces, visualString } from './bidi-line.ts';
import { facesOf } from './pdf-fonts.ts';

const faces = (s: string) => facesOf(s, 'regular').map((f) => f.name);
const pieces = (s: string, base: 'ltr' | 'rtl' | 'auto' = 'rtl') => visualPieces(bidiParagraph(s, base), 0, s.length, faces(s));

describe('visual pieces of a line (UAX #9 through bidi-js)', () => {
  it('puts the words of an Arabic phrase right to left and hands each Arabic run over in logical order for fontkit to shape', () => {
    // Logical: "invoice to"; fontkit reverses a run of Arabic script itself, so the run stays logical.
    expect(pieces('الفاتورة إلى')).toEqual([{ text: 'الفاتورة إلى', face: 'arabic-regular', rtl: true }]);
  });

  it('keeps numbers and Latin names left to right inside Arabic text, the first logical run on the right', () => {
    expect(pieces('الرقم الضريبي: 300123456700003').map((p) => p.text)).toEqual(['300123456700003', ' :', 'الرقم الضريبي']);
    // The space after أحمد is set in the Arabic face with it, and drawn on its left.
    expect(pieces('أحمد Rao').map((p) => [p.text, p.rtl])).toEqual([['Rao', false], ['أحمد ', true]]);
  });

  it('mirrors brackets at a right-to-left level (rule L4)', () => {
    // "(فرع 2)": the brackets are drawn as their mirror images, so they still open towards the text.
    // Left to right on the page: "(2 فرع) شكرا", the mirrored ")" of the logical "(" next to شكرا.
    expect(pieces('شكرا (فرع 2)').map((p) => p.text)).toEqual(['(', '2', 'فرع ', ')', 'شكرا ']);
  });

  it('orders Arabic-Indic digits left to right although fontkit would reverse them as Arabic script', () => {
    const [digits] = pieces('١٢٣').filter((p) => !p.rtl);
    // fontkit reverses this run (its script is Arabic): given reversed, it comes out ١٢٣.
    expect(digits!.text).toBe('٣٢١');
  });

  it('reverses a run of neutrals alone at an odd level itself (fontkit would not)', () => {
    // " ( " between two Arabic letters: mirrored, and put in visual order here.
    expect(pieces('أ ( ب').map((p) => p.text)).toEqual(['ب', ' )', 'أ ']);
  });

  it('leaves a left-to-right paragraph in logical order, with an Arabic run inside it', () => {
    expect(pieces('Bill to أحمد Rao', 'ltr').map((p) => [p.text, p.rtl])).toEqual([['Bill to ', false], ['أحمد', true], [' ', false], ['Rao', false]]);
  });

  it('takes the first strong letter for dir=auto', () => {
    expect(bidiParagraph('Billco (فرع 2)', 'auto').rtl).toBe(false);
    expect(bidiParagraph('2 أحمد', 'auto').rtl).toBe(true);
  });

  it('reorders only the given line of a longer paragraph', () => {
    const p = bidiParagraph('واحد اثنان ثلاثة', 'rtl');
    expect(visualPieces(p, 5, 10, faces(p.text)).map((x) => x.text)).toEqual(['اثنان']);
  });

  it('drops bidi marks from what is drawn', () => {
    expect(visualString('\u200f50.00 ر.س.\u200f', 'rtl')).not.toMatch(/[\u200e\u200f]/);
    expect(pieces('\u200f50.00 ر.س.').map((p) => p.text).join('')).not.toMatch(/\u200f/);
  });
});
