import type { DocumentLocale } from '../../platform/i18n/document-locale.ts';

/** Line descriptions of the platform's invoices, in the ISP's language. */
export const platformLineStrings: Record<DocumentLocale, { subscription: string; perSubscriber: string; minimum: string; subscriber: string }> = {
  en: { subscription: '{plan} — SaaS subscription, {period}', perSubscriber: '{plan} — active subscribers at {date}', minimum: 'Monthly minimum of {plan}', subscriber: 'subscribers' },
  es: { subscription: '{plan} — suscripción SaaS, {period}', perSubscriber: '{plan} — abonados activos al {date}', minimum: 'Mínimo mensual de {plan}', subscriber: 'abonados' },
  fr: { subscription: '{plan} — abonnement SaaS, {period}', perSubscriber: '{plan} — abonnés actifs au {date}', minimum: 'Minimum mensuel de {plan}', subscriber: 'abonnés' },
  ar: { subscription: '{plan} — اشتراك SaaS، {period}', perSubscriber: '{plan} — المشتركون النشطون في {date}', minimum: 'الحد الأدنى الشهري لـ {plan}', subscriber: 'مشتركون' },
  hi: { subscription: '{plan} — SaaS सदस्यता, {period}', perSubscriber: '{plan} — {date} को सक्रिय ग्राहक', minimum: '{plan} का मासिक न्यूनतम', subscriber: 'ग्राहक' },
};
