import type { DocumentLocale } from '../../platform/i18n/document-locale.ts';
import { fill } from './invoice-strings.ts';

/**
 * Descriptions of the lines and charges the billing engine writes (plan periods, overage,
 * add-on periods, discounts, plan-change proration, prepaid recharges), in the five languages
 * of the app. They are written once, in the document's language, because an issued invoice is
 * never edited; names typed by the operator (plans, add-ons, coupon codes) stay as typed.
 * Dates stay ISO (YYYY-MM-DD) in every language.
 */

/** A number of days in each plural form the language has (Intl.PluralRules categories); `{n}` is the number. */
type DayForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export type LineStrings = {
  /** A period of dates: `{start}`, `{end}`. */
  range: string;
  /** A whole period of a plan or add-on: `{name}`, `{range}`. */
  period: string;
  /** Part of a period, pro-rated: `{name}`, `{range}`, `{days}` (e.g. "15/30 days"). */
  periodPart: string;
  overage: string;
  /** Plan change, postpaid: the used days at the old plan, and their credit at the new one. */
  changeCharge: string;
  changeCredit: string;
  /** Plan change, prepaid: the unused validity credited. */
  changeUnused: string;
  /** Prepaid recharge: `{name}`, `{days}`, `{date}` (the new expiry). */
  recharge: string;
  discount: string;
  discountPercent: string;
  days: DayForms;
};

export const lineStrings: Record<DocumentLocale, LineStrings> = {
  en: {
    range: '{start} – {end}', period: '{name}, {range}', periodPart: '{name}, {range} ({days})', overage: 'Data beyond the plan quota, {range}',
    changeCharge: '{name}: {range} ({days})', changeCredit: '{name}: credit {range} ({days})', changeUnused: '{name}: unused {days}',
    recharge: '{name}, {days} until {date}', discount: 'Discount {code}', discountPercent: 'Discount {code} ({percent}%)',
    days: { one: '{n} day', other: '{n} days' },
  },
  es: {
    range: 'del {start} al {end}', period: '{name}, {range}', periodPart: '{name}, {range} ({days})', overage: 'Datos por encima de la cuota del plan, {range}',
    changeCharge: '{name}: {range} ({days})', changeCredit: '{name}: abono {range} ({days})', changeUnused: '{name}: {days} sin usar',
    recharge: '{name}, {days} hasta el {date}', discount: 'Descuento {code}', discountPercent: 'Descuento {code} ({percent} %)',
    days: { one: '{n} día', other: '{n} días' },
  },
  fr: {
    range: 'du {start} au {end}', period: '{name}, {range}', periodPart: '{name}, {range} ({days})', overage: 'Données au-delà du quota du forfait, {range}',
    changeCharge: '{name} : {range} ({days})', changeCredit: '{name} : crédit {range} ({days})', changeUnused: '{name} : part non utilisée, {days}',
    recharge: "{name}, {days} jusqu'au {date}", discount: 'Remise {code}', discountPercent: 'Remise {code} ({percent} %)',
    days: { one: '{n} jour', other: '{n} jours' },
  },
  ar: {
    range: 'من {start} إلى {end}', period: '{name}، {range}', periodPart: '{name}، {range} ({days})', overage: 'بيانات تتجاوز حصة الباقة، {range}',
    changeCharge: '{name}: {range} ({days})', changeCredit: '{name}: رصيد دائن {range} ({days})', changeUnused: '{name}: الجزء غير المستخدم {days}',
    recharge: '{name}، {days} حتى {date}', discount: 'خصم {code}', discountPercent: 'خصم {code} ({percent}%)',
    // Arabic counts: 1 and 100+ take the singular, 2 the dual, 3–10 the plural, 11–99 the accusative singular.
    days: { zero: '{n} يوم', one: '{n} يوم', two: '{n} يومان', few: '{n} أيام', many: '{n} يومًا', other: '{n} يوم' },
  },
  hi: {
    range: '{start} – {end}', period: '{name}, {range}', periodPart: '{name}, {range} ({days})', overage: 'प्लान कोटा से अधिक डेटा, {range}',
    changeCharge: '{name}: {range} ({days})', changeCredit: '{name}: क्रेडिट {range} ({days})', changeUnused: '{name}: अप्रयुक्त {days}',
    recharge: '{name}, {date} तक {days}', discount: 'छूट {code}', discountPercent: 'छूट {code} ({percent}%)',
    days: { one: '{n} दिन', other: '{n} दिन' },
  },
};

export type LineText = ReturnType<typeof lineText>;

/** The engine's descriptions in one document language. `part` is a pro-rated share: `days` of a `full` cycle. */
export function lineText(locale: DocumentLocale) {
  const t = lineStrings[locale];
  const plural = new Intl.PluralRules(locale);
  /** "15/30 days": the noun agrees with the last number, as it is read. */
  const days = (n: number, of?: number) => {
    const count = of ?? n;
    return fill(t.days[plural.select(count)] ?? t.days.other, { n: of === undefined ? String(n) : `${n}/${of}` });
  };
  const range = (start: string, end: string) => fill(t.range, { start, end });
  type Part = { days: number; full: number };
  return {
    days,
    period: (name: string, start: string, end: string, part?: Part) => part
      ? fill(t.periodPart, { name, range: range(start, end), days: days(part.days, part.full) })
      : fill(t.period, { name, range: range(start, end) }),
    overage: (start: string, end: string) => fill(t.overage, { range: range(start, end) }),
    changeCharge: (name: string, start: string, end: string, part: Part) => fill(t.changeCharge, { name, range: range(start, end), days: days(part.days, part.full) }),
    changeCredit: (name: string, start: string, end: string, part: Part) => fill(t.changeCredit, { name, range: range(start, end), days: days(part.days, part.full) }),
    changeUnused: (name: string, part: Part) => fill(t.changeUnused, { name, days: days(part.days, part.full) }),
    recharge: (name: string, n: number, date: string) => fill(t.recharge, { name, days: days(n), date }),
    discount: (code: string, percent?: string) => (percent === undefined ? fill(t.discount, { code }) : fill(t.discountPercent, { code, percent })),
  };
}
