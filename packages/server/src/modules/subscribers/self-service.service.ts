import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { rows, tenantScope, withScope, type Scope } from '../../platform/db/scope.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { getSubscriber, updateSubscriber } from './subscribers.service.ts';
import type { SubscriberDto } from './subscribers.schemas.ts';

const phone = z.string().max(40).regex(/^[0-9+() .-]*$/, 'digits, spaces and + ( ) . -');

/** What subscribers may change about themselves: contact details and language, never plan or status. */
export const ownProfileBody = z.strictObject({
  first_name: z.string().min(1).max(80).optional(),
  last_name: z.string().min(1).max(80).optional(),
  email: z.email().max(254).optional().describe('The login e-mail: required while portal access is on'),
  phone: phone.nullable().optional(),
  address: z.string().max(500).nullable().optional(),
  city: z.string().max(120).nullable().optional(),
  locale: z.enum(['en', 'es', 'fr', 'ar', 'hi']).nullable().optional(),
});

export const ownProfileDto = z.object({
  id: z.string(), account_number: z.string(), username: z.string(), status: z.string(), plan_name: z.string().nullable(),
  first_name: z.string(), last_name: z.string(), email: z.string().nullable(), phone: z.string().nullable(),
  address: z.string().nullable(), city: z.string().nullable(), locale: z.string().nullable(),
});

export const ownUsageDto = z.object({
  days: z.array(z.object({ day: z.string(), input_octets: z.number(), output_octets: z.number() }))
    .describe('Daily totals (UTC days, as the rollups and quotas count them), oldest first, days without traffic as zero'),
  today_bytes: z.number(),
  month_bytes: z.number(),
  quota: z.object({
    daily_bytes: z.number().nullable(), monthly_bytes: z.number().nullable(),
    daily_left_bytes: z.number().nullable(), monthly_left_bytes: z.number().nullable(),
    data_pack_bytes: z.number().describe("This month's data packs, included in monthly_bytes"),
    fup_download_kbps: z.number().nullable(), fup_upload_kbps: z.number().nullable(),
  }),
});

export type Self = { actor: Actor; id: string; ispId: string; scope: Scope };

/** The logged-in subscriber behind a self-service route; staff are refused. */
export function self(actor: Actor): Self {
  if (actor.kind !== 'subscriber' || !actor.id || !actor.ispId) throw forbidden('For subscribers: staff change subscribers through /api/isp/{isp_id}/subscribers');
  return { actor, id: actor.id, ispId: actor.ispId, scope: tenantScope(actor.ispId) };
}

const toProfile = (s: SubscriberDto): z.infer<typeof ownProfileDto> => ({
  id: s.id, account_number: s.account_number, username: s.username, status: s.status, plan_name: s.plan_name ?? null,
  first_name: s.first_name, last_name: s.last_name, email: s.email, phone: s.phone, address: s.address, city: s.city, locale: s.locale,
});

export async function getOwnProfile(ctx: AppContext, actor: Actor) {
  const me = self(actor);
  return toProfile(await getSubscriber(ctx, me.scope, me.id));
}

/** Goes through the staff update path, so the same checks, audit row and event apply; the actor is the subscriber. */
export async function updateOwnProfile(ctx: AppContext, actor: Actor, input: z.infer<typeof ownProfileBody>) {
  const me = self(actor);
  await updateSubscriber(ctx, me, me.id, input);
  return toProfile(await getSubscriber(ctx, me.scope, me.id));
}

export async function getOwnUsage(ctx: AppContext, actor: Actor, days: number): Promise<z.infer<typeof ownUsageDto>> {
  const me = self(actor);
  return withScope(ctx.db, me.scope, async (tx) => {
    const series = await rows<{ day: string; input_octets: number; output_octets: number }>(tx, sql`
      WITH d AS (SELECT generate_series((now() AT TIME ZONE 'UTC')::date - (${days}::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day')::date AS day)
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(u.input_octets, 0)::float8 AS input_octets, coalesce(u.output_octets, 0)::float8 AS output_octets
      FROM d LEFT JOIN usage_daily u ON u.subscriber_id = ${me.id} AND u.day = d.day ORDER BY d.day`);
    // The same windows as the AAA engine's quota check (subscriber-cache.ts): this UTC day and month.
    const [used] = await rows<{ today: number; month: number }>(tx, sql`
      SELECT coalesce(sum(input_octets + output_octets) FILTER (WHERE day = (now() AT TIME ZONE 'UTC')::date), 0)::float8 AS today,
             coalesce(sum(input_octets + output_octets), 0)::float8 AS month
      FROM usage_daily WHERE subscriber_id = ${me.id} AND day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date`);
    // The month's data packs raise the monthly quota, as they do in the AAA engine (migrations/functions/data_pack_bytes.sql).
    const [plan] = await rows<{ daily: number | null; monthly: number | null; packs: number; down: number | null; up: number | null }>(tx, sql`
      SELECT p.fup_daily_bytes::float8 AS daily, (p.fup_monthly_bytes + dp.bytes)::float8 AS monthly, dp.bytes::float8 AS packs,
             p.fup_download_kbps AS down, p.fup_upload_kbps AS up
      FROM subscribers s JOIN subscription_plans p ON p.id = s.plan_id
      CROSS JOIN LATERAL data_pack_bytes(s.id, (now() AT TIME ZONE 'UTC')::date) dp WHERE s.id = ${me.id}`);
    const today = used?.today ?? 0;
    const month = used?.month ?? 0;
    const left = (limit: number | null | undefined, spent: number) => (limit === null || limit === undefined ? null : Math.max(0, limit - spent));
    return {
      days: series, today_bytes: today, month_bytes: month,
      quota: {
        daily_bytes: plan?.daily ?? null, monthly_bytes: plan?.monthly ?? null,
        daily_left_bytes: left(plan?.daily, today), monthly_left_bytes: left(plan?.monthly, month), data_pack_bytes: plan?.packs ?? 0,
        fup_download_kbps: plan?.down ?? null, fup_upload_kbps: plan?.up ?? null,
      },
    };
  });
}
