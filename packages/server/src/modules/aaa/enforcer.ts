import { CoaClient, RadiusTimeoutError, type AttributeInput } from '@astranetix/radius';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../platform/db/database.ts';
import { rows, tenantScope, withScope } from '../../platform/db/scope.ts';
import type { NasRegistry } from './nas-registry.ts';
import type { AaaNas } from './policy.ts';
import type { SubscriberCache } from './subscriber-cache.ts';
import { bandwidthAttributes } from './reply-attributes.ts';
import { currentRate } from './rate.ts';

export type CoaKind = 'disconnect' | 'coa';
export type CoaOutcome = { requestId: string | null; status: 'done' | 'failed' | 'skipped'; outcome: string };
type SessionRow = {
  id: string; isp_id: string; subscriber_id: string | null; nas_id: string | null; username: string; acct_session_id: string;
  nas_ip: string; framed_ip: string | null; stop_time: Date | null;
};

/**
 * Live enforcement over RFC 5176: Disconnect-Request and CoA-Request to the NAS, with
 * retries, the outcome recorded per request. A disconnect is done only when the session's
 * Accounting Stop arrives: an ACK while the session stays online is a failure.
 */
export class Enforcer {
  private readonly client = new CoaClient({ timeoutMs: 1500, retries: 2 });

  constructor(
    private readonly db: Database,
    private readonly registry: NasRegistry,
    private readonly subscribers: SubscriberCache,
    private readonly log: Logger,
    private readonly stopWaitMs = 10_000,
  ) {}

  close(): void {
    this.client.close();
  }

  async act(ispId: string, sessionId: number, requested: CoaKind, why: string, by: string, causeEventId: string | null = null): Promise<CoaOutcome> {
    let kind = requested;
    let reason = why;
    const scope = tenantScope(ispId);
    const [s] = await withScope(this.db, scope, (tx) => rows<SessionRow>(tx, sql`
      SELECT id::text, isp_id, subscriber_id, nas_id, username, acct_session_id, host(nas_ip) AS nas_ip, host(framed_ip) AS framed_ip, stop_time
      FROM radius_sessions WHERE id = ${sessionId}`));
    if (!s) return { requestId: null, status: 'skipped', outcome: 'session not found' };
    if (s.stop_time) return { requestId: null, status: 'skipped', outcome: 'session already offline' };
    const nas = s.nas_id ? this.registry.byId(s.nas_id) : undefined;

    const attributes: AttributeInput[] = [['User-Name', s.username], ['Acct-Session-Id', s.acct_session_id]];
    if (s.framed_ip) attributes.push(['Framed-IP-Address', s.framed_ip]);
    if (kind === 'coa' && nas && s.subscriber_id) {
      const { sub, usage } = await this.subscribers.get(ispId, s.username);
      const plan = sub?.plan;
      if (plan && sub) {
        const speed = currentRate(plan, usage, new Date(), sub.timezone);
        if (!speed.exhausted) attributes.push(...bandwidthAttributes(nas, plan, speed.rate, !speed.fup && !speed.night));
        else {
          // No speed is due (quota used up, no fair-use speed): a CoA could only keep them online.
          kind = 'disconnect';
          reason = `${why}; ${speed.period} quota exhausted`;
        }
      }
    }
    const [claimed] = await withScope(this.db, scope, (tx) => rows<{ id: string }>(tx, sql`
      INSERT INTO coa_requests (isp_id, session_id, subscriber_id, nas_id, kind, reason, cause_event_id, attributes, requested_by)
      VALUES (${ispId}, ${sessionId}, ${s.subscriber_id}, ${s.nas_id}, ${kind}, ${reason}, ${causeEventId},
              ${JSON.stringify(attributes.map((a) => (Array.isArray(a) ? [a[0], Buffer.isBuffer(a[1]) ? a[1].toString('hex') : String(a[1])] : a)))}::jsonb, ${by})
      ON CONFLICT (cause_event_id, session_id) WHERE cause_event_id IS NOT NULL DO NOTHING RETURNING id`));
    if (!claimed) return { requestId: null, status: 'skipped', outcome: 'already handled by another process' };
    const finish = async (status: 'done' | 'failed', outcome: string, attempts: number): Promise<CoaOutcome> => {
      await withScope(this.db, scope, (tx) => tx.execute(sql`
        UPDATE coa_requests SET status = ${status}, outcome = ${outcome}, attempts = ${attempts}, completed_at = now() WHERE id = ${claimed.id}`));
      if (status === 'failed') this.log.warn({ session: sessionId, kind, outcome }, 'CoA/Disconnect failed');
      return { requestId: claimed.id, status, outcome };
    };
    if (!nas) return finish('failed', 'the session\'s NAS is not registered or disabled', 0);

    try {
      const target = { host: s.nas_ip, port: nas.coaPort, secret: nas.secret };
      const res = kind === 'disconnect' ? await this.client.disconnect(target, attributes) : await this.client.coa(target, attributes);
      if (!res.ok) return finish('failed', `${res.codeName}${res.errorCauseName ? `: ${res.errorCauseName}` : res.errorCause ? `: Error-Cause ${res.errorCause}` : ''}`, 1);
      if (kind === 'coa') return finish('done', `${res.codeName}: new attributes applied without dropping the session`, 1);
      // RFC 5176 says nothing of the session actually ending; the Accounting Stop does.
      const ended = await this.waitForStop(ispId, sessionId);
      return ended
        ? finish('done', `${res.codeName}, and the session's Accounting Stop arrived`, 1)
        : finish('failed', `${res.codeName}, but the session is still online after ${this.stopWaitMs / 1000} s (no Accounting Stop)`, 1);
    } catch (err) {
      if (err instanceof RadiusTimeoutError) return finish('failed', `no answer from the NAS at ${s.nas_ip}:${nas.coaPort} after 3 tries`, 3);
      throw err;
    }
  }

  private async waitForStop(ispId: string, sessionId: number): Promise<boolean> {
    const end = Date.now() + this.stopWaitMs;
    while (Date.now() < end) {
      const [r] = await withScope(this.db, tenantScope(ispId), (tx) =>
        rows<{ stopped: boolean }>(tx, sql`SELECT stop_time IS NOT NULL AS stopped FROM radius_sessions WHERE id = ${sessionId}`));
      if (!r || r.stopped) return true;
      await new Promise((res) => setTimeout(res, 200));
    }
    return false;
  }

  /** An active NAS of the ISP (a given one, or the first), for decisions made off the wire. */
  async nasFor(ispId: string, nasId?: string): Promise<AaaNas | undefined> {
    const find = () => (nasId ? this.registry.byId(nasId) : this.registry.all().find((n) => n.ispId === ispId));
    // A NAS registered a moment ago may not have reached this process's list yet.
    const n = find() ?? (await this.registry.load().then(find));
    return n && n.ispId === ispId ? n : undefined;
  }

  /** A subscriber as the AAA engine sees them, with usage and sessions online now. */
  async lookup(ispId: string, username: string) {
    const { sub, usage } = await this.subscribers.get(ispId, username);
    const sessions = sub ? (await this.activeSessions(ispId, sub.id)).length : 0;
    return { sub, usage, sessions };
  }

  /** Every online session of a subscriber. */
  async activeSessions(ispId: string, subscriberId: string): Promise<number[]> {
    const list = await withScope(this.db, tenantScope(ispId), (tx) =>
      rows<{ id: string }>(tx, sql`SELECT id::text FROM radius_sessions WHERE subscriber_id = ${subscriberId} AND stop_time IS NULL`));
    return list.map((r) => Number(r.id));
  }
}
