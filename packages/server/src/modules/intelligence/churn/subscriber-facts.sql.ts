/** Reads RawSubscriberFacts for (subscriber, T) pairs in one statement; RLS scopes it to the ISP. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { pgArrayOf } from '../../../platform/db/pg-array.ts';
import { rows } from '../../../platform/db/scope.ts';
import type { RawSubscriberFacts } from './subscriber-features.ts';

export interface FactsPoint {
  subscriberId: string;
  asOf: Date;
}

type Row = {
  subscriber_id: string;
  tenure_days: number;
  monthly_price: number | null;
  usage_last30: string;
  usage_prev60: string;
  quota_months90: number;
  drops90: number;
  outages60: number;
  tickets90: number;
  late_tickets90: number;
  reminders180: number;
  suspensions120: number;
  failed_payments180: number;
  plan_changes180: number;
};

// Stops that cut the line on the subscriber (not a logout, idle or session timeout).
const droppedCauses = ['Lost-Carrier', 'Lost-Service', 'Port-Error', 'NAS-Error', 'NAS-Reboot', 'Port-Failure', 'Service-Unavailable'];

export async function readSubscriberFacts(tx: Tx, points: readonly FactsPoint[]): Promise<Map<string, RawSubscriberFacts>> {
  if (points.length === 0) return new Map();
  const found = await rows<Row>(tx, sql`
    WITH pt AS (
      SELECT p.subscriber_id, p.t FROM unnest(${pgArrayOf(points, (p) => p.subscriberId)}::uuid[], ${pgArrayOf(points, (p) => p.asOf)}::timestamptz[]) AS p(subscriber_id, t)
    )
    SELECT pt.subscriber_id,
      extract(epoch FROM pt.t - coalesce(s.activated_at, s.created_at)) / 86400 AS tenure_days,
      (CASE pl.billing_period WHEN 'daily' THEN pl.price_minor * 30.44 WHEN 'weekly' THEN pl.price_minor * 4.345 WHEN 'quarterly' THEN pl.price_minor / 3.0
         WHEN 'yearly' THEN pl.price_minor / 12.0 ELSE pl.price_minor END)::float8 AS monthly_price,
      coalesce((SELECT sum(u.input_octets + u.output_octets) FROM usage_daily u
        WHERE u.subscriber_id = pt.subscriber_id AND u.day >= (pt.t - interval '30 days')::date AND u.day < pt.t::date), 0)::text AS usage_last30,
      coalesce((SELECT sum(u.input_octets + u.output_octets) FROM usage_daily u
        WHERE u.subscriber_id = pt.subscriber_id AND u.day >= (pt.t - interval '90 days')::date AND u.day < (pt.t - interval '30 days')::date), 0)::text AS usage_prev60,
      (SELECT count(*) FROM (SELECT date_trunc('month', u.day) AS m, sum(u.input_octets + u.output_octets) AS b FROM usage_daily u
        WHERE u.subscriber_id = pt.subscriber_id AND u.day >= (pt.t - interval '90 days')::date AND u.day < pt.t::date GROUP BY 1) mu
        WHERE pl.fup_monthly_bytes IS NOT NULL AND mu.b >= pl.fup_monthly_bytes)::int AS quota_months90,
      (SELECT count(*) FROM radius_sessions r WHERE r.subscriber_id = pt.subscriber_id AND r.stop_time >= pt.t - interval '90 days' AND r.stop_time < pt.t
        AND r.terminate_cause = ANY (${pgArrayOf(droppedCauses, (c) => c)}::text[]))::int AS drops90,
      (SELECT count(*) FROM noc_device_status_log l JOIN noc_devices d ON d.id = l.device_id
        WHERE l.status = 'down' AND l.at >= pt.t - interval '60 days' AND l.at < pt.t
          AND d.nas_id IN (SELECT r.nas_id FROM radius_sessions r WHERE r.subscriber_id = pt.subscriber_id AND r.start_time >= pt.t - interval '90 days' AND r.start_time < pt.t))::int AS outages60,
      (SELECT count(*) FROM support_tickets k WHERE k.subscriber_id = pt.subscriber_id AND k.created_at >= pt.t - interval '90 days' AND k.created_at < pt.t)::int AS tickets90,
      (SELECT count(*) FROM support_tickets k WHERE k.subscriber_id = pt.subscriber_id AND k.created_at >= pt.t - interval '90 days' AND k.created_at < pt.t
        AND k.resolution_due_at < pt.t AND (k.resolved_at IS NULL OR k.resolved_at > k.resolution_due_at))::int AS late_tickets90,
      (SELECT count(*) FROM dunning_actions a WHERE a.subscriber_id = pt.subscriber_id AND a.kind = 'reminder' AND a.created_at >= pt.t - interval '180 days' AND a.created_at < pt.t)::int AS reminders180,
      (SELECT count(*) FROM dunning_actions a WHERE a.subscriber_id = pt.subscriber_id AND a.kind = 'suspended' AND a.created_at >= pt.t - interval '120 days' AND a.created_at < pt.t)::int AS suspensions120,
      (SELECT count(*) FROM payments y WHERE y.subscriber_id = pt.subscriber_id AND y.status = 'failed' AND y.created_at >= pt.t - interval '180 days' AND y.created_at < pt.t)::int AS failed_payments180,
      (SELECT count(*) FROM audit_log g WHERE g.action = 'subscription.plan_changed' AND g.occurred_at >= pt.t - interval '180 days' AND g.occurred_at < pt.t
        AND g.entity_id IN (SELECT c.id::text FROM subscriptions c WHERE c.subscriber_id = pt.subscriber_id))::int AS plan_changes180
    FROM pt JOIN subscribers s ON s.id = pt.subscriber_id LEFT JOIN subscription_plans pl ON pl.id = s.plan_id`);
  return new Map(found.map((r) => [r.subscriber_id, {
    tenureDays: Number(r.tenure_days),
    monthlyPrice: r.monthly_price === null ? null : Number(r.monthly_price),
    usageLast30: Number(r.usage_last30),
    usagePrev60: Number(r.usage_prev60),
    quotaMonths90: r.quota_months90,
    drops90: r.drops90,
    outages60: r.outages60,
    tickets90: r.tickets90,
    lateTickets90: r.late_tickets90,
    reminders180: r.reminders180,
    suspensions120: r.suspensions120,
    failedPayments180: r.failed_payments180,
    planChanges180: r.plan_changes180,
  }]));
}

export interface Population {
  subscriberId: string;
  branchId: string | null;
  status: string;
  joinedAt: Date;
  /** When a terminated subscriber left: the subscription's cancellation, else the account's last change. */
  leftAt: Date | null;
}

export async function readPopulation(tx: Tx, ispId: string): Promise<Population[]> {
  const found = await rows<{ id: string; branch_id: string | null; status: string; joined: string | Date; left_at: string | Date | null }>(tx, sql`
    SELECT s.id, s.branch_id, s.status, coalesce(s.activated_at, s.created_at) AS joined,
      CASE WHEN s.status = 'terminated' THEN coalesce((SELECT max(c.cancelled_at) FROM subscriptions c WHERE c.subscriber_id = s.id), s.updated_at) END AS left_at
    FROM subscribers s WHERE s.isp_id = ${ispId}`);
  return found.map((r) => ({ subscriberId: r.id, branchId: r.branch_id, status: r.status, joinedAt: new Date(r.joined), leftAt: r.left_at === null ? null : new Date(r.left_at) }));
}
