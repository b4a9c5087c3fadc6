import { RadiusCode, decodePacket, encodeRequest, type AttributeInput } from '@astranetix/radius';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { recordAccess } from '../../../platform/audit/record-change.ts';
import { rows, withScope } from '../../../platform/db/scope.ts';
import { tooManyRequests } from '../../../platform/http/errors.ts';
import { invalidField } from '../../../platform/errors.ts';
import type { Tenant } from '../../../platform/tenant.ts';
import { authorize, type Check } from '../policy/authorize.ts';
import { enforcerFor } from '../enforcement/enforcement.ts';

export type TestLoginInput = {
  username: string; password: string; nas_id?: string | undefined; calling_station_id?: string | undefined; called_station_id?: string | undefined;
};
export type TestLoginResult = {
  result: 'accept' | 'reject'; reason: string; checks: Check[]; reply: { name: string; value: string }[];
};

// "Test login" says whether a password is a subscriber's: an oracle, so it is throttled. Every
// attempt counts, taken before the answer is computed (an atomic increment, so that parallel
// requests cannot all pass a check made before any of them counted): 10 per username, whoever
// asks, and 30 per caller, whichever usernames, in 15 minutes. Past either, every attempt is
// refused until the window ends, the right password included.
const windowSeconds = 15 * 60;
const perUsername = 10;
const perCaller = 30;

const noUsage = { dayBytes: 0, monthBytes: 0, packBytes: 0 };

/**
 * The support desk's question "why can't this customer connect?", answered by running the real
 * authorisation on a real Access-Request built as the chosen NAS would send it. The username is
 * resolved in the caller's scope (a branch manager: their branch subtree); a subscriber outside
 * it is answered exactly as a username nobody has. Every attempt is audited, never the password.
 */
export async function testLogin(ctx: AppContext, t: Tenant, input: TestLoginInput): Promise<TestLoginResult> {
  const callerKey = `testlogin:caller:${t.actor.kind}:${t.actor.id ?? 'unknown'}`;
  const usernameKey = `testlogin:user:${t.ispId}:${input.username}`;
  const [byCaller, byUsername] = await Promise.all([ctx.limiter.hit(callerKey, windowSeconds), ctx.limiter.hit(usernameKey, windowSeconds)]);
  if (byCaller > perCaller || byUsername > perUsername) {
    const [detail, key] = byUsername > perUsername
      ? ['Too many test logins for this username: try again later', usernameKey]
      : ['Too many test logins: try again later', callerKey];
    await audit(ctx, t, input.username, null, { result: 'throttled', reason: detail });
    throw tooManyRequests(detail, await ctx.limiter.secondsLeft(key));
  }

  const enforcer = await enforcerFor(ctx);
  const nas = await enforcer.nasFor(t.ispId, input.nas_id);
  if (!nas) throw invalidField('Register an active NAS first: the decision depends on its vendor', [{ pointer: '/body/nas_id', detail: 'no active NAS' }]);
  const attributes: AttributeInput[] = [['User-Name', input.username], ['User-Password', input.password]];
  if (input.calling_station_id) attributes.push(['Calling-Station-Id', input.calling_station_id]);
  if (input.called_station_id) attributes.push(['Called-Station-Id', input.called_station_id]);
  const { packet } = encodeRequest({ code: RadiusCode.AccessRequest, identifier: 1, attributes, secret: nas.secret });
  const decoded = decodePacket(packet, { secret: nas.secret });

  const subscriberId = await visibleSubscriber(ctx, t, input.username);
  const { sub, usage, sessions } = subscriberId ? await enforcer.lookup(t.ispId, input.username) : { sub: null, usage: noUsage, sessions: 0 };
  const d = authorize({ packet: decoded, nas, subscriber: sub, activeSessions: sessions, usage, now: new Date() });

  const result = d.accept ? ('accept' as const) : ('reject' as const);
  await audit(ctx, t, input.username, sub ? sub.id : null, { result, reason: d.reason, nas_id: nas.id });
  return {
    result,
    reason: d.reason,
    checks: d.checks,
    reply: d.attributes.flatMap((a) => (Array.isArray(a) ? [{ name: String(a[0]), value: Buffer.isBuffer(a[1]) ? a[1].toString('utf8') : String(a[1]) }] : [])),
  };
}

/** The subscriber of this username if the caller may see them (row-level security decides), else null. */
async function visibleSubscriber(ctx: AppContext, t: Tenant, username: string): Promise<string | null> {
  const [found] = await withScope(ctx.db, t.scope, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE isp_id = ${t.ispId} AND username = ${username}`));
  return found?.id ?? null;
}

function audit(ctx: AppContext, t: Tenant, username: string, subscriberId: string | null,
  outcome: { result: 'accept' | 'reject' | 'throttled'; reason: string; nas_id?: string }): Promise<void> {
  return withScope(ctx.db, t.scope, (tx) => recordAccess(tx, t.actor, {
    ispId: t.ispId, action: 'aaa.test_login', entityType: 'subscriber', entityId: subscriberId ?? undefined, detail: { username, ...outcome },
  }));
}
