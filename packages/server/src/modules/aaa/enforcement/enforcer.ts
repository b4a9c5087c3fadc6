import { CoaClient, RadiusTimeoutError, type AttributeInput } from '@astranetix/radius';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../../platform/db/database.ts';
import { platformScope, rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import type { NasRegistry } from '../server/nas-registry.ts';
import type { AaaNas } from '../policy/policy.ts';
import type { SubscriberCache } from '../server/subscriber-cache.ts';
import { bandwidthAttributes } from '../policy/reply-attributes.ts';
import { currentRate } from '../policy/rate.ts';

export type CoaKind = 'disconnect' | 'coa';
export type CoaOutcome = { requestId: string | null; status: 'done' | 'failed' | 'skipped' | 'retrying'; outcome: string };

/** Packets per round: the first send and CoaClient's two retransmissions. */
const TRIES_PER_ROUND = 3;
const attributesJson = (attributes: AttributeInput[]) =>
  JSON.stringify(attributes.map((a) => (Array.isArray(a) ? [a[0], Buffer.isBuffer(a[1]) ? a[1].toString('hex') : String(a[1])] : a)));
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
    /** Waits before each retry round of a request the NAS did not answer; then it has failed. */
    private readonly retryBackoffS: readonly number[] = [30, 60, 120, 300, 600],
  ) {}

  close(): void {
    this.client.close();
  }

  async act(ispId: string, sessionId: number, requested: CoaKind, why: string, by: string, causeEventId: string | null = null): Promise<CoaOutcome> {
    const scope = tenantScope(ispId);
    const s = await this.session(ispId, sessionId);
    if (!s) return { requestId: null, status: 'skipped', outcome: 'session not found' };
    if (s.stop_time) return { requestId: null, status: 'skipped', outcome: 'session already offline' };
    const nas = s.nas_id ? this.registry.byId(s.nas_id) : undefined;
    const { kind, reason, attributes } = await this.request(s, nas, requested, why);
    const [claimed] = await withScope(this.db, scope, (tx) => rows<{ id: string }>(tx, sql`
      INSERT INTO coa_requests (isp_id, session_id, subscriber_id, nas_id, kind, reason, cause_event_id, attributes, requested_by)
      VALUES (${ispId}, ${sessionId}, ${s.subscriber_id}, ${s.nas_id}, ${kind}, ${reason}, ${causeEventId}, ${attributesJson(attributes)}::jsonb, ${by})
      ON CONFLICT (cause_event_id, session_id) WHERE cause_event_id IS NOT NULL DO NOTHING RETURNING id`));
    if (!claimed) return { requestId: null, status: 'skipped', outcome: 'already handled by another process' };
    if (!nas) return this.finish(ispId, claimed.id, 'failed', 'the session\'s NAS is not registered or disabled', 0);
    return this.send(ispId, claimed.id, s, nas, kind, attributes, 0);
  }

  /**
   * Sends again the requests whose NAS did not answer, once their backoff is over: the
   * enforcement an ISP relies on (quota, suspension) survives a NAS that reboots or a lost
   * link. Each due row is leased first, so several AAA processes never send one twice.
   */
  async retryDue(): Promise<number> {
    const due = await withScope(this.db, platformScope, (tx) => rows<{ id: string; isp_id: string; session_id: string | null; kind: CoaKind; reason: string; attempts: number }>(tx, sql`
      UPDATE coa_requests SET next_attempt_at = now() + interval '5 minutes'
      WHERE id IN (SELECT id FROM coa_requests WHERE status = 'retrying' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 100 FOR UPDATE SKIP LOCKED)
      RETURNING id, isp_id, session_id::text, kind, reason, attempts`));
    for (const r of due) {
      const s = r.session_id ? await this.session(r.isp_id, Number(r.session_id)) : undefined;
      if (!s || s.stop_time) {
        // What the request was for happened anyway: offline, and the next login is decided afresh.
        await this.finish(r.isp_id, r.id, 'done', `the session ended before retry ${r.attempts / TRIES_PER_ROUND + 1}`, r.attempts);
        continue;
      }
      const nas = s.nas_id ? this.registry.byId(s.nas_id) : undefined;
      if (!nas) {
        await this.finish(r.isp_id, r.id, 'failed', 'the session\'s NAS is not registered or disabled', r.attempts);
        continue;
      }
      // A CoA carries the speed due at the time it is sent, not the one due when it was first tried.
      const { kind, attributes } = await this.request(s, nas, r.kind, r.reason);
      if (kind !== r.kind) await withScope(this.db, tenantScope(r.isp_id), (tx) => tx.execute(sql`UPDATE coa_requests SET kind = ${kind} WHERE id = ${r.id}`));
      await this.send(r.isp_id, r.id, s, nas, kind, attributes, r.attempts);
    }
    return due.length;
  }

  private async session(ispId: string, sessionId: number): Promise<SessionRow | undefined> {
    const [s] = await withScope(this.db, tenantScope(ispId), (tx) => rows<SessionRow>(tx, sql`
      SELECT id::text, isp_id, subscriber_id, nas_id, username, acct_session_id, host(nas_ip) AS nas_ip, host(framed_ip) AS framed_ip, stop_time
      FROM radius_sessions WHERE id = ${sessionId}`));
    return s;
  }

  /** What to send for a session: what the NAS needs to find it, and for a CoA the speed due now. */
  private async request(s: SessionRow, nas: AaaNas | undefined, requested: CoaKind, why: string) {
    let kind = requested;
    let reason = why;
    const attributes: AttributeInput[] = [['User-Name', s.username], ['Acct-Session-Id', s.acct_session_id]];
    if (s.framed_ip) attributes.push(['Framed-IP-Address', s.framed_ip]);
    if (kind === 'coa' && nas && s.subscriber_id) {
      const { sub, usage } = await this.subscribers.get(s.isp_id, s.username);
      const plan = sub?.plan;
      if (plan && sub) {
        const speed = currentRate(plan, usage, new Date(), sub.timezone);
        if (!speed.exhausted) attributes.push(...bandwidthAttributes(nas, plan, speed.rate, !speed.fup && !speed.night));
        else {
          // No speed is due (quota used up, no fair-use speed): a CoA could only keep them online.
          kind = 'disconnect';
          if (!why.includes('quota exhausted')) reason = `${why}; ${speed.period} quota exhausted`;
        }
      }
    }
    return { kind, reason, attributes };
  }

  private async send(ispId: string, id: string, s: SessionRow, nas: AaaNas, kind: CoaKind, attributes: AttributeInput[], before: number): Promise<CoaOutcome> {
    const attempts = before + TRIES_PER_ROUND;
    try {
      const target = { host: s.nas_ip, port: nas.coaPort, secret: nas.secret };
      const res = kind === 'disconnect' ? await this.client.disconnect(target, attributes) : await this.client.coa(target, attributes);
      if (!res.ok) return this.finish(ispId, id, 'failed', `${res.codeName}${res.errorCauseName ? `: ${res.errorCauseName}` : res.errorCause ? `: Error-Cause ${res.errorCause}` : ''}`, attempts);
      if (kind === 'coa') return this.finish(ispId, id, 'done', `${res.codeName}: new attributes applied without dropping the session`, attempts);
      // RFC 5176 says nothing of the session actually ending; the Accounting Stop does.
      const ended = await this.waitForStop(ispId, Number(s.id));
      return ended
        ? this.finish(ispId, id, 'done', `${res.codeName}, and the session's Accounting Stop arrived`, attempts)
        : this.finish(ispId, id, 'failed', `${res.codeName}, but the session is still online after ${this.stopWaitMs / 1000} s (no Accounting Stop)`, attempts);
    } catch (err) {
      if (!(err instanceof RadiusTimeoutError)) throw err;
      const round = attempts / TRIES_PER_ROUND;
      const silent = `no answer from the NAS at ${s.nas_ip}:${nas.coaPort} after ${attempts} tries`;
      // A NAS that answers (ACK or NAK) has spoken; one that is silent may be rebooting.
      const wait = this.retryBackoffS[round - 1];
      if (wait === undefined) return this.finish(ispId, id, 'failed', silent, attempts);
      await withScope(this.db, tenantScope(ispId), (tx) => tx.execute(sql`
        UPDATE coa_requests SET status = 'retrying', outcome = ${`${silent}; trying again in ${wait} s`}, attempts = ${attempts},
          next_attempt_at = now() + make_interval(secs => ${wait}) WHERE id = ${id}`));
      this.log.warn({ request: id, kind, attempts, retryInS: wait }, 'CoA/Disconnect unanswered; will retry');
      return { requestId: id, status: 'retrying', outcome: `${silent}; trying again in ${wait} s` };
    }
  }

  private async finish(ispId: string, id: string, status: 'done' | 'failed', outcome: string, attempts: number): Promise<CoaOutcome> {
    await withScope(this.db, tenantScope(ispId), (tx) => tx.execute(sql`
      UPDATE coa_requests SET status = ${status}, outcome = ${outcome}, attempts = ${attempts}, completed_at = now(), next_attempt_at = NULL WHERE id = ${id}`));
    if (status === 'failed') this.log.warn({ request: id, outcome }, 'CoA/Disconnect failed');
    return { requestId: id, status, outcome };
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
