import type { DocumentLocale } from '../../platform/i18n/document-locale.ts';

/** A count in each plural category of the language (CLDR), `other` being the fallback; `{n}` is the number. */
type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Server-side strings of the voucher card sheet, in the five languages of the app (like invoice-strings.ts). */
export type VoucherStrings = Record<'header' | 'pin' | 'validFor' | 'extends' | 'limit' | 'useBefore' | 'howHotspot' | 'howRecharge', string> & {
  days: Plural;
  /** Locale for numbers and units (GB, h, min) on the card; Arabic keeps Latin digits as its invoices do. */
  numbers: string;
};

export const voucherStrings: Record<DocumentLocale, VoucherStrings> = {
  en: {
    header: '{isp} · {batch} (batch {number}) · page {page}/{pages}', pin: 'PIN',
    validFor: 'Valid for {days} from first login', extends: 'Extends your service by {days}', limit: 'Limit: {limits}', useBefore: 'Use before {date}',
    howHotspot: 'Hotspot: enter the PIN as user name and password', howRecharge: 'Recharge: enter the PIN in your self-service portal',
    days: { one: '{n} day', other: '{n} days' }, numbers: 'en',
  },
  es: {
    header: '{isp} · {batch} (lote {number}) · página {page}/{pages}', pin: 'PIN',
    validFor: 'Válida durante {days} desde el primer inicio de sesión', extends: 'Añade {days} de servicio', limit: 'Límite: {limits}', useBefore: 'Usar antes del {date}',
    howHotspot: 'Hotspot: introduzca el PIN como usuario y contraseña', howRecharge: 'Recarga: introduzca el PIN en su portal de autoservicio',
    days: { one: '{n} día', many: '{n} de días', other: '{n} días' }, numbers: 'es',
  },
  fr: {
    header: '{isp} · {batch} (lot {number}) · page {page}/{pages}', pin: 'Code PIN',
    validFor: 'Valable {days} à partir de la première connexion', extends: 'Ajoute {days} de service', limit: 'Limite : {limits}', useBefore: 'À utiliser avant le {date}',
    howHotspot: 'Hotspot : saisissez le code PIN comme identifiant et mot de passe', howRecharge: 'Recharge : saisissez le code PIN dans votre espace client en ligne',
    days: { one: '{n} jour', many: '{n} de jours', other: '{n} jours' }, numbers: 'fr',
  },
  ar: {
    header: '{isp} · {batch} (الدفعة {number}) · الصفحة {page}/{pages}', pin: 'الرمز السري',
    // After «لمدة» the count is in the genitive: يومين, not يومان.
    validFor: 'صالحة لمدة {days} من أول تسجيل دخول', extends: 'تمدد خدمتك لمدة {days}', limit: 'الحد: {limits}', useBefore: 'تُستخدم قبل {date}',
    howHotspot: 'نقطة الاتصال: أدخل الرمز السري كاسم مستخدم وكلمة مرور', howRecharge: 'إعادة الشحن: أدخل الرمز السري في بوابة الخدمة الذاتية',
    days: { zero: '{n} يوم', one: 'يوم واحد', two: 'يومين', few: '{n} أيام', many: '{n} يومًا', other: '{n} يوم' }, numbers: 'ar-u-nu-latn',
  },
  hi: {
    header: '{isp} · {batch} (बैच {number}) · पृष्ठ {page}/{pages}', pin: 'पिन',
    validFor: 'पहले लॉगिन से {days} तक मान्य', extends: 'आपकी सेवा में {days} जोड़ता है', limit: 'सीमा: {limits}', useBefore: '{date} से पहले उपयोग करें',
    howHotspot: 'हॉटस्पॉट: पिन को उपयोगकर्ता नाम और पासवर्ड के रूप में दर्ज करें', howRecharge: 'रिचार्ज: अपने सेल्फ-सर्विस पोर्टल में पिन दर्ज करें',
    days: { one: '{n} दिन', other: '{n} दिन' }, numbers: 'hi',
  },
};

/** The form of `forms` that the language's plural rules pick for `n`, with the number in place. */
export function plural(forms: Plural, n: number, numbers: string): string {
  const form = forms[new Intl.PluralRules(numbers).select(n)] ?? forms.other;
  return form.replace('{n}', new Intl.NumberFormat(numbers).format(n));
}
