/** The languages documents (invoices, receipts, voucher sheets) are written in: the app's five. */
export const documentLocales = ['en', 'es', 'fr', 'ar', 'hi'] as const;
export type DocumentLocale = (typeof documentLocales)[number];
export const pickLocale = (l: string | null | undefined): DocumentLocale => {
  const base = (l ?? 'en').slice(0, 2).toLowerCase();
  return (documentLocales as readonly string[]).includes(base) ? (base as DocumentLocale) : 'en';
};
/**
 * The language of a subscriber's documents: their own language, else the ISP's default. The
 * invoice records it, and the billing engine writes its line descriptions in it.
 */
export const documentLocale = (subscriberLocale: string | null | undefined, ispDefaultLocale: string | null | undefined): DocumentLocale =>
  pickLocale(subscriberLocale ?? ispDefaultLocale);
/** Number formatting of each language on documents: Arabic keeps Latin digits (laid out left to right inside the Arabic text); Hindi groups lakhs. */
export const numberLocale: Record<DocumentLocale, string> = { en: 'en', es: 'es', fr: 'fr', ar: 'en', hi: 'en-IN' };
