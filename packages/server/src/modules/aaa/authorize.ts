import { RadiusDecodeError, verifyChap, verifyMsChap, verifyPap, type AttributeInput, type RadiusPacket } from '@astranetix/radius';
import type { AaaNas, AaaPlan, AaaSubscriber } from './policy.ts';
import { bandwidthAttributes } from './reply-attributes.ts';
import { currentRate, type QuotaUsage } from './rate.ts';
import { normaliseMac } from '../subscribers/subscribers.service.ts';
import { applyCustomAttributes } from './custom-attributes.ts';
import { loginWindow } from './login-time.ts';
import { failedCheck, type CompiledCheck } from './check-items.ts';

export type Check = { check: string; ok: boolean; detail: string };
export type Decision = {
  accept: boolean;
  reason: string;
  method: 'pap' | 'chap' | 'mschapv1' | 'mschapv2' | 'eap-md5' | 'none';
  checks: Check[];
  /** May be shared with other decisions (see replyMemo): never modified, only copied. */
  attributes: readonly AttributeInput[];
  /** Set on a reject for an attribute that cannot be read: which one (counted, and logged once an interval). */
  malformed?: string;
};

export type AuthorizeInput = {
  packet: RadiusPacket;
  nas: AaaNas;
  subscriber: AaaSubscriber | null;
  activeSessions: number;
  usage: QuotaUsage;
  now: Date;
  /** The credentials were already checked by an EAP method (the EAP server holds the exchange). */
  verifiedBy?: 'eap-md5';
  /**
   * Record the checks that passed too (default): "test login" shows them. The RADIUS path sets
   * false, since building their texts was a good part of an Access-Request's garbage and only
   * the reason is logged; a refusing check is recorded either way.
   */
  explain?: boolean;
};


const NONE: readonly AttributeInput[] = Object.freeze([]);

// Module-level rather than closures inside authorize(): this runs for every Access-Request.
// `checks` is null when the passed checks are not recorded (explain: false).
function rejected(checks: Check[] | null, check: string, detail: string, method: Decision['method'] = 'none', attributes: readonly AttributeInput[] = NONE): Decision {
  const list = checks ?? [];
  list.push({ check, ok: false, detail });
  return { accept: false, reason: detail, method, checks: list, attributes };
}

/** A reject for an attribute of the request that cannot be read. */
export function malformed(checks: Check[] | null, check: string, attribute: string, detail: string, method: Decision['method'] = 'none'): Decision {
  return { ...rejected(checks, check, detail, method), malformed: attribute };
}

/**
 * A subscriber's reply attributes, kept from their last accept and reused while everything they
 * are made of is the same: building them (rate-limit text, Class octets, tuples, the custom
 * attributes' copies) was per-request garbage for an answer that rarely changes. Subscriber and
 * plan objects are replaced, never modified, when the cache reloads them, so identity is a
 * sound key for their fields; the rest of the inputs are compared here.
 */
type ReplyMemo = {
  plan: AaaPlan; vendor: AaaNas['vendor']; down: number; up: number; burst: boolean;
  sessionTimeout: number | null; walledGarden: boolean; attributes: readonly AttributeInput[];
};
const replyMemo = new WeakMap<AaaSubscriber, ReplyMemo>();

/** Why the plan's or the subscriber's check items refuse the request, or null when they hold. */
function checkItems(plan: CompiledCheck[] | 'invalid', own: CompiledCheck[] | 'invalid', packet: RadiusPacket): string | null {
  for (const [whose, list] of [['plan', plan], ['subscriber', own]] as const) {
    if (list === 'invalid') return `the ${whose}'s check items cannot be read`;
    const failed = failedCheck(packet, list);
    if (failed) return `${whose} check item ${failed.item.text} does not hold (request: ${failed.seen})`;
  }
  return null;
}

/**
 * The authorisation decision, in the order operators reason about it; every check is
 * recorded with its outcome so that "test login" and the post-auth log can explain a reject.
 */
