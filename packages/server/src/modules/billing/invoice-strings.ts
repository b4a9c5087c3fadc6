import type { DocumentLocale } from '../../platform/i18n/document-locale.ts';
import type { InvoiceStatus } from './schema.ts';

/** Server-side strings of the invoice PDF and e-mail, in the five languages of the app. */
export type InvoiceStrings = Record<
  'invoice' | 'creditNote' | 'number' | 'issueDate' | 'dueDate' | 'period' | 'billTo' | 'taxId' | 'account' | 'description' | 'qty' | 'unitPrice'
  | 'net' | 'tax' | 'amount' | 'subtotal' | 'taxTotal' | 'total' | 'paid' | 'balance' | 'reverseCharge' | 'usage' | 'included' | 'creditNoteOf'
  | 'exchangeRate' | 'status' | 'mailSubject' | 'mailBody' | 'pricesInclude',
  string
> & { statuses: Record<InvoiceStatus, string> };

export const invoiceStrings: Record<DocumentLocale, InvoiceStrings> = {
  en: {
    invoice: 'Invoice', creditNote: 'Credit note', number: 'Number', issueDate: 'Issue date', dueDate: 'Due date', period: 'Period', billTo: 'Bill to',
    taxId: 'Tax ID', account: 'Account', description: 'Description', qty: 'Qty', unitPrice: 'Unit price', net: 'Net', tax: 'Tax', amount: 'Amount',
    subtotal: 'Subtotal', taxTotal: 'Tax', total: 'Total', paid: 'Paid', balance: 'Balance due', reverseCharge: 'Reverse charge: VAT to be accounted for by the recipient',
    usage: 'Usage', included: 'included', creditNoteOf: 'Credit note for invoice', exchangeRate: 'Exchange rate', status: 'Status',
    mailSubject: 'Your invoice {number}', mailBody: 'Dear {name},\n\nplease find attached invoice {number} for {total}, due on {due}.\n\n{isp}', pricesInclude: 'Prices include tax',
    statuses: { draft: 'Draft', issued: 'Issued', paid: 'Paid', partially_paid: 'Partially paid', overdue: 'Overdue', void: 'Void' },
  },
  es: {
    invoice: 'Factura', creditNote: 'Nota de crédito', number: 'Número', issueDate: 'Fecha de emisión', dueDate: 'Fecha de vencimiento', period: 'Periodo', billTo: 'Facturar a',
    taxId: 'NIF', account: 'Cuenta', description: 'Descripción', qty: 'Cant.', unitPrice: 'Precio unitario', net: 'Neto', tax: 'Impuesto', amount: 'Importe',
    subtotal: 'Subtotal', taxTotal: 'Impuestos', total: 'Total', paid: 'Pagado', balance: 'Saldo pendiente', reverseCharge: 'Inversión del sujeto pasivo: IVA a cargo del destinatario',
    usage: 'Consumo', included: 'incluido', creditNoteOf: 'Nota de crédito de la factura', exchangeRate: 'Tipo de cambio', status: 'Estado',
    mailSubject: 'Su factura {number}', mailBody: 'Estimado/a {name}:\n\nadjuntamos la factura {number} por {total}, con vencimiento el {due}.\n\n{isp}', pricesInclude: 'Precios con impuestos incluidos',
    statuses: { draft: 'Borrador', issued: 'Emitida', paid: 'Pagada', partially_paid: 'Pagada parcialmente', overdue: 'Vencida', void: 'Anulada' },
  },
  fr: {
    invoice: 'Facture', creditNote: 'Avoir', number: 'Numéro', issueDate: "Date d'émission", dueDate: "Date d'échéance", period: 'Période', billTo: 'Facturé à',
    taxId: 'N° TVA', account: 'Compte', description: 'Description', qty: 'Qté', unitPrice: 'Prix unitaire', net: 'HT', tax: 'Taxe', amount: 'Montant',
    subtotal: 'Total HT', taxTotal: 'Taxes', total: 'Total TTC', paid: 'Payé', balance: 'Reste à payer', reverseCharge: 'Autoliquidation : TVA due par le preneur',
    usage: 'Consommation', included: 'inclus', creditNoteOf: 'Avoir sur la facture', exchangeRate: 'Taux de change', status: 'Statut',
    mailSubject: 'Votre facture {number}', mailBody: 'Bonjour {name},\n\nveuillez trouver ci-joint la facture {number} de {total}, à régler avant le {due}.\n\n{isp}', pricesInclude: 'Prix TTC',
    statuses: { draft: 'Brouillon', issued: 'Émise', paid: 'Payée', partially_paid: 'Partiellement payée', overdue: 'En retard', void: 'Annulée' },
  },
  ar: {
    invoice: 'فاتورة', creditNote: 'إشعار دائن', number: 'الرقم', issueDate: 'تاريخ الإصدار', dueDate: 'تاريخ الاستحقاق', period: 'الفترة', billTo: 'الفاتورة إلى',
    taxId: 'الرقم الضريبي', account: 'الحساب', description: 'الوصف', qty: 'الكمية', unitPrice: 'سعر الوحدة', net: 'الصافي', tax: 'الضريبة', amount: 'المبلغ',
    subtotal: 'المجموع الفرعي', taxTotal: 'الضرائب', total: 'الإجمالي', paid: 'المدفوع', balance: 'الرصيد المستحق', reverseCharge: 'احتساب عكسي: الضريبة على المستلم',
    usage: 'الاستهلاك', included: 'مشمول', creditNoteOf: 'إشعار دائن للفاتورة', exchangeRate: 'سعر الصرف', status: 'الحالة',
    mailSubject: 'فاتورتك {number}', mailBody: 'عزيزي {name}،\n\nمرفق الفاتورة {number} بمبلغ {total}، تستحق في {due}.\n\n{isp}', pricesInclude: 'الأسعار شاملة الضريبة',
    statuses: { draft: 'مسودة', issued: 'صادرة', paid: 'مدفوعة', partially_paid: 'مدفوعة جزئيًا', overdue: 'متأخرة', void: 'ملغاة' },
  },
  hi: {
    invoice: 'चालान', creditNote: 'क्रेडिट नोट', number: 'संख्या', issueDate: 'जारी करने की तिथि', dueDate: 'देय तिथि', period: 'अवधि', billTo: 'बिल प्राप्तकर्ता',
    taxId: 'जीएसटीआईएन', account: 'खाता', description: 'विवरण', qty: 'मात्रा', unitPrice: 'इकाई मूल्य', net: 'शुद्ध', tax: 'कर', amount: 'राशि',
    subtotal: 'उप-योग', taxTotal: 'कर', total: 'कुल', paid: 'भुगतान किया', balance: 'शेष देय', reverseCharge: 'रिवर्स चार्ज: कर प्राप्तकर्ता द्वारा देय',
    usage: 'उपयोग', included: 'शामिल', creditNoteOf: 'चालान का क्रेडिट नोट', exchangeRate: 'विनिमय दर', status: 'स्थिति',
    mailSubject: 'आपका चालान {number}', mailBody: 'प्रिय {name},\n\nसंलग्न चालान {number} राशि {total}, देय तिथि {due}।\n\n{isp}', pricesInclude: 'मूल्य कर सहित',
    statuses: { draft: 'मसौदा', issued: 'जारी', paid: 'भुगतान किया गया', partially_paid: 'आंशिक भुगतान', overdue: 'अतिदेय', void: 'रद्द' },
  },
};

export const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
