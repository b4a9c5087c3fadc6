/** What the portals read of the churn model: the base's risk distribution and reasons, and per subscriber. */
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { pgArray } from '../../../platform/db/pg-array.ts';
import { rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import type { Page } from '../../../platform/http/paging.ts';
import type { ChurnReason } from '../schema.ts';
import type { SubscriberFeature } from './subscriber-features.ts';

/** Risk buckets for the distribution: fine where most subscribers are (a few percent a month). */
export const riskBuckets = [0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 1] as const;
/** "At risk": at least twice the ISP's usual risk, and never below this. */
const atRiskFloor = 0.05;

export type ModelInfo = {
  version: number; trained_at: string; horizon_days: number; training_rows: number; churners: number;
  base_rate: number; at_risk_threshold: number; cv_auc: number | null; cv_brier: number | null; trigger: 'schedule' | 'manual';
};

export type ChurnOverview = {
  model: ModelInfo | null;
  scored: number;
  at_risk: number;
  mean_risk: number | null;
  distribution: { from: number; to: number; count: number }[];
  top_reasons: { feature: SubscriberFeature; subscribers: number; mean_contribution: number }[];
};

type ModelRow = Omit<ModelInfo, 'at_risk_threshold' | 'trained_at'> & { id: string; trained_at: string | Date };

async function latestModel(tx: Parameters<Parameters<typeof withScope>[2]>[0], ispId: string): Promise<(ModelInfo & { id: string }) | null> {
  const [m] = await rows<ModelRow>(tx, sql`
    SELECT id, version, trained_at, horizon_days, training_rows, churners, base_rate, cv_auc, cv_brier, trigger
    FROM churn_models WHERE isp_id = ${ispId} ORDER BY version DESC LIMIT 1`);
  if (!m) return null;
  const baseRate = Number(m.base_rate);
  return {
    id: m.id, version: Number(m.version), trained_at: new Date(m.trained_at).toISOString(), horizon_days: Number(m.horizon_days),
    training_rows: Number(m.training_rows), churners: Number(m.churners), base_rate: baseRate, at_risk_threshold: Math.max(atRiskFloor, 2 * baseRate),
    cv_auc: m.cv_auc === null ? null : Number(m.cv_auc), cv_brier: m.cv_brier === null ? null : Number(m.cv_brier), trigger: m.trigger,
  };
}

/** The scores of the latest model; `branchIds` narrows to a branch subtree. */
export async function churnOverview(ctx: AppContext, scope: Scope, ispId: string, branchIds: readonly string[] | null): Promise<ChurnOverview> {
  return withScope(ctx.db, scope, async (tx) => {
    const model = await latestModel(tx, ispId);
    const empty: ChurnOverview = { model: model && strip(model), scored: 0, at_risk: 0, mean_risk: null, distribution: bucketsOf([]), top_reasons: [] };
    if (!model) return empty;
    const where = scoresWhere(ispId, model.id, branchIds);
    const risks = await rows<{ risk: number }>(tx, sql`SELECT risk FROM churn_scores c WHERE ${where}`);
    const values = risks.map((r) => Number(r.risk));
    const reasons = await rows<{ feature: SubscriberFeature; subscribers: number; mean_contribution: number }>(tx, sql`
      SELECT r.feature, count(*)::int AS subscribers, avg(r.contribution)::float8 AS mean_contribution
      FROM churn_scores c, jsonb_to_recordset(c.reasons) AS r(feature text, contribution float8)
      WHERE ${where} AND c.risk >= ${model.at_risk_threshold}
      GROUP BY r.feature ORDER BY count(*) DESC, avg(r.contribution) DESC LIMIT 8`);
    return {
      model: strip(model),
      scored: values.length,
      at_risk: values.filter((v) => v >= model.at_risk_threshold).length,
      mean_risk: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null,
      distribution: bucketsOf(values),
      top_reasons: reasons.map((r) => ({ feature: r.feature, subscribers: Number(r.subscribers), mean_contribution: Number(r.mean_contribution) })),
    };
  });
}

function strip(m: ModelInfo & { id: string }): ModelInfo {
  const { id: _id, ...rest } = m;
  return rest;
}

function scoresWhere(ispId: string, modelId: string, branchIds: readonly string[] | null): SQL {
  const base = sql`c.isp_id = ${ispId} AND c.model_id = ${modelId}`;
  return branchIds ? sql`${base} AND c.branch_id = ANY (${pgArray(branchIds)}::uuid[])` : base;
}

function bucketsOf(values: number[]): ChurnOverview['distribution'] {
  return riskBuckets.slice(0, -1).map((from, i) => {
    const to = riskBuckets[i + 1]!;
    const last = i === riskBuckets.length - 2;
    return { from, to, count: values.filter((v) => v >= from && (last ? v <= to : v < to)).length };
  });
}

export type SubscriberChurn = {
  subscriber_id: string; risk: number; at_risk: boolean; reasons: ChurnReason[]; scored_at: string; model_version: number; horizon_days: number;
};

/** One subscriber's latest risk and reasons; null when the subscriber has not been scored. */
export async function subscriberChurn(ctx: AppContext, scope: Scope, ispId: string, subscriberId: string): Promise<SubscriberChurn | null> {
  return withScope(ctx.db, scope, async (tx) => {
    const model = await latestModel(tx, ispId);
    if (!model) return null;
    const [r] = await rows<{ risk: number; reasons: ChurnReason[]; scored_at: string | Date }>(tx, sql`
      SELECT risk, reasons, scored_at FROM churn_scores c WHERE ${scoresWhere(ispId, model.id, null)} AND c.subscriber_id = ${subscriberId}`);
    if (!r) return null;
    return {
      subscriber_id: subscriberId, risk: Number(r.risk), at_risk: Number(r.risk) >= model.at_risk_threshold, reasons: r.reasons,
      scored_at: new Date(r.scored_at).toISOString(), model_version: model.version, horizon_days: model.horizon_days,
    };
  });
}

export type ScoredSubscriber = {
  subscriber_id: string; account_number: string; name: string; status: string; branch_id: string | null;
  risk: number; at_risk: boolean; reasons: ChurnReason[];
};

export type ScoreListQuery = { at_risk?: boolean | undefined; min_risk?: number | undefined; subscriber_ids?: string[] | undefined; sort: string; limit: number; offset: number };

/** The scored subscribers (RLS narrows branch staff to their subtree): the "at risk" segment when asked. */
export async function listChurnScores(ctx: AppContext, scope: Scope, ispId: string, q: ScoreListQuery): Promise<Page<ScoredSubscriber>> {
  return withScope(ctx.db, scope, async (tx) => {
    const model = await latestModel(tx, ispId);
    if (!model) return { items: [], total: 0, limit: q.limit, offset: q.offset };
    const conds: SQL[] = [scoresWhere(ispId, model.id, null)];
    if (q.at_risk) conds.push(sql`c.risk >= ${model.at_risk_threshold}`);
    if (q.min_risk !== undefined) conds.push(sql`c.risk >= ${q.min_risk}`);
    if (q.subscriber_ids) conds.push(sql`c.subscriber_id = ANY (${pgArray(q.subscriber_ids)}::uuid[])`);
    const where = sql.join(conds, sql` AND `);
    const order = { risk: sql`c.risk`, '-risk': sql`c.risk DESC`, name: sql`s.last_name, s.first_name`, '-name': sql`s.last_name DESC, s.first_name DESC` }[q.sort] ?? sql`c.risk DESC`;
    const [{ total } = { total: 0 }] = await rows<{ total: number }>(tx, sql`SELECT count(*)::int AS total FROM churn_scores c WHERE ${where}`);
    const items = await rows<{ subscriber_id: string; account_number: string; first_name: string; last_name: string; status: string; branch_id: string | null; risk: number; reasons: ChurnReason[] }>(tx, sql`
      SELECT c.subscriber_id, s.account_number, s.first_name, s.last_name, s.status, c.branch_id, c.risk, c.reasons
      FROM churn_scores c JOIN subscribers s ON s.id = c.subscriber_id
      WHERE ${where} ORDER BY ${order}, c.subscriber_id LIMIT ${q.limit} OFFSET ${q.offset}`);
    return {
      items: items.map((r) => ({
        subscriber_id: r.subscriber_id, account_number: r.account_number, name: `${r.first_name} ${r.last_name}`, status: r.status, branch_id: r.branch_id,
        risk: Number(r.risk), at_risk: Number(r.risk) >= model.at_risk_threshold, reasons: r.reasons,
      })),
      total: Number(total), limit: q.limit, offset: q.offset,
    };
  });
}
