import { describe, expect, it } from 'vitest';
import { actualTexts, arabicBodies, readPdf, uba } from '../../platform/pdf/pdf-glyphs.fixture.ts';
import { cardLines, formatBytes, formatDuration, renderBatchPdf } from './voucher-pdf.ts';
import { plural, voucherStrings } from './voucher-strings.ts';
import type { BatchDto } from './vouchers.schemas.ts';

const batch: BatchDto = {
  id: '00000000-0000-0000-0000-000000000001', isp_id: '00000000-0000-0000-0000-000000000002', branch_id: null, number: 7, name: 'Ramadan', kind: 'hotspot',
  card_count: 3, pin_length: 12, entropy_bits: 55, currency: 'SAR', value_minor: 5000, plan_id: null, plan_name: 'Hotspot 10M', price_minor: 5000,
  validity_days: 30, expires_at: '2027-03-31T00:00:00.000Z', data_limit_bytes: 5_000_000_000, time_limit_s: 9000, status: 'active', print_count: 0,
  last_printed_at: null, created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z', stats: { unused: 3, sold: 0, used: 0, expired: 0, disabled: 0 },
};
const cards = ['K7PXM3QWHJKR', 'M3QWK7PXRJHK', 'PXK7QWM3HRKJ'].map((pin, i) => ({ serial: `0007-0000${i + 1}`, pin, status: 'unused' }));
const brand = { display_name: 'شبكات النور', primary_color: '#0a7d4f', logo_url: null };

describe('voucher card lines', () => {
  it('counts days with the plural rules of each language', () => {
    const ar = voucherStrings.ar;
    expect([1, 2, 3, 11, 100].map((n) => plural(ar.days, n, ar.numbers))).toEqual(['يوم واحد', 'يومين', '3 أيام', '11 يومًا', '100 يوم']);
    expect([0, 1, 2].map((n) => plural(voucherStrings.fr.days, n, 'fr'))).toEqual(['0 jour', '1 jour', '2 jours']);
    expect([1, 30].map((n) => plural(voucherStrings.en.days, n, 'en'))).toEqual(['1 day', '30 days']);
  });

  it("writes value, validity, limits and expiry in the sheet's language, with its units", () => {
    // Intl separates numbers and units with no-break spaces (narrow ones in French): compared as spaces.
    expect(cardLines(batch, voucherStrings.fr).map((l) => l.replace(/[\u00a0\u202f]/g, ' '))).toEqual([
      'Hotspot 10M · 50,00 SAR', 'Valable 30 jours à partir de la première connexion', 'Limite : 5 Go / 2 h 30 min', 'À utiliser avant le 2027-03-31',
    ]);
    expect(cardLines({ ...batch, kind: 'recharge', data_limit_bytes: null, time_limit_s: null }, voucherStrings.en).map((l) => l.replace(/\u00a0/g, ' '))).toEqual([
      'Hotspot 10M · SAR 50.00', 'Extends your service by 30 days', 'Use before 2027-03-31',
    ]);
    expect(formatBytes(1_500_000_000, 'en')).toBe('1.5 GB');
    expect(formatDuration(1800, 'en')).toBe('30 min');
    expect(formatDuration(7200, 'es')).toBe('2 h');
  });
});

describe('voucher sheet in Arabic', () => {
  it('is mirrored: the first card on the right, its text right-aligned, in the order the UBA gives', async () => {
    const pdf = await renderBatchPdf(batch, cards, brand, 'ar');
    const [page] = await readPdf(pdf);
    const find = (t: string) => page!.lines.filter((l) => arabicBodies(l.text) === arabicBodies(uba(t)));
    // Cards 1 and 2 share a row; card 1 is the right one.
    const [first, second] = ['0007-00001', '0007-00002'].map((s) => page!.lines.find((l) => l.text === s)!);
    expect(first!.left).toBeGreaterThan(second!.right);
    const pin = page!.lines.find((l) => l.text === 'K7PXM3QWHJKR')!;
    const cardRight = page!.width - 36;
    expect(pin.right).toBeCloseTo(cardRight - 8, 0);
    // Validity, in Arabic with its number, right-aligned in both cards of the row.
    const validity = find('صالحة لمدة 30 يومًا من أول تسجيل دخول');
    expect(validity.length).toBe(3);
    expect(Math.max(...validity.map((l) => l.right))).toBeCloseTo(cardRight - 8, 0);
    expect(find(voucherStrings.ar.howHotspot)).toHaveLength(3);
    expect(actualTexts(pdf)).toEqual(expect.arrayContaining(['صالحة لمدة 30 يومًا من أول تسجيل دخول', voucherStrings.ar.pin, 'تُستخدم قبل 2027-03-31']));
  });
});
