import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { capacityOutlook } from './capacity.ts';
import { ForecastInputError, forecastModelVersion, forecastSeries, type Forecast } from './model.ts';
import { regularise } from './series.ts';
import type { bandDto, linkForecastDto, networkForecastDto, networkForecastQuery } from './network.schemas.ts';

const HOUR = 3_600_000;
/** Eight weeks of hourly rollups: enough for the weekly shape and a trend, cheap to fit on request. */
const HISTORY_DAYS = 56;
export const CAPACITY_THRESHOLD = 0.8;

type Row = { device_id: string; device_name: string; nas_id: string | null; interface_id: string; interface_name: string; speed_bps: number | string | null; metric: string; bucket: string | Date; avg: number };

/**
 * Per link (interface and direction) of an ISP: the next hours' traffic with its intervals and
 * the day its busy hour reaches 80 % of the link's speed. Computed on request from the NOC's
 * hourly rollups: a fit takes a few milliseconds per link, and a forecast made now is never
 * staler than the rollups it reads.
 */
export async function networkForecast(ctx: AppContext, scope: Scope, q: z.infer<typeof networkForecastQuery>, now = new Date()): Promise<z.infer<typeof networkForecastDto>> {
  const data = await withScope(ctx.db, scope, async (tx) => {
    if (q.device_id) {
      const [d] = await rows<{ id: string }>(tx, sql`SELECT id FROM noc_devices WHERE id = ${q.device_id}::uuid`);
      if (!d) throw notFound('Device');
    }
    return rows<Row>(tx, sql`
      SELECT d.id AS device_id, d.name AS device_name, d.nas_id, f.id AS interface_id, f.name AS interface_name, f.speed_bps, m.metric, m.bucket, m.avg
      FROM noc_metrics_1h m JOIN noc_interfaces f ON f.id = m.interface_id JOIN noc_devices d ON d.id = m.device_id
      WHERE m.metric IN ('if_in_bps', 'if_out_bps') AND m.bucket >= ${new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString()}::timestamptz
        AND m.bucket < ${now.toISOString()}::timestamptz ${q.device_id ? sql`AND m.device_id = ${q.device_id}::uuid` : sql``}
      ORDER BY d.name, f.if_index, m.metric, m.bucket`);
  });
  const groups = new Map<string, Row[]>();
  for (const r of data) {
    const k = `${r.interface_id}|${r.metric}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const links = [...groups.values()].map((g) => linkForecast(g, q.horizon_hours));
  const warnings = links.filter((l) => l.capacity?.days_to_threshold != null && l.capacity.days_to_threshold <= q.warn_days)
    .sort((a, b) => a.capacity!.days_to_threshold! - b.capacity!.days_to_threshold!);
  return { model_version: forecastModelVersion, generated_at: now.toISOString(), horizon_hours: q.horizon_hours, links, warnings };
}

function linkForecast(g: Row[], horizon: number): z.infer<typeof linkForecastDto> {
  const r0 = g[0]!;
  const speed = r0.speed_bps === null ? null : Number(r0.speed_bps);
  const series = regularise(g.map((r) => ({ t: new Date(r.bucket).getTime(), v: Number(r.avg) })), HOUR);
  let f: Forecast | null = null;
  try {
    f = forecastSeries(series, horizon);
  } catch (err) {
    if (!(err instanceof ForecastInputError)) throw err;
  }
  const outlook = speed && speed > 0 ? capacityOutlook(series, speed, CAPACITY_THRESHOLD, f?.mean ?? [], f?.start ?? 0) : null;
  return {
    device_id: r0.device_id, device_name: r0.device_name, nas_id: r0.nas_id, interface_id: r0.interface_id, interface_name: r0.interface_name,
    direction: r0.metric === 'if_in_bps' ? 'in' : 'out', speed_bps: speed, history_points: g.length,
    forecast: f && bandOf(f),
    capacity: outlook && {
      threshold_percent: CAPACITY_THRESHOLD * 100, busy_hour_bps: outlook.busyHourBps, trend_bps_per_day: outlook.trendBpsPerDay,
      days_of_history: outlook.days, days_to_threshold: outlook.daysToThreshold,
    },
  };
}

export function bandOf(f: Forecast): z.infer<typeof bandDto> {
  return { start: new Date(f.start).toISOString(), step_s: f.step / 1000, mean: f.mean, lower80: f.lower80, upper80: f.upper80, lower95: f.lower95, upper95: f.upper95 };
}
