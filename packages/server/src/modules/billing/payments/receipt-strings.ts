import type { DocumentLocale } from '../../../platform/i18n/document-locale.ts';

/** Server-side strings of the payment receipt PDF, in the five languages of the app (like invoice-strings.ts). */
export type ReceiptStrings = Record<
  'title' | 'number' | 'notIssued' | 'date' | 'receivedFrom' | 'method' | 'reference' | 'gatewayReference' | 'status' | 'amountReceived'
  | 'appliedTo' | 'invoice' | 'walletCredit' | 'refunded' | 'thanks' | 'taxId' | 'exchangeRate' | 'manualRate' | 'inverse' | 'eurCross',
  string
> & { methods: Record<'cash' | 'bank_transfer' | 'cheque' | 'card' | 'gateway', string>; statuses: Record<'pending' | 'held' | 'succeeded' | 'failed' | 'refunded' | 'partially_refunded', string> };

export const receiptStrings: Record<DocumentLocale, ReceiptStrings> = {
  en: {
    exchangeRate: 'Exchange rate', manualRate: 'entered rate', inverse: 'inverse', eurCross: 'crossed through EUR',
    title: 'Payment receipt', number: 'Receipt number', notIssued: '(not issued: payment not settled)', date: 'Date', receivedFrom: 'Received from', method: 'Method',
    reference: 'Reference', gatewayReference: 'Gateway reference', status: 'Status', amountReceived: 'Amount received', appliedTo: 'Applied to', invoice: 'Invoice',
    walletCredit: 'Credited to wallet', refunded: 'Refunded', thanks: 'Thank you. Keep this receipt as proof of payment.', taxId: 'Tax ID',
    methods: { cash: 'Cash', bank_transfer: 'Bank transfer', cheque: 'Cheque', card: 'Card', gateway: 'Online' },
    statuses: { pending: 'pending', held: 'held for review', succeeded: 'succeeded', failed: 'failed', refunded: 'refunded', partially_refunded: 'partially refunded' },
  },
  es: {
    exchangeRate: 'Tipo de cambio', manualRate: 'tipo introducido', inverse: 'inverso', eurCross: 'cruzado vía EUR',
    title: 'Recibo de pago', number: 'Número de recibo', notIssued: '(no emitido: pago no liquidado)', date: 'Fecha', receivedFrom: 'Recibido de', method: 'Forma de pago',
    reference: 'Referencia', gatewayReference: 'Referencia de la pasarela', status: 'Estado', amountReceived: 'Importe recibido', appliedTo: 'Aplicado a', invoice: 'Factura',
    walletCredit: 'Abonado al monedero', refunded: 'Reembolsado', thanks: 'Gracias. Conserve este recibo como comprobante de pago.', taxId: 'NIF',
    methods: { cash: 'Efectivo', bank_transfer: 'Transferencia bancaria', cheque: 'Cheque', card: 'Tarjeta', gateway: 'En línea' },
    statuses: { pending: 'pendiente', held: 'retenido para revisión', succeeded: 'completado', failed: 'fallido', refunded: 'reembolsado', partially_refunded: 'reembolsado en parte' },
  },
  fr: {
    exchangeRate: 'Taux de change', manualRate: 'taux saisi', inverse: 'inverse', eurCross: 'croisé via EUR',
    title: 'Reçu de paiement', number: 'Numéro de reçu', notIssued: '(non émis : paiement non réglé)', date: 'Date', receivedFrom: 'Reçu de', method: 'Moyen de paiement',
    reference: 'Référence', gatewayReference: 'Référence de la passerelle', status: 'Statut', amountReceived: 'Montant reçu', appliedTo: 'Affecté à', invoice: 'Facture',
    walletCredit: 'Crédité sur le portefeuille', refunded: 'Remboursé', thanks: 'Merci. Conservez ce reçu comme preuve de paiement.', taxId: 'N° TVA',
    methods: { cash: 'Espèces', bank_transfer: 'Virement', cheque: 'Chèque', card: 'Carte', gateway: 'En ligne' },
    statuses: { pending: 'en attente', held: 'en cours de vérification', succeeded: 'réussi', failed: 'échoué', refunded: 'remboursé', partially_refunded: 'remboursé en partie' },
  },
  ar: {
    exchangeRate: 'سعر الصرف', manualRate: 'سعر مُدخل', inverse: 'معكوس', eurCross: 'متقاطع عبر اليورو',
    title: 'إيصال دفع', number: 'رقم الإيصال', notIssued: '(لم يصدر: الدفعة غير مسواة)', date: 'التاريخ', receivedFrom: 'استُلم من', method: 'طريقة الدفع',
    reference: 'المرجع', gatewayReference: 'مرجع بوابة الدفع', status: 'الحالة', amountReceived: 'المبلغ المستلم', appliedTo: 'خُصص لـ', invoice: 'فاتورة',
    walletCredit: 'أُضيف إلى المحفظة', refunded: 'مُسترد', thanks: 'شكرًا لك. احتفظ بهذا الإيصال إثباتًا للدفع.', taxId: 'الرقم الضريبي',
    methods: { cash: 'نقدًا', bank_transfer: 'تحويل بنكي', cheque: 'شيك', card: 'بطاقة', gateway: 'عبر الإنترنت' },
    statuses: { pending: 'قيد الانتظار', held: 'محتجزة للمراجعة', succeeded: 'ناجحة', failed: 'فاشلة', refunded: 'مستردة', partially_refunded: 'مستردة جزئيًا' },
  },
  hi: {
    exchangeRate: 'विनिमय दर', manualRate: 'दर्ज की गई दर', inverse: 'व्युत्क्रम', eurCross: 'EUR के माध्यम से क्रॉस',
    title: 'भुगतान रसीद', number: 'रसीद संख्या', notIssued: '(जारी नहीं: भुगतान पूरा नहीं हुआ)', date: 'तिथि', receivedFrom: 'प्राप्तकर्ता से', method: 'भुगतान का तरीका',
    reference: 'संदर्भ', gatewayReference: 'गेटवे संदर्भ', status: 'स्थिति', amountReceived: 'प्राप्त राशि', appliedTo: 'इन पर लागू', invoice: 'चालान',
    walletCredit: 'वॉलेट में जमा', refunded: 'रिफंड किया गया', thanks: 'धन्यवाद। भुगतान के प्रमाण के रूप में यह रसीद रखें।', taxId: 'जीएसटीआईएन',
    methods: { cash: 'नकद', bank_transfer: 'बैंक ट्रांसफर', cheque: 'चेक', card: 'कार्ड', gateway: 'ऑनलाइन' },
    statuses: { pending: 'लंबित', held: 'समीक्षा के लिए रोका गया', succeeded: 'सफल', failed: 'विफल', refunded: 'रिफंड किया गया', partially_refunded: 'आंशिक रिफंड' },
  },
};

/** "ECB", "entered rate", with "inverse" / "crossed through EUR" when the rate was derived (rates.service.ts). */
export function rateSourceLabel(t: ReceiptStrings, source: string | null): string {
  if (!source) return '';
  const [origin, derived] = source.split('/');
  const base = origin === 'ecb' ? 'ECB' : t.manualRate;
  return derived === 'inverse' ? `${base}, ${t.inverse}` : derived === 'eur-cross' ? `${base}, ${t.eurCross}` : base;
}
