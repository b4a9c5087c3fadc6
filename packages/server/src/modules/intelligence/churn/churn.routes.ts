import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { pageOf } from '../../../platform/http/paging.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { churnOverview, listChurnScores, subscriberChurn } from './churn.read.ts';
import { trainChurnModel } from './churn.service.ts';
import { churnOverviewDto, scoredSubscriberDto, scoreListQuery, subscriberChurnDto, trainOutcomeDto } from './churn.schemas.ts';

const tags = ['intelligence'];
const ispParams = z.object({ isp_id: z.uuid() });

export function registerChurnRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/analytics/subscribers', {
    config: { permission: 'subscriber:read' },
    schema: { tags, summary: "Churn risk across the ISP's subscribers: distribution, at-risk count, the reasons most at-risk subscribers share, and the model behind them",
      params: ispParams, response: { 200: churnOverviewDto, ...commonErrors } },
  }, async (req) => {
    return churnOverview(ctx, req.tenant.scope, req.tenant.ispId, null);
  });

  app.get('/api/branch/:branch_id/analytics/ai', {
    config: { permission: 'subscriber:read' },
    schema: { tags, summary: "The same churn figures for one branch and the branches below it",
      params: z.object({ branch_id: z.uuid() }), response: { 200: churnOverviewDto, ...commonErrors } },
  }, async (req) => {
    const subtree = await withScope(ctx.db, req.tenant.scope, (tx) => ctx.branches.subtree(tx, req.params.branch_id));
    return churnOverview(ctx, req.tenant.scope, req.tenant.ispId, subtree);
  });

  app.get('/api/isp/:isp_id/churn/subscribers', {
    config: { permission: 'subscriber:read' },
    schema: { tags, summary: 'Scored subscribers by risk; at_risk=true is the retention segment',
      params: ispParams, querystring: scoreListQuery, response: { 200: pageOf(scoredSubscriberDto), ...commonErrors } },
  }, async (req) => {
    return listChurnScores(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });

  app.get('/api/isp/:isp_id/subscribers/:subscriber_id/churn', {
    config: { permission: 'subscriber:read' },
    schema: { tags, summary: "One subscriber's churn risk and its top reasons (the model's own feature contributions)",
      params: z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() }), response: { 200: subscriberChurnDto, ...commonErrors } },
  }, async (req) => {
    const found = await subscriberChurn(ctx, req.tenant.scope, req.tenant.ispId, req.params.subscriber_id);
    if (!found) throw notFound('Churn score');
    return found;
  });

  app.post('/api/isp/:isp_id/churn/train', {
    config: { permission: 'isp:manage' },
    schema: { tags, summary: "Retrain the ISP's churn model now on its own history and rescore every subscriber",
      params: ispParams, response: { 200: trainOutcomeDto, ...commonErrors } },
  }, async (req) => {
    const r = await trainChurnModel(ctx, req.tenant.actor, req.tenant.ispId, 'manual');
    return r.trained
      ? { trained: true, version: r.version, training_rows: r.trainingRows, churners: r.churners, cv_auc: r.cvAuc, scored: r.scored, reason: null }
      : { trained: false, version: null, training_rows: r.trainingRows, churners: r.churners, cv_auc: null, scored: 0, reason: r.reason };
  });
}
