import { describe, expect, it } from 'vitest';
import { openPdf } from './pdf-document.ts';
import { actualTexts, arabicBodies, readPdf, uba, type Line } from './pdf-glyphs.fixture.ts';
import type { TextOptions } from './pdf-text.ts';

const reversed = (s: string) => [...s].reverse().join('');

/** Draws each text in a box 300 wide starting 30 from the reading edge of an A5 page, and reads the page back. */
async function draw(language: string, texts: string[], o: Partial<TextOptions> = {}): Promise<{ width: number; lines: Line[]; actual: string[] }> {
  const { pdf, finish } = openPdf({ size: 'A5', margin: 30 }, language);
  let y = 40;
  for (const t of texts) y = pdf.text(t, 30, y, { width: 300, size: 12, ...o }) + 10;
  const bytes = await finish();
  const [page] = await readPdf(bytes);
  return { ...page!, actual: actualTexts(bytes) };
}

describe('PdfText in a right-to-left document', () => {
  it('draws an Arabic line with a number and a Latin name in the order the UBA gives, right-aligned', async () => {
    const text = 'الرقم الضريبي: 300123456700003 أحمد Rao (فرع 2)';
    const { width, lines, actual } = await draw('ar', [text]);
    expect(lines).toHaveLength(1);
    // Glyph by glyph, left to right on the page (letters compared on their bodies, see arabicBodies).
    expect(arabicBodies(lines[0]!.text)).toBe(arabicBodies(uba(text, 'rtl')));
    expect(uba(text, 'rtl').startsWith('(2 عرف) Rao دمحأ 300123456700003 :')).toBe(true);
    // The first logical word is the rightmost, and the number reads left to right.
    expect(lines[0]!.text.endsWith(reversed('الرقم'))).toBe(true);
    expect(lines[0]!.text).toContain('300123456700003');
    // Box: 300 wide, 30 from the right edge of the page.
    expect(lines[0]!.right).toBeCloseTo(width - 30, 0);
    expect(lines[0]!.left).toBeGreaterThan(width - 330);
    // Copy and search get the line as written.
    expect(actual).toEqual([text]);
  });

  it('joins Arabic letters: one letter takes its initial, medial and final forms in a word, its isolated form alone', async () => {
    const { lines } = await draw('ar', ['ببب', 'ب ب ب']);
    const codes = (l: Line) => l.glyphs.filter((g) => g.unicode === 'ب').map((g) => g.code);
    const [joined, apart] = lines;
    expect(new Set(codes(joined!)).size).toBe(3);
    expect(new Set(codes(apart!)).size).toBe(1);
    expect(codes(apart!)[0]).not.toBe(codes(joined!)[0]);
  });

  it('wraps a long paragraph into right-aligned lines, the text starting on the right of the first line', async () => {
    const words = ['واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة', 'عشرة'];
    const { width, lines, actual } = await draw('ar', [words.join(' ')], { width: 120 });
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.right).toBeCloseTo(width - 30, 0);
    expect(lines[0]!.text.endsWith(reversed(words[0]!))).toBe(true);
    // Each line, read right to left, is the next words of the paragraph.
    expect(arabicBodies(lines.map((l) => reversed(l.text)).join(' '))).toBe(arabicBodies(words.join(' ')));
    expect(actual.join(' ')).toBe(words.join(' '));
  });

  it('keeps data typed in Latin left to right with dir=auto, brackets included', async () => {
    const { lines } = await draw('ar', ['Billco (branch 2)'], { dir: 'auto' });
    expect(lines[0]!.text).toBe('Billco (branch 2)');
  });

  it('sets each character in a face that has it: Arabic, Latin digits, the rupee sign, Devanagari', async () => {
    const { lines } = await draw('ar', ['المبلغ 42 ₹ नमस्ते']);
    const glyphs = lines.flatMap((l) => l.glyphs).filter((g) => g.unicode.trim());
    expect(glyphs.every((g) => g.code !== 0)).toBe(true);
    const fontOf = (ch: string) => glyphs.find((g) => g.unicode === ch)?.font;
    expect(fontOf('م')).toMatch(/^NotoSansArabic-/);
    expect(fontOf('4')).toMatch(/^NotoSans-/);
    expect(fontOf('₹')).toMatch(/^NotoSans/);
    expect(fontOf('न')).toMatch(/^NotoSansDevanagari-/);
  });
});

describe('PdfText in a left-to-right document', () => {
  it('aligns to the left edge and keeps the order as written', async () => {
    const { lines } = await draw('fr', ['Facturé à Asha Rao']);
    expect(lines[0]!.text).toBe('Facturé à Asha Rao');
    expect(lines[0]!.left).toBeCloseTo(30, 0);
  });

  it("sets Intl's narrow no-break spaces (French thousands) without a missing-glyph box", async () => {
    const amount = new Intl.NumberFormat('fr', { minimumFractionDigits: 2 }).format(1234567.5);
    expect(amount).toContain('\u202f');
    const { lines } = await draw('fr', [amount]);
    expect(lines[0]!.glyphs.every((g) => g.code !== 0)).toBe(true);
    expect(lines[0]!.text.replace(/\s/g, ' ')).toBe('1 234 567,50');
  });

  it('cuts a text to its lines with an ellipsis', async () => {
    const { lines } = await draw('en', ['Hotspot: enter the PIN as user name and password at the login page of the network'], { width: 150, maxLines: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text.endsWith('…')).toBe(true);
    expect(lines[0]!.right).toBeLessThanOrEqual(180.5);
  });
});

describe('PdfText coordinates', () => {
  it('mirrors boxes in a right-to-left document only', () => {
    const rtl = openPdf({ size: 'A4' }, 'ar').pdf;
    const ltr = openPdf({ size: 'A4' }, 'hi').pdf;
    expect(rtl.x(40, 100)).toBeCloseTo(595.28 - 140, 2);
    expect(ltr.x(40, 100)).toBe(40);
    expect(rtl.rtl && !ltr.rtl).toBe(true);
  });
});
