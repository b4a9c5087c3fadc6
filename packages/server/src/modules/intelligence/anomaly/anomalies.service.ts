import { and, desc, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { withScope, type Scope } from '../../../platform/db/scope.ts';
import { isoDate } from '../../../platform/http/api.ts';
import { anomalyEvents } from '../schema.ts';

export const anomalyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  device_id: z.uuid().optional(),
  interface_id: z.uuid().optional(),
  since: z.iso.datetime({ offset: true }).optional().describe('only anomalies at or after this time'),
});

export const anomalyDto = z.object({
  id: z.uuid(),
  at: isoDate,
  series_key: z.string(),
  metric: z.string(),
  device_id: z.uuid().nullable(),
  interface_id: z.uuid().nullable(),
  observed: z.number().describe('the bucket level the detector judged, in the metric\'s units'),
  expected_low: z.number().nullable(),
  expected_high: z.number().nullable(),
  score: z.number().describe('0..1; above 0.5 is far from every pattern the series has shown'),
  novelty: z.number().describe('distance to the nearest known pattern, in radii'),
  model_version: z.string(),
  alert_id: z.uuid().nullable(),
});
export const anomalyList = z.object({ items: z.array(anomalyDto) });

/** An ISP's anomalies, newest first (row-level security keeps branch staff to their branches). */
export async function listAnomalies(ctx: AppContext, scope: Scope, ispId: string, q: z.infer<typeof anomalyQuery>): Promise<z.infer<typeof anomalyList>> {
  const list = await withScope(ctx.db, scope, (tx) => tx.select().from(anomalyEvents)
    .where(and(eq(anomalyEvents.ispId, ispId), q.device_id ? eq(anomalyEvents.deviceId, q.device_id) : undefined,
      q.interface_id ? eq(anomalyEvents.interfaceId, q.interface_id) : undefined, q.since ? gte(anomalyEvents.at, new Date(q.since)) : undefined))
    .orderBy(desc(anomalyEvents.at), desc(anomalyEvents.id)).limit(q.limit));
  return {
    items: list.map((e) => ({
      id: e.id, at: e.at.toISOString(), series_key: e.seriesKey, metric: e.metric, device_id: e.deviceId, interface_id: e.interfaceId,
      observed: e.observed, expected_low: e.expectedLow, expected_high: e.expectedHigh, score: e.score, novelty: e.novelty, model_version: e.modelVersion, alert_id: e.alertId,
    })),
  };
}
