import { sql, type SQL } from 'drizzle-orm';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Database } from '../../../platform/db/database.ts';
import { platformScope, rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import type { AaaSubscriber } from '../policy/policy.ts';
import type { CustomAttribute } from '../policy/custom-attributes.ts';
import { compileChecks, type CheckItem } from '../policy/check-items.ts';
import { toPlan } from '../policy/plan-row.ts';
import { monthlyQuota, type QuotaUsage } from '../policy/rate.ts';

type Row = {
  id: string; isp_id: string; username: string; network_password_enc: string; status: AaaSubscriber['status'];
  mac_address: string | null; static_ip: string | null; expires_at: Date | string | null;
  expired_action: AaaSubscriber['expiredAction']; walled_garden_address_list: string;
  plan: (Record<string, unknown> & { id: string }) | null;
  radius_reply: CustomAttribute[] | null;
  radius_check: CheckItem[] | null;
  timezone: string;
  day_bytes: string; month_bytes: string; pack_bytes: string;
};

type Entry = { sub: AaaSubscriber | null; loadedAt: number; usage: QuotaUsage & { day: string; month: string } };

const utcDay = (d: Date) => d.toISOString().slice(0, 10);
const utcMonth = (d: Date) => d.toISOString().slice(0, 7);

// The UTC day and month, formatted once per day rather than on every request.
let period = { day: '', month: '', until: 0 };
function currentPeriod(): { day: string; month: string } {
  const now = Date.now();
  if (now >= period.until) {
    const d = new Date(now);
    period = { day: utcDay(d), month: utcMonth(d), until: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) };
  }
  return period;
}

/**
 * Subscribers by (ISP, User-Name), with their plan, network password and usage so far.
 * Loaded on first use, then served from memory; change events drop entries, and a safety
 * TTL bounds staleness should an event be missed. Unknown users are cached too (briefly),
 * so a flood of bad usernames does not become a flood of queries.
 */
