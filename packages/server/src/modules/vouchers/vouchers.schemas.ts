import { z } from 'zod';
import { pageQuery, sortParam } from '../../platform/http/paging.ts';
import { documentLocales } from '../../platform/i18n/document-locale.ts';
import { cardViewStatuses, voucherKinds } from './schema.ts';
import { maxPinLength, minPinLength } from './pins.ts';

export const createBatchBody = z.strictObject({
  name: z.string().min(1).max(120),
  kind: z.enum(voucherKinds).describe('recharge: redeemed in the subscriber portal; hotspot: the PIN is a RADIUS login'),
  count: z.number().int().min(1).max(10_000),
  pin_length: z.number().int().min(minPinLength).max(maxPinLength).default(12)
    .describe('Symbols from a 24-symbol alphabet without look-alikes: 4.58 bits each (12 → 55 bits)'),
  branch_id: z.uuid().nullable().optional().describe('The branch that sells the cards; branch staff default to their own'),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().describe("ISO 4217; defaults to the ISP's currency"),
  value_minor: z.number().int().min(0).max(1_000_000_000_000).nullable().optional().describe("Face value in the currency's minor units"),
  plan_id: z.uuid().nullable().optional().describe('Recharge: the plan the subscriber is switched to; hotspot: the speed'),
  price_minor: z.number().int().min(0).max(1_000_000_000_000).default(0).describe('Selling price, minor units'),
  validity_days: z.number().int().min(1).max(3660).nullable().optional()
    .describe('Recharge: days added to the subscription (a time card); hotspot: days the card works after its first login. Leave it out, with a face value and no plan, for a value card that credits the wallet'),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional().describe('Cards not used by then expire'),
  data_limit_bytes: z.number().int().min(1).max(2 ** 53 - 1).nullable().optional().describe('Hotspot: total traffic allowed'),
  time_limit_s: z.number().int().min(1).max(2 ** 31 - 1).nullable().optional().describe('Hotspot: total online time allowed'),
}).superRefine((b, c) => {
  if (b.value_minor == null && !b.plan_id) c.addIssue({ code: 'custom', path: ['value_minor'], message: 'a value or a plan is required' });
  // A recharge card gives days of service (validity, optionally a plan) or, with a face value and neither, money for the wallet; never both, or it would pay twice.
  if (b.kind === 'recharge' && b.validity_days == null && (b.plan_id || !b.value_minor))
    c.addIssue({ code: 'custom', path: ['validity_days'], message: 'recharge cards need a validity in days, unless they are value cards (a face value, no plan)' });
  if (b.kind === 'recharge' && (b.data_limit_bytes != null || b.time_limit_s != null))
    c.addIssue({ code: 'custom', path: ['data_limit_bytes'], message: 'data and time limits apply to hotspot cards' });
  if (b.expires_at && new Date(b.expires_at) <= new Date()) c.addIssue({ code: 'custom', path: ['expires_at'], message: 'must be in the future' });
});
export type CreateBatchInput = z.infer<typeof createBatchBody>;

export const updateBatchBody = z.strictObject({
  name: z.string().min(1).max(120).optional(),
  status: z.enum(['active', 'disabled']).optional().describe('A disabled batch: none of its cards can be sold, redeemed or used'),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type UpdateBatchInput = z.infer<typeof updateBatchBody>;

export const batchStats = z.object({
  unused: z.number().int(), sold: z.number().int(), used: z.number().int(), expired: z.number().int(), disabled: z.number().int(),
});
export const batchDto = z.object({
  id: z.string(), isp_id: z.string(), branch_id: z.string().nullable(), number: z.number().int(), name: z.string(), kind: z.enum(voucherKinds),
  card_count: z.number().int(), pin_length: z.number().int(), entropy_bits: z.number(), currency: z.string(),
  value_minor: z.number().int().nullable(), plan_id: z.string().nullable(), plan_name: z.string().nullable(), price_minor: z.number().int(),
  validity_days: z.number().int().nullable(), expires_at: z.string().nullable(), data_limit_bytes: z.number().int().nullable(),
  time_limit_s: z.number().int().nullable(), status: z.enum(['active', 'disabled']), print_count: z.number().int(),
  last_printed_at: z.string().nullable(), created_at: z.string(), updated_at: z.string(), stats: batchStats,
});
export type BatchDto = z.infer<typeof batchDto>;

export const createdBatchDto = z.object({
  batch: batchDto,
  cards: z.array(z.object({ serial: z.string(), pin: z.string() })).describe('The PINs, shown this once; print them from the batch sheet'),
});

export const batchQuery = z.object({
  ...pageQuery,
  sort: sortParam(['created_at', 'name', 'number'] as const, '-created_at'),
  status: z.enum(['active', 'disabled']).optional(),
  kind: z.enum(voucherKinds).optional(),
});
export type BatchQuery = z.infer<typeof batchQuery>;

export const sheetQuery = z.strictObject({
  lang: z.enum(documentLocales).optional().describe("Language of the card sheet; defaults to the ISP's default language"),
});

export const cardDto = z.object({
  id: z.string(), batch_id: z.string(), batch_name: z.string(), kind: z.enum(voucherKinds), serial: z.string(), status: z.enum(cardViewStatuses),
  sold_at: z.string().nullable(), sold_by: z.string().nullable(), sold_by_name: z.string().nullable(), sold_branch_id: z.string().nullable(),
  used_at: z.string().nullable(), used_by_subscriber_id: z.string().nullable(), used_by_subscriber_name: z.string().nullable(),
  used_mac: z.string().nullable(), expires_at: z.string().nullable(), disabled_at: z.string().nullable(),
  bytes_used: z.number().int().nullable().describe('Hotspot cards: traffic so far'), seconds_used: z.number().int().nullable(),
  created_at: z.string(),
});
export type CardDto = z.infer<typeof cardDto>;

export const cardQuery = z.object({
  ...pageQuery,
  batch_id: z.uuid().optional(),
  status: z.enum(cardViewStatuses).optional(),
  serial: z.string().max(40).optional().describe('Serial number or its beginning'),
});
export type CardQuery = z.infer<typeof cardQuery>;

export const sellBody = z.strictObject({
  branch_id: z.uuid().nullable().optional().describe("The branch where it was sold; defaults to the seller's branch, else the batch's"),
});

export const redeemBody = z.strictObject({ pin: z.string().min(1).max(64) });
export const redeemDto = z.object({
  serial: z.string(), expires_at: z.string().nullable(), plan_id: z.string().nullable(), plan_name: z.string().nullable(),
  value_minor: z.number().int().nullable(), currency: z.string(), validity_days: z.number().int().nullable(),
  wallet_credit: z.number().int().nullable().describe("A value card: the face value credited to the wallet (minor units of `currency`); null for plan cards"),
});
