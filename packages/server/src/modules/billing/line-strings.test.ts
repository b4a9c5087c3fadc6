import { describe, expect, it } from 'vitest';
import { documentLocale } from '../../platform/i18n/document-locale.ts';
import { lineStrings, lineText } from './line-strings.ts';

describe('line descriptions in the document language', () => {
  it('uses the subscriber language, else the ISP default, else English', () => {
    expect(documentLocale('fr', 'es')).toBe('fr');
    expect(documentLocale(null, 'es')).toBe('es');
    expect(documentLocale(undefined, 'ar-EG')).toBe('ar');
    expect(documentLocale(null, 'de')).toBe('en');
  });

  it('agrees the word for days with the number in each language', () => {
    expect([1, 2, 30].map((n) => lineText('en').days(n))).toEqual(['1 day', '2 days', '30 days']);
    expect([1, 2].map((n) => lineText('es').days(n))).toEqual(['1 día', '2 días']);
    expect([1, 2].map((n) => lineText('fr').days(n))).toEqual(['1 jour', '2 jours']);
    expect([1, 2, 3, 10, 11, 99, 100].map((n) => lineText('ar').days(n))).toEqual(['1 يوم', '2 يومان', '3 أيام', '10 أيام', '11 يومًا', '99 يومًا', '100 يوم']);
    expect(lineText('hi').days(5)).toBe('5 दिन');
    // A share reads "15/30 days": the noun follows the last number.
    expect(lineText('en').days(1, 30)).toBe('1/30 days');
    expect(lineText('fr').days(1, 1)).toBe('1/1 jour');
    expect(lineText('ar').days(15, 30)).toBe('15/30 يومًا');
  });

  it('writes each engine line with ISO dates and the names as typed', () => {
    const fr = lineText('fr');
    expect(fr.period('Fibre {x} 100', '2026-09-16', '2026-09-30', { days: 15, full: 30 })).toBe('Fibre {x} 100, du 2026-09-16 au 2026-09-30 (15/30 jours)');
    expect(fr.recharge('Prépayé', 1, '2026-12-01')).toBe("Prépayé, 1 jour jusqu'au 2026-12-01");
    expect(lineText('en').changeUnused('Basic', { days: 5, full: 30 })).toBe('Basic: unused 5/30 days');
    expect(lineText('es').discount('WELCOME10', '10')).toBe('Descuento WELCOME10 (10 %)');
    expect(lineText('hi').recharge('प्रीपेड', 30, '2026-12-01')).toBe('प्रीपेड, 2026-12-01 तक 30 दिन');
  });

  it('has every template in every language with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const en = lineStrings.en;
    for (const [lang, t] of Object.entries(lineStrings)) {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        if (key === 'days') continue;
        expect(placeholders(t[key] as string), `${lang}.${key}`).toEqual(placeholders(en[key] as string));
      }
      for (const form of Object.values(t.days)) expect(form, lang).toContain('{n}');
    }
  });
});
