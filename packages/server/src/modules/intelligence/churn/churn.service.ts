/**
 * Training and scoring an ISP's churn model on its own rows, and storing both: a new model
 * version per training run, then the risk and reasons of every current subscriber.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowOf } from '../../../platform/clock/clock.ts';
import { pgArrayOf } from '../../../platform/db/pg-array.ts';
import { platformScope, rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { defaultBoostingOptions } from './boosting.ts';
import type { ChurnModelOptions } from './churn-model.ts';
import { fitInThread } from './fit-in-thread.ts';
import { readPopulation, readSubscriberFacts } from './subscriber-facts.sql.ts';
import { median, subscriberFeatureNames, subscriberFeatures, type RawSubscriberFacts, type SubscriberFeature } from './subscriber-features.ts';
import { sampleTrainingPoints, scoringPoints, trainingPoints } from './training-set.ts';
import { toStored } from './stored-model.ts';
import type { ChurnReason } from '../schema.ts';

export const churnHorizonDays = 30;
/** Monthly snapshots of the past the model learns from (a year). */
const snapshots = 12;
/** Below these counts a model would learn noise: the ISP keeps its previous model, if any. */
export const minimumChurners = 10;
const minimumRows = 50;
const reasonsKept = 3;
/** Training rows read and fitted at most; beyond it stayers are subsampled (the offset corrects the odds). */
const maxTrainingRows = 6000;

/** The per-ISP model: fewer trees than for IBM's file, as an ISP may have only hundreds of rows. */
const perIspOptions: ChurnModelOptions = {
  logisticL2: 0.01,
  logisticWeight: 0.5,
  boosting: { ...defaultBoostingOptions, trees: 150, learningRate: 0.05, minChildHessian: 3 },
};

export type TrainOutcome =
  | { trained: true; modelId: string; version: number; trainingRows: number; churners: number; cvAuc: number | null; scored: number }
  | { trained: false; reason: string; trainingRows: number; churners: number };

