import { z } from 'zod';
import { bandDto } from './network.schemas.ts';

/**
 * A stateless analysis: up to 20,000 points (two months of 5-minute samples; a fit on that is
 * well under a second), a step from a minute to a day, a horizon up to 1,000 steps.
 */
export const analyzeTrafficBody = z.strictObject({
  points: z.array(z.strictObject({ ts: z.iso.datetime({ offset: true }), value: z.number().finite() })).min(8).max(20_000),
  kind: z.enum(['rate', 'counter']).default('rate').describe('counter: cumulative values (e.g. octets), made into per-second rates; a wrap (with counter_bits) is unwrapped, a reset left out'),
  counter_bits: z.union([z.literal(32), z.literal(64)]).optional(),
  step_s: z.number().int().min(60).max(86_400).default(3600).describe('The grid the points are averaged onto'),
  horizon: z.number().int().min(1).max(1000).default(24).describe('Steps to forecast'),
});

export const analyzeTrafficDto = z.object({
  model_version: z.string(),
  history: z.object({ start: z.string(), step_s: z.number().int(), steps: z.number().int(), present: z.number().int() }),
  forecast: bandDto,
  explain: z.object({
    transform: z.enum(['log', 'none']), training_points: z.number().int(), trend_per_day: z.number(),
    daily_harmonics: z.number().int(), weekly_harmonics: z.number().int(), ar: z.array(z.number()), residual_sd: z.number(),
  }),
});
