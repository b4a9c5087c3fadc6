import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import { startPeriodic } from '../../../platform/jobs/periodic.ts';
import { clearAlerts, firingKeys, raiseAlerts } from '../../noc/index.ts';
import { networkForecast } from './network.service.ts';

/** A link is warned about when its busy hour reaches 80 % within this many days. */
export const CAPACITY_WARN_DAYS = 30;
const KEY = 'capacity:';

/**
 * Capacity warnings as NOC alerts (severity warning, through the NOC's alert engine, so they
 * join incidents, maintenance windows and escalations like any alert): one per link and
 * direction whose busy hour reaches 80 % of its speed within 30 days, cleared when a later
 * forecast no longer says so. Returns how many were raised and cleared.
 */
export async function evaluateCapacityAlerts(ctx: AppContext, now = new Date()): Promise<{ raised: number; cleared: number }> {
  const isps = await withScope(ctx.db, platformScope, (tx) => rows<{ isp_id: string }>(tx, sql`SELECT DISTINCT isp_id FROM noc_interfaces WHERE speed_bps > 0`));
  let raised = 0;
  let cleared = 0;
  for (const { isp_id: ispId } of isps) {
    const f = await networkForecast(ctx, tenantScope(ispId), { horizon_hours: 168, warn_days: CAPACITY_WARN_DAYS }, now);
    const want = new Map(f.warnings.map((w) => [`${KEY}${w.interface_id}:${w.direction}`, w]));
    const firing = await firingKeys(ctx, ispId);
    const inputs = [...want].filter(([key]) => !firing.has(key)).map(([key, w]) => {
      const days = w.capacity!.days_to_threshold!;
      return {
        ruleId: null, deviceId: w.device_id, interfaceId: w.interface_id, key, source: 'api' as const, severity: 'warning' as const,
        title: days === 0 ? `${w.device_name} ${w.interface_name} (${w.direction}) is above 80 % of its capacity at the busy hour`
          : `${w.device_name} ${w.interface_name} (${w.direction}) crosses 80 % of its capacity in ${days} days`,
        detail: `Forecast ${f.model_version}: busy hour ${(w.capacity!.busy_hour_bps / 1e6).toFixed(1)} Mb/s, trend ${(w.capacity!.trend_bps_per_day / 1e6).toFixed(2)} Mb/s a day, link ${((w.speed_bps ?? 0) / 1e6).toFixed(0)} Mb/s, ${w.capacity!.days_of_history} days of history`,
        value: days,
      };
    });
    raised += (await raiseAlerts(ctx, ispId, inputs, now)).length;
    const stale = [...firing.keys()].filter((k) => k.startsWith(KEY) && !want.has(k));
    cleared += await clearAlerts(ctx, ispId, stale, now, undefined, 'The capacity forecast no longer reaches 80 % within 30 days');
  }
  return { raised, cleared };
}

/** The worker's job: every six hours (hourly rollups change slowly), first a minute after start. */
export function startCapacityWatch(ctx: AppContext, everyMs = 6 * 3600_000): Promise<{ stop: () => void }> {
  let stopPeriodic: (() => void) | null = null;
  const first = setTimeout(() => {
    stopPeriodic = startPeriodic(() => evaluateCapacityAlerts(ctx, ctx.clock?.() ?? new Date()), everyMs, (err) => ctx.log.error({ err }, 'capacity forecast job failed'), true);
  }, 60_000);
  first.unref();
  return Promise.resolve({ stop: () => { clearTimeout(first); stopPeriodic?.(); } });
}