export function authorize(input: AuthorizeInput): Decision {
  const { packet, nas, subscriber: sub, now } = input;
  // Passed checks are recorded only when asked for; their texts are built only then.
  const checks: Check[] | null = input.explain === false ? null : [];

  if (!sub) return rejected(checks, 'subscriber', 'unknown user');
  if (sub.status === 'suspended' || sub.status === 'terminated') return rejected(checks, 'subscriber', `subscriber is ${sub.status}`);
  if (checks) checks.push({ check: 'subscriber', ok: true, detail: `subscriber ${sub.username} exists (${sub.status})` });

  // Credentials: whichever method the NAS used.
  let method: Decision['method'] = 'none';
  let ok = false;
  let extra: readonly AttributeInput[] = NONE;
  if (input.verifiedBy) {
    method = input.verifiedBy;
    ok = true;
  } else if (packet.has('User-Password')) {
    method = 'pap';
    try {
      ok = verifyPap(packet, nas.secret, sub.password);
    } catch (err) {
      // RFC 6929 §2.8: a malformed attribute is an invalid one, as if absent: no credentials.
      if (!(err instanceof RadiusDecodeError)) throw err;
      return malformed(checks, 'credentials', 'User-Password', `malformed User-Password: ${err.message} (RFC 2865 §5.2)`, method);
    }
  } else if (packet.has('CHAP-Password')) {
    method = 'chap';
    ok = verifyChap(packet, sub.password);
  } else {
    const ms = verifyMsChap(packet, { password: sub.password });
    if (ms.version !== 'none') {
      method = ms.version === 2 ? 'mschapv2' : 'mschapv1';
      ok = ms.ok;
      extra = ms.attributes;
    }
  }
  if (method === 'none') return rejected(checks, 'credentials', 'no supported credentials in the request (PAP, CHAP, MS-CHAP)');
  if (!ok) return rejected(checks, 'credentials', `wrong password (${method})`, method, method.startsWith('mschap') ? [...extra] : NONE);
  if (checks) checks.push({ check: 'credentials', ok: true, detail: `${method} password verified` });

  const expired = sub.status === 'expired' || (sub.expiresAt !== null && sub.expiresAt <= now);
  let walledGarden = false;
  if (expired) {
    if (sub.expiredAction === 'reject') return rejected(checks, 'expiry', 'account expired', method);
    walledGarden = true;
    if (checks) checks.push({ check: 'expiry', ok: true, detail: `account expired: accepted into the walled garden (${sub.walledGardenList})` });
  } else if (checks) checks.push({ check: 'expiry', ok: true, detail: sub.expiresAt ? `valid until ${sub.expiresAt.toISOString()}` : 'no expiry' });

  if (sub.macAddress) {
    const calling = packet.getString('Calling-Station-Id');
    if (!calling || normaliseMac(calling) !== sub.macAddress) return rejected(checks, 'mac_binding', `MAC ${calling ?? '(none)'} is not the bound ${sub.macAddress}`, method);
    if (checks) checks.push({ check: 'mac_binding', ok: true, detail: `MAC ${sub.macAddress} matches` });
  }

  const plan = sub.plan;
  if (!plan) return rejected(checks, 'plan', 'subscriber has no plan', method);
  if (plan.allowedNasGroup) {
    if (nas.group !== plan.allowedNasGroup)
      return rejected(checks, 'nas_group', `NAS ${nas.name} (${nas.group ? `group ${nas.group}` : 'no group'}) is not in the plan's group ${plan.allowedNasGroup}`, method);
    if (checks) checks.push({ check: 'nas_group', ok: true, detail: `NAS ${nas.name} is in group ${plan.allowedNasGroup}` });
  }
  if (plan.radiusCheck.length || sub.radiusCheck.length) {
    const c = checkItems(plan.radiusCheck, sub.radiusCheck, packet);
    if (c) return rejected(checks, 'check_items', c, method);
    if (checks) checks.push({ check: 'check_items', ok: true, detail: `${plan.radiusCheck.length + sub.radiusCheck.length} check item(s) hold` });
  }
  let windowLeft: number | null = null;
  if (plan.loginTime) {
    if (plan.loginTime === 'invalid') return rejected(checks, 'login_time', "the plan's Login-Time rule cannot be read", method);
    const window = loginWindow(plan.loginTime, now, sub.timezone);
    if (!window.open) return rejected(checks, 'login_time', `outside the plan's access hours (${plan.loginTime.spec}, ${sub.timezone})`, method);
    windowLeft = window.secondsLeft;
    if (checks) checks.push({ check: 'login_time', ok: true, detail: windowLeft === null ? `within access hours (${plan.loginTime.spec})`
      : `within access hours (${plan.loginTime.spec}): ${Math.ceil(windowLeft / 60)} min left` });
  }
  if (input.activeSessions >= plan.simultaneousUse)
    return rejected(checks, 'simultaneous_use', `already ${input.activeSessions} session(s) online; the plan allows ${plan.simultaneousUse}`, method);
  if (checks) checks.push({ check: 'simultaneous_use', ok: true, detail: `${input.activeSessions} of ${plan.simultaneousUse} sessions in use` });

  const speed = currentRate(plan, input.usage, now, sub.timezone);
  const fup = speed.fup;
  if (speed.exhausted) return rejected(checks, 'quota', `${speed.period} quota exhausted`, method);
  if (checks) {
    if (fup) checks.push({ check: 'quota', ok: true, detail: `${speed.period} quota exhausted: fair-use speed ${speed.rate.downKbps}/${speed.rate.upKbps} kbit/s` });
    else checks.push({ check: 'quota', ok: true, detail: speed.night ? `within quota; night speed ${speed.rate.downKbps}/${speed.rate.upKbps} kbit/s` : 'within quota' });
  }
  const rate = speed.rate;
  const burst = !fup && !speed.night;

  let sessionTimeout = plan.sessionTimeoutS;
  if (sub.expiresAt && !walledGarden) {
    const left = Math.max(60, Math.floor((sub.expiresAt.getTime() - now.getTime()) / 1000));
    sessionTimeout = sessionTimeout ? Math.min(sessionTimeout, left) : left;
  }
  // The NAS ends the session when the access window closes, as FreeRADIUS's rlm_logintime does.
  if (windowLeft !== null) sessionTimeout = sessionTimeout ? Math.min(sessionTimeout, windowLeft) : windowLeft;

  const reason = walledGarden ? 'accepted (walled garden)' : fup ? 'accepted (fair-use speed)' : 'accepted';
  const memo = extra.length === 0 ? replyMemo.get(sub) : undefined;
  if (memo && memo.plan === plan && memo.vendor === nas.vendor && memo.down === rate.downKbps && memo.up === rate.upKbps && memo.burst === burst
    && memo.sessionTimeout === sessionTimeout && memo.walledGarden === walledGarden) {
    return { accept: true, reason, method, checks: checks ?? [], attributes: memo.attributes };
  }

  const attributes: AttributeInput[] = [...extra, ...bandwidthAttributes(nas, plan, rate, burst)];
  if (sessionTimeout) attributes.push(['Session-Timeout', sessionTimeout]);
  if (plan.idleTimeoutS) attributes.push(['Idle-Timeout', plan.idleTimeoutS]);
  attributes.push(['Acct-Interim-Interval', plan.interimIntervalS]);
  if (sub.staticIp && !walledGarden) attributes.push(['Framed-IP-Address', sub.staticIp]);
  else if (plan.framedPool) attributes.push(['Framed-Pool', plan.framedPool]);
  if (nas.vendor === 'mikrotik') {
    const list = walledGarden ? sub.walledGardenList : plan.addressList;
    if (list) attributes.push(['Mikrotik-Address-List', list]);
  }
  attributes.push(['Class', Buffer.from(`anx:${sub.id}`)]);
  const reply = applyCustomAttributes(attributes, plan.radiusReply, sub.radiusReply);
  // MS-CHAP's attributes (keys, authenticator response) differ on every request: never kept.
  if (extra.length === 0) {
    replyMemo.set(sub, { plan, vendor: nas.vendor, down: rate.downKbps, up: rate.upKbps, burst, sessionTimeout, walledGarden, attributes: Object.freeze(reply) });
  }
  return { accept: true, reason, method, checks: checks ?? [], attributes: reply };
}