export class SubscriberCache {
  // By ISP, then User-Name: a joined "isp|name" key was a new string (and its flattening) per Access-Request.
  private readonly entries = new Map<string, Map<string, Entry>>();
  private readonly byId = new Map<string, { ispId: string; username: string }>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  /** Bulk reloads in progress per ISP, and a counter so that an older reload never overwrites a newer one. */
  private readonly reloading = new Map<string, Promise<void>>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly db: Database, private readonly secrets: SecretBox, private readonly ttlMs = 10 * 60_000, private readonly negativeTtlMs = 5_000) {}

  /**
   * The entry when it is in memory and fresh, without a promise: the steady-state Access-Request
   * then runs start to finish in one turn of the event loop.
   */
  peek(ispId: string, username: string): { sub: AaaSubscriber | null; usage: Entry['usage'] } | undefined {
    const hit = this.entries.get(ispId)?.get(username);
    if (hit && Date.now() - hit.loadedAt < (hit.sub ? this.ttlMs : this.negativeTtlMs)) return this.rollUsage(hit);
    return undefined;
  }

  async get(ispId: string, username: string): Promise<{ sub: AaaSubscriber | null; usage: Entry['usage'] }> {
    const key = `${ispId}|${username}`;
    const hit = this.peek(ispId, username);
    if (hit) return hit;
    // A bulk reload of this ISP is under way: wait for it rather than query one by one.
    const bulk = this.reloading.get(ispId);
    if (bulk) {
      await bulk.catch(() => undefined);
      const loaded = this.peek(ispId, username);
      if (loaded) return loaded;
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.load(ispId, username).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return this.rollUsage(await pending);
  }

  /** Accounting adds what it committed, so quotas see traffic without re-reading rollups. */
  /** Returns which quota, if any, this traffic has just used up. */
  addUsage(ispId: string, username: string, bytes: number, at: Date): { period: 'daily' | 'monthly'; fupRate: boolean } | null {
    const e = this.entries.get(ispId)?.get(username);
    if (!e) return null;
    this.rollUsage(e);
    const plan = e.sub?.plan;
    const before = { day: e.usage.dayBytes, month: e.usage.monthBytes };
    if (utcDay(at) === e.usage.day) e.usage.dayBytes += bytes;
    if (utcMonth(at) === e.usage.month) e.usage.monthBytes += bytes;
    if (!plan) return null;
    const fupRate = Boolean(plan.fupDownloadKbps && plan.fupUploadKbps);
    if (plan.fupDailyBytes !== null && before.day < plan.fupDailyBytes && e.usage.dayBytes >= plan.fupDailyBytes) return { period: 'daily', fupRate };
    const monthly = monthlyQuota(plan, e.usage);
    if (monthly !== null && before.month < monthly && e.usage.monthBytes >= monthly) return { period: 'monthly', fupRate };
    return null;
  }

  invalidateSubscriber(id: string): void {
    const key = this.byId.get(id);
    if (key) this.entries.get(key.ispId)?.delete(key.username);
    this.byId.delete(id);
  }

  /**
   * A plan changed: its subscribers are dropped at once and read again in one query. One by
   * one, a busy plan's next few thousand Access-Requests would each have waited for a query.
   */
  reloadPlan(ispId: string, planId: string): Promise<void> {
    return this.reload(ispId, (e) => e.sub?.plan?.id === planId, sql`s.isp_id = ${ispId} AND s.plan_id = ${planId}`);
  }

  /** An ISP's settings changed (expiry action, time zone, status): all its subscribers, in one query. */
  reloadIsp(ispId: string): Promise<void> {
    return this.reload(ispId, () => true, sql`s.isp_id = ${ispId}`);
  }

  private reload(ispId: string, affected: (e: Entry) => boolean, where: SQL): Promise<void> {
    const own = this.entries.get(ispId);
    if (own) {
      for (const [key, e] of own) {
        if (!affected(e)) continue;
        own.delete(key);
        if (e.sub) this.byId.delete(e.sub.id);
      }
    }
    const generation = (this.generations.get(ispId) ?? 0) + 1;
    this.generations.set(ispId, generation);
    const run = withScope(this.db, tenantScope(ispId), (tx) => rows<Row>(tx, sql`${selectSubscribers} WHERE ${where}`))
      .then((list) => {
        if (generation !== this.generations.get(ispId)) return;
        for (const r of list) this.store(ispId, r.username, r);
      })
      .finally(() => {
        if (this.reloading.get(ispId) === run) this.reloading.delete(ispId);
      });
    this.reloading.set(ispId, run);
    return run;
  }

  /** Everything (tests, or a change that touches every tenant). */
  clear(): void {
    this.entries.clear();
    this.byId.clear();
  }

  get size(): number {
    let n = 0;
    for (const own of this.entries.values()) n += own.size;
    return n;
  }

  private rollUsage(e: Entry): { sub: AaaSubscriber | null; usage: Entry['usage'] } {
    const { day, month } = currentPeriod();
    if (e.usage.day !== day) e.usage = { ...e.usage, day, dayBytes: 0 };
    if (e.usage.month !== month) {
      // Last month's data packs are over; this month's are read by the reload this forces.
      e.usage = { ...e.usage, month, monthBytes: 0, packBytes: 0 };
      e.loadedAt = 0;
    }
    return e;
  }

  /**
   * Fills the cache with every subscriber of every active ISP in one pass, so that the
   * steady state needs no query per Access-Request (the system path: the AAA engine serves
   * all tenants).
   */
  async preload(): Promise<number> {
    const list = await withScope(this.db, platformScope, (tx) => rows<Row>(tx, sql`${selectSubscribers} WHERE i.status = 'active'`));
    for (const r of list) this.store(r.isp_id, r.username, r);
    return list.length;
  }

  private async load(ispId: string, username: string): Promise<Entry> {
    const [r] = await withScope(this.db, tenantScope(ispId), (tx) =>
      rows<Row>(tx, sql`${selectSubscribers} WHERE s.isp_id = ${ispId} AND s.username = ${username}`));
    return this.store(ispId, username, r);
  }

  private store(ispId: string, username: string, r: Row | undefined): Entry {
    const now = new Date();
    const entry: Entry = {
      sub: r ? {
        id: r.id, ispId: r.isp_id, username: r.username, password: this.secrets.open(r.network_password_enc), status: r.status,
        macAddress: r.mac_address, staticIp: r.static_ip, expiresAt: r.expires_at ? new Date(r.expires_at) : null,
        plan: r.plan ? toPlan(r.plan) : null, expiredAction: r.expired_action, walledGardenList: r.walled_garden_address_list,
        radiusReply: r.radius_reply ?? [], radiusCheck: compileChecks(r.radius_check), timezone: r.timezone,
      } : null,
      loadedAt: Date.now(),
      usage: { day: utcDay(now), dayBytes: Number(r?.day_bytes ?? 0), month: utcMonth(now), monthBytes: Number(r?.month_bytes ?? 0), packBytes: Number(r?.pack_bytes ?? 0) },
    };
    let own = this.entries.get(ispId);
    if (!own) this.entries.set(ispId, (own = new Map()));
    own.set(username, entry);
    if (r) this.byId.set(r.id, { ispId, username });
    return entry;
  }
}

// Usage so far this UTC day and month comes from the daily rollup, aggregated once per query;
// the month's data packs (migrations/functions/data_pack_bytes.sql) raise the monthly quota.
const selectSubscribers = sql`
  SELECT s.id, s.isp_id, s.username, s.network_password_enc, s.status, s.radius_reply, s.radius_check, s.mac_address, host(s.static_ip) AS static_ip, s.expires_at,
         i.expired_action, i.walled_garden_address_list, i.timezone, to_jsonb(p) AS plan,
         coalesce(u.day_bytes, 0)::text AS day_bytes, coalesce(u.month_bytes, 0)::text AS month_bytes, dp.bytes::text AS pack_bytes
  FROM subscribers s JOIN isps i ON i.id = s.isp_id LEFT JOIN subscription_plans p ON p.id = s.plan_id
  CROSS JOIN LATERAL data_pack_bytes(s.id, (now() AT TIME ZONE 'UTC')::date) dp
  LEFT JOIN LATERAL (
    SELECT sum(d.input_octets + d.output_octets) FILTER (WHERE d.day = (now() AT TIME ZONE 'UTC')::date) AS day_bytes,
           sum(d.input_octets + d.output_octets) AS month_bytes
    FROM usage_daily d WHERE d.subscriber_id = s.id AND d.day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date) u ON true`;
