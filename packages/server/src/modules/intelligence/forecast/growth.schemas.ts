import { z } from 'zod';

const monthlySeries = z.object({
  history: z.array(z.object({ month: z.string().describe('YYYY-MM'), value: z.number() })),
  forecast: z.array(z.object({ month: z.string(), value: z.number(), lower80: z.number(), upper80: z.number(), lower95: z.number(), upper95: z.number() }))
    .describe('Empty with fewer than 3 months of history'),
});

export const growthForecastDto = z.object({
  model_version: z.string(),
  currency: z.string().nullable().describe('Of the MRR figures (minor units, e.g. cents); null when nothing was billed'),
  subscribers: monthlySeries.describe('Subscribers billed per month (distinct subscribers with an issued invoice for that month)'),
  mrr: monthlySeries.describe('Net (before tax) billed per month, in minor units'),
});

export const growthForecastQuery = z.object({ months: z.coerce.number().int().min(1).max(24).default(6).describe('Months to forecast') });
