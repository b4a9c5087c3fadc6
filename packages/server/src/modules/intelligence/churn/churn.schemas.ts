import { z } from 'zod';
import { pageQuery, sortParam } from '../../../platform/http/paging.ts';
import { subscriberFeatureNames } from './subscriber-features.ts';

export const churnReasonDto = z.object({
  feature: z.enum(subscriberFeatureNames).describe('The model feature (months of tenure, tickets in 90 days, ...)'),
  value: z.number().describe("The subscriber's value of it, in its own unit (months, GB, a count, a price ratio)"),
  contribution: z.number().describe("Its push on the model's log-odds for this subscriber (positive: towards leaving)"),
});

export const churnModelDto = z.object({
  version: z.number().int(),
  trained_at: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  horizon_days: z.number().int().describe('Risk = probability of leaving within this many days'),
  training_rows: z.number().int().describe('Subscriber-months learnt from (monthly snapshots of the past year)'),
  churners: z.number().int(),
  base_rate: z.number(),
  at_risk_threshold: z.number().describe('Risk at or above which a subscriber counts as at risk (twice the usual, at least 5 %)'),
  cv_auc: z.number().nullable().describe("ROC AUC of the model in 5-fold cross-validation over the ISP's own rows"),
  cv_brier: z.number().nullable(),
});

export const churnOverviewDto = z.object({
  model: churnModelDto.nullable(),
  scored: z.number().int(),
  at_risk: z.number().int(),
  mean_risk: z.number().nullable(),
  distribution: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  top_reasons: z.array(z.object({ feature: z.enum(subscriberFeatureNames), subscribers: z.number().int(), mean_contribution: z.number() })),
});

export const subscriberChurnDto = z.object({
  subscriber_id: z.uuid(),
  risk: z.number(),
  at_risk: z.boolean(),
  reasons: z.array(churnReasonDto),
  scored_at: z.string(),
  model_version: z.number().int(),
  horizon_days: z.number().int(),
});

export const scoredSubscriberDto = z.object({
  subscriber_id: z.uuid(),
  account_number: z.string(),
  name: z.string(),
  status: z.string(),
  branch_id: z.uuid().nullable(),
  risk: z.number(),
  at_risk: z.boolean(),
  reasons: z.array(churnReasonDto),
});

export const scoreListQuery = z.object({
  ...pageQuery,
  at_risk: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('Only the "at risk" segment'),
  min_risk: z.coerce.number().min(0).max(1).optional(),
  subscriber_ids: z.string().optional()
    .transform((v, c) => {
      if (v === undefined) return undefined;
      const ids = v.split(',').filter(Boolean);
      if (ids.length > 200 || ids.some((id) => !z.uuid().safeParse(id).success)) {
        c.addIssue({ code: 'custom', message: 'subscriber_ids: up to 200 comma-separated UUIDs' });
        return z.NEVER;
      }
      return ids;
    })
    .describe('Comma-separated subscriber ids (the rows of a list page)'),
  sort: sortParam(['risk', 'name'], '-risk'),
});

export const trainOutcomeDto = z.object({
  trained: z.boolean(),
  version: z.number().int().nullable(),
  training_rows: z.number().int(),
  churners: z.number().int(),
  cv_auc: z.number().nullable(),
  scored: z.number().int(),
  reason: z.string().nullable(),
});
