import { z } from 'zod';
import { pageQuery, sortParam } from '../../../platform/http/paging.ts';
import { paymentStatuses, riskLevels } from './schema.ts';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. EUR').refine((c) => knownCurrencies.has(c), 'unknown currency');
const minor = z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Integer minor units of the currency (cents, paise; yen have none)');

export const recordPaymentBody = z.strictObject({
  subscriber_id: z.uuid(),
  method: z.enum(['cash', 'bank_transfer', 'cheque', 'card']),
  amount: minor,
  currency: currencyCode.optional().describe("Defaults to the subscriber's billing currency, else the ISP's"),
  reference: z.string().max(120).nullable().optional().describe('Cheque number or bank transfer reference'),
  invoice_ids: z.array(z.uuid()).max(50).optional().describe('Pay these invoices in this order; default: oldest open first'),
  notes: z.string().max(1000).nullable().optional(),
  received_at: z.iso.datetime().optional(),
});
export type RecordPaymentInput = z.infer<typeof recordPaymentBody>;

export const refundBody = z.strictObject({ amount: minor.optional().describe('Default: all that is left'), reason: z.string().max(500).optional() });
export const allocateBody = z.strictObject({ allocations: z.array(z.strictObject({ invoice_id: z.uuid(), amount: minor })).min(1).max(50) });
export const reviewBody = z.strictObject({ decision: z.enum(['approve', 'reject']), note: z.string().max(1000).optional() });

export const paymentQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(paymentStatuses).optional(),
  risk_level: z.enum(riskLevels).optional(),
  subscriber_id: z.uuid().optional(),
  method: z.enum(['cash', 'bank_transfer', 'cheque', 'card', 'gateway']).optional(),
  sort: sortParam(['received_at', 'amount', 'risk_score'], '-received_at'),
});
export type PaymentQuery = z.infer<typeof paymentQuery>;

export const allocationDto = z.object({
  invoice_id: z.string(), invoice_number: z.string().nullable(), payment_id: z.string().nullable().describe('Empty for wallet credit that came from no payment (value card, deposit)'),
  amount: z.number().int().describe('Minor units of `currency`: what left the payment or the wallet'), currency: z.string(),
  invoice_amount: z.number().int().describe('Minor units of `invoice_currency`: what the invoice received'), invoice_currency: z.string(),
  exchange_rate: z.string().describe('1 currency = exchange_rate invoice_currency; "1" in one currency'),
  rate_date: z.string().nullable().describe('Day of the stored rate used (null in one currency)'),
  rate_source: z.string().nullable().describe('manual or ecb, with /inverse or /eur-cross when derived'),
});
export const invoicePaymentDto = allocationDto.extend({ payment_number: z.string().nullable(), method: z.string().nullable(), received_at: z.string() });
export const walletPayBody = z.strictObject({
  invoice_id: z.uuid(),
  currency: currencyCode.describe('The wallet balance to spend; the invoice may be in another currency'),
  amount: minor.optional().describe('At most this much of the balance (minor units of `currency`); default: what settles the invoice'),
});
export const walletPayDto = z.object({ subscriber_id: z.string(), invoice_id: z.string(), currency: z.string(), spent: z.number().int(), allocations: z.array(allocationDto) });
export const riskReasonDto = z.object({ code: z.string(), points: z.number().int(), detail: z.string() });
export const refundDto = z.object({
  id: z.string(), payment_id: z.string(), amount: z.number().int(), currency: z.string(), status: z.string(), reason: z.string().nullable(),
  gateway_reference: z.string().nullable(), created_at: z.string(),
});
export const paymentDto = z.object({
  id: z.string(), isp_id: z.string(), subscriber_id: z.string(), subscriber_name: z.string().optional(), account_number: z.string().optional(),
  number: z.string().nullable(), method: z.string(), provider: z.string().nullable(), status: z.enum(paymentStatuses),
  amount: z.number().int(), currency: z.string(), amount_refunded: z.number().int(), reference: z.string().nullable(), gateway_reference: z.string().nullable(),
  risk_score: z.number().int(), risk_level: z.enum(riskLevels), risk_reasons: z.array(riskReasonDto), review_note: z.string().nullable(),
  reviewed_at: z.string().nullable(), failure_reason: z.string().nullable(), notes: z.string().nullable(), received_at: z.string(), created_at: z.string(),
  allocations: z.array(allocationDto).optional(), refunds: z.array(refundDto).optional(), wallet_credit: z.number().int().optional(),
});
export type PaymentDto = z.infer<typeof paymentDto>;

export const walletDto = z.object({
  subscriber_id: z.string(),
  balances: z.array(z.object({ currency: z.string(), balance: z.number().int() })),
  entries: z.array(z.object({
    id: z.string(), currency: z.string(), amount: z.number().int(), kind: z.string(), payment_id: z.string().nullable(), invoice_id: z.string().nullable(),
    voucher_card_id: z.string().nullable(), note: z.string().nullable(), created_at: z.string(),
  })),
});
