import { z } from 'zod';

export const bandDto = z.object({
  start: z.string().describe('Time of the first forecast step'),
  step_s: z.number().int(),
  mean: z.array(z.number()),
  lower80: z.array(z.number()), upper80: z.array(z.number()),
  lower95: z.array(z.number()), upper95: z.array(z.number()),
});

export const linkForecastDto = z.object({
  device_id: z.string(), device_name: z.string(), nas_id: z.string().nullable(),
  interface_id: z.string(), interface_name: z.string(),
  direction: z.enum(['in', 'out']),
  speed_bps: z.number().nullable(),
  history_points: z.number().int().describe('Hourly values the model learned from'),
  forecast: bandDto.nullable().describe('Hourly bits per second; null when there is too little history'),
  capacity: z.object({
    threshold_percent: z.number(),
    busy_hour_bps: z.number().describe("Today's busy hour on the trend line"),
    trend_bps_per_day: z.number(),
    days_of_history: z.number().int(),
    days_to_threshold: z.number().int().nullable().describe('0: already over; null: not within a year'),
  }).nullable().describe('Null without a known link speed or with under a week of history'),
});

export const networkForecastDto = z.object({
  model_version: z.string(),
  generated_at: z.string(),
  horizon_hours: z.number().int(),
  links: z.array(linkForecastDto),
  warnings: z.array(linkForecastDto).describe('Links whose busy hour reaches the threshold within the warning window, soonest first'),
});

export const networkForecastQuery = z.object({
  device_id: z.uuid().optional().describe('Only this device\'s links'),
  horizon_hours: z.coerce.number().int().min(1).max(336).default(168),
  warn_days: z.coerce.number().int().min(1).max(365).default(30).describe('A link is a warning when it reaches 80 % within this many days'),
});
