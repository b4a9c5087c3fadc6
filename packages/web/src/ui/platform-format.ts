import type { SaasPlan } from '../api/types.ts';
import type { T } from '../i18n/index.tsx';

/** "March 2026" for a billed month, in the reader's language. */
export const monthLabel = (locale: string, isoDay: string) =>
  new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDay.slice(0, 7)}-01T00:00:00Z`));

/** Opens a PDF answer in a new tab; the blob URL lives a minute. */
export function openPdf(data: unknown) {
  const url = URL.createObjectURL(data as Blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A SaaS plan's price in words: "$49.00 a month" or "$1.50 per active subscriber, at least $99.00". */
export function planPrice(p: Pick<SaasPlan, 'kind' | 'price_minor' | 'minimum_minor' | 'currency'>, t: T, money: (m: number, c: string) => string) {
  return p.kind === 'flat' ? t('sb.flat', { price: money(p.price_minor, p.currency) }) : t('sb.perSubscriber', { price: money(p.price_minor, p.currency), min: money(p.minimum_minor, p.currency) });
}
