import { startPeriodic } from '../../platform/jobs/periodic.ts';
import { desc, and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { nowOf } from '../../platform/clock/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { platformScope, rows, tenantScope, withScope, type Scope } from '../../platform/db/scope.ts';
import { notFound } from '../../platform/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { billingRunDto, claimScheduledRun, executeBillingRun, ispCurrency, toRunDto } from './billing-run.service.ts';
import { billingRuns } from './schema.ts';
import type { Tenant } from '../../platform/tenant.ts';

/**
 * The daily automatic billing run: each ISP's billing settings say whether it runs and at
 * which hour of the ISP's own time zone (02:00 unless changed). The worker role ticks every
 * minute; a run is due once the local hour has been reached and no scheduled run exists for
 * that local day, so a process that was down at 02:00 catches up later the same day. Several
 * worker processes may tick at once: the insert of the run is the claim (see
 * claimScheduledRun), and the run itself is idempotent per subscription period.
 */

export const scheduleBody = z.strictObject({
  enabled: z.boolean().optional(),
  hour: z.number().int().min(0).max(23).optional().describe("Hour of the day in the ISP's time zone"),
});
export const scheduleDto = z.object({
  enabled: z.boolean(), hour: z.number().int(), timezone: z.string(),
  next_run_at: z.string().nullable().describe('When the next automatic run is due (UTC); null when switched off'),
  last_automatic_run: billingRunDto.nullable(),
});
export type ScheduleDto = z.infer<typeof scheduleDto>;

const actorFor = (ispId: string): Actor => ({ ...systemActor, ispId, email: 'billing-schedule' });

export async function getSchedule(ctx: AppContext, scope: Scope, ispId: string, now = nowOf(ctx)): Promise<ScheduleDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const [s] = await rows<{ enabled: boolean; hour: number; timezone: string; ran_today: boolean; next_run_at: string | null }>(tx, sql`
      WITH cfg AS (
        SELECT i.id, i.timezone, coalesce(bs.auto_run_enabled, true) AS enabled, coalesce(bs.auto_run_hour, 2)::int AS hour,
          (${now.toISOString()}::timestamptz AT TIME ZONE i.timezone) AS local_now
        FROM isps i LEFT JOIN billing_settings bs ON bs.isp_id = i.id WHERE i.id = ${ispId})
      SELECT enabled, hour, timezone,
        EXISTS (SELECT 1 FROM billing_runs r WHERE r.isp_id = cfg.id AND r.trigger = 'schedule' AND r.as_of = local_now::date) AS ran_today,
        CASE WHEN NOT enabled THEN NULL ELSE to_char(((local_now::date + make_interval(hours => hour)
          + CASE WHEN EXISTS (SELECT 1 FROM billing_runs r WHERE r.isp_id = cfg.id AND r.trigger = 'schedule' AND r.as_of = local_now::date) THEN interval '1 day' ELSE interval '0' END)
          AT TIME ZONE timezone) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS next_run_at
      FROM cfg`);
    if (!s) throw notFound('ISP');
    const [last] = await tx.select().from(billingRuns).where(and(eq(billingRuns.ispId, ispId), eq(billingRuns.trigger, 'schedule'))).orderBy(desc(billingRuns.startedAt)).limit(1);
    // Before today's hour (or overdue and about to be caught up) the next run is today's; the worker picks it up within a minute.
    const next = s.next_run_at && !s.ran_today && Date.parse(s.next_run_at) < now.getTime() ? now.toISOString() : s.next_run_at;
    return { enabled: s.enabled, hour: s.hour, timezone: s.timezone, next_run_at: next, last_automatic_run: last ? toRunDto(last, await ispCurrency(tx, ispId)) : null };
  });
}

export async function updateSchedule(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof scheduleBody>): Promise<ScheduleDto> {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await rows<{ enabled: boolean; hour: number }>(tx, sql`SELECT auto_run_enabled AS enabled, auto_run_hour::int AS hour FROM billing_settings WHERE isp_id = ${ispId} FOR UPDATE`);
    const enabled = input.enabled ?? before?.enabled ?? true;
    const hour = input.hour ?? before?.hour ?? 2;
    await tx.execute(sql`INSERT INTO billing_settings (isp_id, auto_run_enabled, auto_run_hour) VALUES (${ispId}, ${enabled}, ${hour})
      ON CONFLICT (isp_id) DO UPDATE SET auto_run_enabled = excluded.auto_run_enabled, auto_run_hour = excluded.auto_run_hour, updated_at = now()`);
    await recordChange(tx, actor, { ispId, action: 'billing_schedule.updated', entityType: 'billing_settings', entityId: ispId,
      before: before ?? { enabled: true, hour: 2 }, after: { enabled, hour } });
  });
  return getSchedule(ctx, scope, ispId);
}

/**
 * One scheduler tick: claims and runs today's automatic run of every ISP whose hour has come.
 * Returns the ids of the runs this process started (another process may have started others).
 */
export async function runScheduledBilling(ctx: AppContext, now = nowOf(ctx)): Promise<string[]> {
  const due = await withScope(ctx.db, platformScope, (tx) => rows<{ id: string; local_day: string }>(tx, sql`
    SELECT i.id, to_char(${now.toISOString()}::timestamptz AT TIME ZONE i.timezone, 'YYYY-MM-DD') AS local_day
    FROM isps i LEFT JOIN billing_settings bs ON bs.isp_id = i.id
    WHERE i.status = 'active' AND coalesce(bs.auto_run_enabled, true)
      AND extract(hour FROM ${now.toISOString()}::timestamptz AT TIME ZONE i.timezone) >= coalesce(bs.auto_run_hour, 2)
      AND NOT EXISTS (SELECT 1 FROM billing_runs r WHERE r.isp_id = i.id AND r.trigger = 'schedule'
        AND r.as_of = (${now.toISOString()}::timestamptz AT TIME ZONE i.timezone)::date)`));
  const started: string[] = [];
  for (const isp of due) {
    const scope = tenantScope(isp.id);
    const actor = actorFor(isp.id);
    try {
      const run = await withScope(ctx.db, scope, (tx) => claimScheduledRun(tx, actor, isp.id, isp.local_day));
      if (!run) continue;
      started.push(run.id);
      await executeBillingRun(ctx, { actor, scope }, run.id);
    } catch (err) {
      ctx.log.error({ err, ispId: isp.id }, 'scheduled billing run failed');
    }
  }
  return started;
}

/** Every minute in the worker role (like the dunning job); overlapping ticks in one process are skipped. */
export function startBillingScheduler(ctx: AppContext, everyMs = 60_000): () => void {
  return startPeriodic(() => runScheduledBilling(ctx), everyMs, (err) => ctx.log.error({ err }, 'billing scheduler failed'), true);
}
