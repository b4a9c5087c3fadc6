import { sql } from 'drizzle-orm';
import { verifyChap, verifyPap, type AttributeInput, type RadiusPacket } from '@astranetix/radius';
import type { Database, Tx } from '../../platform/db/database.ts';
import { rows, tenantScope, withScope } from '../../platform/db/scope.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { type AaaNas, bandwidthAttributes, type Check, currentRate, type Decision, type LoginSource, normaliseMac, type SourcedDecision, toPlan } from '../aaa/index.ts';
import { hotspotUsage } from './cards.service.ts';
import { looksLikePin, normalisePin, PinHasher } from './pins.ts';

/** The decision, and the name the post-auth log shows instead of the PIN ("voucher 0003-00042"). */
export type VoucherDecision = SourcedDecision;

type CardRow = {
  id: string; isp_id: string; serial: string; status: string; used_mac: string | null; used_at: Date | string | null; expires_at: Date | string | null;
  batch_status: string; kind: string; batch_expires_at: Date | string | null; validity_days: number | null; data_limit_bytes: string | null;
  time_limit_s: string | null; plan: (Record<string, unknown> & { id: string }) | null; timezone: string;
};

const GIGA = 2 ** 32;
const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());

/**
 * Hotspot cards as RADIUS logins: User-Name = the PIN, password (PAP or CHAP) = the PIN.
 * The AAA server asks here only when the User-Name is no subscriber and looks like a PIN,
 * so subscribers' Access-Requests stay free of database round trips. The first accepted
 * login binds the card to the device (Calling-Station-Id) and starts its validity; the
 * remaining time and traffic, from the card's accounted sessions, go out as Session-Timeout
 * and Mikrotik-Total-Limit(-Gigawords), and a card with nothing left is refused.
 */
export class VoucherLogins implements LoginSource {
  private readonly hasher: PinHasher;
  // Misses are remembered briefly: a flood of PIN-shaped guesses is not a flood of queries.
  private readonly misses = new Map<string, number>();

  constructor(private readonly db: Database, secretKey: Buffer, private readonly missTtlMs = 5_000) {
    this.hasher = new PinHasher(secretKey);
  }

  async authorize(packet: RadiusPacket, nas: AaaNas, username: string, now: Date): Promise<VoucherDecision | null> {
    const pin = normalisePin(username);
    if (!looksLikePin(pin)) return null;
    const missKey = `${nas.ispId}|${pin}`;
    if ((this.misses.get(missKey) ?? 0) > now.getTime()) return null;
    const hash = this.hasher.hash(pin);
    const decision = await withScope(this.db, tenantScope(nas.ispId), async (tx) => {
      const [card] = await rows<CardRow>(tx, sql`
        SELECT c.id, c.isp_id, c.serial, c.status, c.used_mac, c.used_at, c.expires_at, b.status AS batch_status, b.kind,
               b.expires_at AS batch_expires_at, b.validity_days, b.data_limit_bytes::text, b.time_limit_s::text, to_jsonb(p) AS plan, i.timezone
        FROM voucher_cards c JOIN voucher_batches b ON b.id = c.batch_id JOIN isps i ON i.id = c.isp_id
        LEFT JOIN subscription_plans p ON p.id = b.plan_id
        WHERE c.isp_id = ${nas.ispId} AND c.pin_hash = ${hash}`);
      return card ? this.decide(tx, packet, nas, pin, username, card, now) : null;
    });
    if (!decision) {
      if (this.misses.size > 50_000) this.misses.clear();
      this.misses.set(missKey, now.getTime() + this.missTtlMs);
    }
    return decision;
  }