/** Trains a new model version for the ISP from its history and scores its current subscribers. */
export async function trainChurnModel(ctx: AppContext, actor: Actor, ispId: string, trigger: 'schedule' | 'manual'): Promise<TrainOutcome> {
  const now = nowOf(ctx);
  const scope = tenantScope(ispId);
  const { points, keptRate, allRows, facts, population } = await withScope(ctx.db, scope, async (tx) => {
    const population = await readPopulation(tx, ispId);
    const all = trainingPoints(population, now, churnHorizonDays, snapshots);
    const { points, keptRate } = sampleTrainingPoints(all, maxTrainingRows, 2024);
    return { points, keptRate, allRows: all.length, population, facts: await readFactsInBatches(tx, points) };
  });
  const churners = points.filter((p) => p.label === 1).length;
  if (churners < minimumChurners || points.length < minimumRows) {
    return { trained: false, reason: `not enough history: ${churners} departures in ${points.length} subscriber-months (at least ${minimumChurners} needed)`, trainingRows: points.length, churners };
  }
  const medianPrice = median(points.flatMap((p) => {
    const price = facts.get(key(p))!.monthlyPrice;
    return price === null ? [] : [price];
  }));
  const inputs = points.map((p) => subscriberFeatures(facts.get(key(p))!, medianPrice).inputs);
  const names = [...subscriberFeatureNames];

  // Everyone still here, as of now, is scored with the model about to be fitted.
  const current = scoringPoints(population, now);
  const currentFacts = await withScope(ctx.db, scope, (tx) => readFactsInBatches(tx, current));
  const currentFeatures = current.map(({ subscriberId }) => subscriberFeatures(currentFacts.get(key({ subscriberId, asOf: now }))!, medianPrice));
  const fit = await fitInThread({
    featureNames: names, inputs, labels: points.map((p) => p.label), groups: points.map((p) => p.subscriberId),
    folds: Math.min(5, churners), options: perIspOptions, seed: 2024, logitOffset: Math.log(keptRate),
    scoring: currentFeatures.map((f) => f.inputs),
  });
  const model = fit.model;
  const branchOf = new Map(population.map((p) => [p.subscriberId, p.branchId]));
  const scored = current.map(({ subscriberId }, i) => {
    const e = fit.explained[i]!;
    const shown = new Map<string, number>(names.map((n, j) => [n, currentFeatures[i]!.shown[j]!]));
    const reasons: ChurnReason[] = e.contributions.filter((c) => c.contribution > 0).slice(0, reasonsKept)
      .map((c) => ({ feature: c.feature as SubscriberFeature, value: round(shown.get(c.feature)!), contribution: round(c.contribution) }));
    return { subscriberId, branchId: branchOf.get(subscriberId) ?? null, risk: e.probability, reasons };
  });

  return withScope(ctx.db, scope, async (tx) => {
    // Two runs at once (the schedule and a manual retrain) take turns for the next version.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`churn_models:${ispId}`}))`);
    const [next] = await rows<{ version: number }>(tx, sql`SELECT coalesce(max(version), 0) + 1 AS version FROM churn_models WHERE isp_id = ${ispId}`);
    const version = Number(next!.version);
    const cvAuc = Number.isFinite(fit.cvPooledAuc) ? fit.cvPooledAuc : null;
    const [row] = await rows<{ id: string }>(tx, sql`
      INSERT INTO churn_models (isp_id, version, algorithm, trained_at, horizon_days, training_rows, churners, base_rate, cv_auc, cv_brier, feature_names, model, trigger)
      VALUES (${ispId}, ${version}, 'logistic+boosting', ${now.toISOString()}::timestamptz, ${churnHorizonDays}, ${points.length}, ${churners}, ${churners / allRows},
              ${cvAuc}, ${fit.cvBrier}, ${JSON.stringify(names)}::jsonb, ${JSON.stringify(toStored(model))}::jsonb, ${trigger})
      RETURNING id`);
    const modelId = row!.id;
    await tx.execute(sql`DELETE FROM churn_scores WHERE isp_id = ${ispId}`);
    for (let from = 0; from < scored.length; from += 1000) {
      const to = Math.min(scored.length, from + 1000);
      await tx.execute(sql`
        INSERT INTO churn_scores (isp_id, subscriber_id, branch_id, model_id, risk, reasons, scored_at)
        SELECT ${ispId}, s, b, ${modelId}, r, rs::jsonb, ${now.toISOString()}::timestamptz
        FROM unnest(${pgArrayOf(scored, (x) => x.subscriberId, from, to)}::uuid[], ${pgArrayOf(scored, (x) => x.branchId, from, to)}::uuid[],
                    ${pgArrayOf(scored, (x) => x.risk, from, to)}::float8[], ${pgArrayOf(scored, (x) => JSON.stringify(x.reasons), from, to)}::text[]) AS t(s, b, r, rs)`);
    }
    await recordChange(tx, actor, {
      ispId, action: 'churn.model_trained', entityType: 'churn_model', entityId: modelId,
      payload: { version, training_rows: points.length, churners, cv_auc: cvAuc, scored: scored.length, trigger },
    });
    return { trained: true as const, modelId, version, trainingRows: points.length, churners, cvAuc, scored: scored.length };
  });
}

const key = (p: { subscriberId: string; asOf: Date }) => `${p.subscriberId}@${p.asOf.getTime()}`;
const round = (v: number) => Math.round(v * 1000) / 1000;

/** Facts per (subscriber, moment), keyed subscriber@ms; read a few thousand points at a time. */
async function readFactsInBatches(tx: Parameters<typeof readSubscriberFacts>[0], points: readonly { subscriberId: string; asOf: Date }[]) {
  const out = new Map<string, RawSubscriberFacts>();
  const byTime = new Map<number, typeof points[number][]>();
  for (const p of points) byTime.set(p.asOf.getTime(), [...(byTime.get(p.asOf.getTime()) ?? []), p]);
  for (const [ms, group] of byTime) {
    for (let i = 0; i < group.length; i += 2000) {
      const facts = await readSubscriberFacts(tx, group.slice(i, i + 2000));
      for (const [id, f] of facts) out.set(`${id}@${ms}`, f);
    }
  }
  return out;
}

/** The worker's run: every active ISP with enough history gets a new version. */
export async function runChurnTraining(ctx: AppContext, actor: Actor): Promise<Record<string, TrainOutcome>> {
  const isps = await withScope(ctx.db, platformScope, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM isps WHERE status = 'active' ORDER BY id`));
  const out: Record<string, TrainOutcome> = {};
  for (const { id } of isps) {
    try {
      out[id] = await trainChurnModel(ctx, actor, id, 'schedule');
    } catch (err) {
      ctx.log.error({ err, ispId: id }, 'churn training failed');
    }
  }
  return out;
}
