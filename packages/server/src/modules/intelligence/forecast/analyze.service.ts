import type { z } from 'zod';
import { badRequest } from '../../../platform/http/errors.ts';
import { ForecastInputError, forecastSeries } from './model.ts';
import { countersToRates, presentCount, regularise } from './series.ts';
import { bandOf } from './network.service.ts';
import type { analyzeTrafficBody, analyzeTrafficDto } from './analyze.schemas.ts';

/** Forecast of a series sent in the request: nothing read, nothing stored. */
export function analyzeTraffic(body: z.infer<typeof analyzeTrafficBody>): z.infer<typeof analyzeTrafficDto> {
  const raw = body.points.map((p) => ({ t: Date.parse(p.ts), v: p.value }));
  const points = body.kind === 'counter' ? countersToRates(raw, body.counter_bits ?? null) : raw;
  const series = regularise(points, body.step_s * 1000);
  if (series.values.length > 200_000) throw badRequest('The points span more than 200,000 steps; use a coarser step_s', [{ pointer: '/step_s', detail: 'too fine for the span' }]);
  try {
    const f = forecastSeries(series, body.horizon);
    const e = f.explain;
    return {
      model_version: f.modelVersion,
      history: { start: new Date(series.start).toISOString(), step_s: body.step_s, steps: series.values.length, present: presentCount(series) },
      forecast: bandOf(f),
      explain: { transform: e.transform, training_points: e.trainingPoints, trend_per_day: e.trendPerDay, daily_harmonics: e.dailyHarmonics, weekly_harmonics: e.weeklyHarmonics, ar: e.ar, residual_sd: e.residualSd },
    };
  } catch (err) {
    if (err instanceof ForecastInputError) throw badRequest(err.message, [{ pointer: '/points', detail: 'too few values on the grid' }]);
    throw err;
  }
}