  private async decide(tx: Tx, packet: RadiusPacket, nas: AaaNas, pin: string, typed: string, card: CardRow, now: Date): Promise<VoucherDecision> {
    const checks: Check[] = [];
    const logName = `voucher ${card.serial}`;
    let method: Decision['method'] = 'none';
    const reject = (check: string, detail: string): VoucherDecision => {
      checks.push({ check, ok: false, detail });
      return { accept: false, reason: detail, method, checks, attributes: [], logName };
    };
    const pass = (check: string, detail: string) => checks.push({ check, ok: true, detail });

    if (card.kind !== 'hotspot') return reject('voucher', 'a recharge card: it is redeemed in the self-service portal, not used as a login');
    if (card.status === 'disabled' || card.batch_status === 'disabled') return reject('voucher', 'card disabled');
    pass('voucher', `hotspot card ${card.serial} (${card.status})`);

    // The password is the PIN, as printed or as typed (hotspot login pages may keep the case).
    const candidates = typed === pin ? [pin] : [pin, typed];
    if (packet.has('User-Password')) method = 'pap';
    else if (packet.has('CHAP-Password')) method = 'chap';
    else return reject('credentials', 'no supported credentials in the request (PAP, CHAP)');
    const ok = candidates.some((c) => (method === 'pap' ? verifyPap(packet, nas.secret, c) : verifyChap(packet, c)));
    if (!ok) return reject('credentials', `wrong password (${method})`);
    pass('credentials', `${method} password verified`);

    const t = now.getTime();
    const batchEnd = ms(card.batch_expires_at);
    if (!card.used_at && batchEnd !== null && batchEnd <= t) return reject('expiry', 'card expired unused');
    const cardEnd = ms(card.expires_at);
    if (cardEnd !== null && cardEnd <= t) return reject('expiry', 'card expired');

    const mac = normaliseMac(packet.getString('Calling-Station-Id'));
    if (!mac) return reject('mac_binding', 'no Calling-Station-Id to bind the card to');
    let end = cardEnd;
    if (card.used_mac) {
      if (card.used_mac !== mac) return reject('mac_binding', `card is bound to another device (${card.used_mac})`);
      pass('mac_binding', `MAC ${mac} matches`);
    } else {
      const activated = await this.activate(tx, card, mac, nas, now);
      if (!activated.ok) return reject('mac_binding', 'card is bound to another device');
      end = activated.expiresAt;
      pass('mac_binding', `first use: card bound to ${mac}`);
    }

    const dataLimit = card.data_limit_bytes === null ? null : Number(card.data_limit_bytes);
    const timeLimit = card.time_limit_s === null ? null : Number(card.time_limit_s);
    const used = (await hotspotUsage(tx, card.isp_id, [pin])).get(pin) ?? { bytes: 0, seconds: 0 };
    const dataLeft = dataLimit === null ? null : dataLimit - used.bytes;
    const timeLeft = timeLimit === null ? null : timeLimit - used.seconds;
    if (dataLeft !== null && dataLeft <= 0) return reject('quota', 'card data limit used up');
    if (timeLeft !== null && timeLeft <= 0) return reject('quota', 'card time limit used up');
    pass('quota', `left: ${dataLeft ?? 'unlimited'} bytes, ${timeLeft ?? 'unlimited'} s`);

    const attributes: AttributeInput[] = [];
    const plan = card.plan ? toPlan(card.plan) : null;
    if (plan) {
      const speed = currentRate(plan, { dayBytes: 0, monthBytes: 0, packBytes: 0 }, now, card.timezone);
      attributes.push(...bandwidthAttributes(nas, plan, speed.rate, !speed.night));
      if (plan.idleTimeoutS) attributes.push(['Idle-Timeout', plan.idleTimeoutS]);
    }
    const untilEnd = end === null ? null : Math.max(1, Math.floor((end - t) / 1000));
    const timeouts = [plan?.sessionTimeoutS ?? null, timeLeft, untilEnd].filter((v): v is number => v !== null && v > 0);
    if (timeouts.length) attributes.push(['Session-Timeout', Math.min(...timeouts)]);
    // Frequent interims: the remaining traffic and time are computed from them.
    attributes.push(['Acct-Interim-Interval', Math.min(plan?.interimIntervalS ?? 300, 300)]);
    if (dataLeft !== null && nas.vendor === 'mikrotik') {
      attributes.push(['Mikrotik-Total-Limit', dataLeft % GIGA]);
      if (dataLeft >= GIGA) attributes.push(['Mikrotik-Total-Limit-Gigawords', Math.floor(dataLeft / GIGA)]);
    } else if (dataLeft !== null && nas.vendor === 'chillispot' && dataLeft < GIGA) {
      attributes.push(['ChilliSpot-Max-Total-Octets', dataLeft]);
    }
    attributes.push(['Class', Buffer.from(`anxv:${card.id}`)]);
    return { accept: true, reason: 'accepted (voucher)', method, checks, attributes, logName };
  }

  /**
   * First use, once: the conditional update lets one device win when two log in at once;
   * the card's validity starts now, capped by the batch's expiry.
   */
  private async activate(tx: Tx, card: CardRow, mac: string, nas: AaaNas, now: Date): Promise<{ ok: boolean; expiresAt: number | null }> {
    const validity = card.validity_days === null ? null : now.getTime() + card.validity_days * 86_400_000;
    const batchEnd = ms(card.batch_expires_at);
    const ends = [validity, batchEnd].filter((v): v is number => v !== null);
    const expiresAt = ends.length ? Math.min(...ends) : null;
    const [won] = await rows<{ id: string }>(tx, sql`
      UPDATE voucher_cards SET status = 'used', used_at = ${now}, used_mac = ${mac},
        expires_at = ${expiresAt === null ? null : new Date(expiresAt)}::timestamptz, updated_at = now()
      WHERE id = ${card.id} AND used_mac IS NULL AND status IN ('unused', 'sold') RETURNING id`);
    if (!won) {
      const [now2] = await rows<{ used_mac: string | null; expires_at: Date | string | null }>(tx, sql`SELECT used_mac, expires_at FROM voucher_cards WHERE id = ${card.id}`);
      return { ok: now2?.used_mac === mac, expiresAt: ms(now2?.expires_at ?? null) };
    }
    await recordChange(tx, systemActor, { ispId: card.isp_id, action: 'voucher.activated', entityType: 'voucher', entityId: card.id,
      after: { serial: card.serial, status: 'used', used_mac: mac, nas_id: nas.id, nas: nas.name, used_at: now.toISOString(),
        expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString() } });
    return { ok: true, expiresAt };
  }
}
