import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { rows, tenantScope, withScope } from '../../platform/db/scope.ts';
import { forbidden, HttpProblem, tooManyRequests } from '../../platform/http/errors.ts';
import { conflict } from '../../platform/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { applySubscriberUpdate } from '../subscribers/index.ts';
import { walletEntries } from '../billing/index.ts';
import { effectiveStatus } from './batches.service.ts';
import { looksLikePin, normalisePin, PinHasher } from './pins.ts';
import type { redeemDto } from './vouchers.schemas.ts';

// Guessing: 5 wrong PINs per subscriber and 20 per source address in 15 minutes. At 55
// bits a PIN cannot be found this way; the limit keeps a stolen session from trying.
const windowSeconds = 15 * 60;
const perSubscriber = 5;
const perAddress = 20;

const tooMany = (detail: string) => tooManyRequests(detail, windowSeconds);
const invalidPin = () => new HttpProblem(422, 'Unprocessable Content', 'This PIN is not valid');

type Found = {
  id: string; serial: string; status: string; kind: string; isp_id: string; validity_days: number | null; plan_id: string | null;
  plan_name: string | null; value_minor: string | null; currency: string;
};

/**
 * A subscriber recharges with a card: the card becomes used (once: the row lock and the
 * conditional update let exactly one of two concurrent redemptions win). A time card (one
 * with a validity) extends the subscription by it from today or from its current end,
 * whichever is later, and switches to the card's plan if it has one; its face value is only
 * what is printed. A value card (a face value, no validity, no plan) is money: the value is
 * credited to the wallet in the card's currency (one 'voucher' entry naming the card; a unique
 * index makes it once only), and the wallet then pays invoices. One transaction, audited.
 */
export async function redeem(ctx: AppContext, actor: Actor, pinInput: string): Promise<z.infer<typeof redeemDto>> {
  if (actor.kind !== 'subscriber' || !actor.id || !actor.ispId) throw forbidden('For subscribers');
  const subKey = `voucher:sub:${actor.id}`;
  const ipKey = `voucher:ip:${actor.ip ?? 'unknown'}`;
  if ((await ctx.limiter.count(subKey)) >= perSubscriber) throw tooMany('Too many wrong PINs: try again later');
  if ((await ctx.limiter.count(ipKey)) >= perAddress) throw tooMany('Too many wrong PINs from this address: try again later');
  const fail = async () => {
    await Promise.all([ctx.limiter.hit(subKey, windowSeconds), ctx.limiter.hit(ipKey, windowSeconds)]);
    return invalidPin();
  };
  const pin = normalisePin(pinInput);
  if (!looksLikePin(pin)) throw await fail();
  const hash = new PinHasher(ctx.config.secretKey).hash(pin);
  const subscriberId = actor.id;
  const outcome = await withScope(ctx.db, tenantScope(actor.ispId), async (tx) => {
    // The lock first, the status after it: a concurrent redemption that committed meanwhile is seen here.
    const [locked] = await rows<{ id: string }>(tx, sql`SELECT id FROM voucher_cards WHERE isp_id = ${actor.ispId} AND pin_hash = ${hash} FOR UPDATE`);
    if (!locked) return null;
    const [card] = await rows<Found>(tx, sql`
      SELECT c.id, c.serial, ${effectiveStatus} AS status, b.kind, c.isp_id, b.validity_days, b.plan_id, p.name AS plan_name,
             b.value_minor::text, b.currency
      FROM voucher_cards c JOIN voucher_batches b ON b.id = c.batch_id LEFT JOIN subscription_plans p ON p.id = b.plan_id
      WHERE c.id = ${locked.id}`);
    if (card!.kind !== 'recharge') throw conflict('This is a hotspot card: use it to log in at the hotspot');
    if (card!.status !== 'unused' && card!.status !== 'sold') throw conflict(`This card is ${card!.status}`);
    const [sub] = await rows<{ status: string; expires_at: Date | string | null; branch_id: string | null }>(tx, sql`
      SELECT status, expires_at, branch_id FROM subscribers WHERE id = ${subscriberId} FOR UPDATE`);
    if (!sub || sub.status === 'terminated') throw forbidden('This account cannot be recharged');
    const done = await rows(tx, sql`UPDATE voucher_cards SET status = 'used', used_at = now(), used_by_subscriber_id = ${subscriberId}, updated_at = now()
      WHERE id = ${card!.id} AND status IN ('unused', 'sold') RETURNING id`);
    if (!done.length) throw conflict('This card is used');
    const value = card!.value_minor === null ? null : Number(card!.value_minor);
    const currency = card!.currency.trim();
    if (!card!.plan_id && card!.validity_days === null && value !== null && value > 0) {
      const [entry] = await tx.insert(walletEntries).values({
        ispId: card!.isp_id, branchId: sub.branch_id, subscriberId, currency, amount: value, kind: 'voucher', voucherCardId: card!.id, note: `Value card ${card!.serial}`,
      }).returning({ id: walletEntries.id });
      const credit = { serial: card!.serial, voucher_card_id: card!.id, wallet_entry_id: entry!.id, amount: value, currency, subscriber_id: subscriberId };
      await recordChange(tx, actor, { ispId: card!.isp_id, action: 'voucher.redeemed', entityType: 'voucher', entityId: card!.id,
        after: { serial: card!.serial, status: 'used', used_by_subscriber_id: subscriberId, wallet_credit: value, currency } });
      await recordChange(tx, actor, { ispId: card!.isp_id, action: 'wallet.credited', entityType: 'subscriber', entityId: subscriberId, after: credit });
      return {
        serial: card!.serial, expires_at: sub.expires_at ? new Date(sub.expires_at).toISOString() : null, plan_id: null, plan_name: null,
        value_minor: value, currency, validity_days: null, wallet_credit: value,
      };
    }
    const now = Date.now();
    const current = sub.expires_at ? new Date(sub.expires_at).getTime() : 0;
    const expiresAt = new Date(Math.max(now, current) + (card!.validity_days ?? 0) * 86_400_000).toISOString();
    const after = await applySubscriberUpdate(ctx, tx, actor, subscriberId, {
      expires_at: expiresAt, ...(card!.plan_id && { plan_id: card!.plan_id }), ...(sub.status === 'expired' && { status: 'active' as const }),
    }, undefined);
    await recordChange(tx, actor, { ispId: card!.isp_id, action: 'voucher.redeemed', entityType: 'voucher', entityId: card!.id,
      after: { serial: card!.serial, status: 'used', used_by_subscriber_id: subscriberId, subscriber_expires_at: after.expires_at,
        plan_id: card!.plan_id, value_minor: value, currency } });
    return {
      serial: card!.serial, expires_at: after.expires_at, plan_id: card!.plan_id, plan_name: card!.plan_name,
      value_minor: value, currency, validity_days: card!.validity_days, wallet_credit: null,
    };
  });
  if (!outcome) throw await fail();
  return outcome;
}
