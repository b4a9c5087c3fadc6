-- Churn prediction per ISP (issue #16, item 3).
--
-- The model answers "does this subscriber leave within the next horizon_days?": it learns from
-- monthly snapshots of the ISP's past (each subscriber's rows before the snapshot; label: left,
-- i.e. terminated, within the horizon after it) and scores every current subscriber as of now.
--
-- churn_models: each training run of an ISP's model on its own subscribers, with a version that
-- grows per ISP, what it learnt from (rows, churners, the horizon), its cross-validated quality
-- and the fitted model itself (coefficients, scaler, trees) so scores can be traced to it.
-- churn_scores: the latest risk per subscriber and its reasons (the model's own per-feature
-- contributions to the log-odds for that subscriber), replaced on every scoring run.

CREATE TABLE churn_models (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  algorithm text NOT NULL,
  trained_at timestamptz NOT NULL,
  horizon_days integer NOT NULL CHECK (horizon_days > 0),
  training_rows integer NOT NULL CHECK (training_rows >= 0),
  churners integer NOT NULL CHECK (churners >= 0),
  -- Share of training rows that left within the horizon: the ISP's usual risk; "at risk" is twice it.
  base_rate double precision NOT NULL CHECK (base_rate >= 0 AND base_rate <= 1),
  cv_auc double precision,
  cv_brier double precision,
  feature_names jsonb NOT NULL,
  model jsonb NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  CONSTRAINT churn_models_isp_id_id_key UNIQUE (isp_id, id)
);
CREATE UNIQUE INDEX churn_models_version_key ON churn_models (isp_id, version);

CREATE TABLE churn_scores (
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  subscriber_id uuid NOT NULL,
  branch_id uuid,
  model_id uuid NOT NULL,
  risk double precision NOT NULL CHECK (risk >= 0 AND risk <= 1),
  reasons jsonb NOT NULL,
  scored_at timestamptz NOT NULL,
  PRIMARY KEY (subscriber_id),
  CONSTRAINT churn_scores_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers(isp_id, id) ON DELETE CASCADE,
  -- A branch deleted or a subscriber moved: the next scoring run rewrites the row.
  CONSTRAINT churn_scores_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches(isp_id, id) ON DELETE CASCADE,
  CONSTRAINT churn_scores_model_id_fkey FOREIGN KEY (isp_id, model_id) REFERENCES churn_models(isp_id, id) ON DELETE CASCADE
);
CREATE INDEX churn_scores_risk_idx ON churn_scores (isp_id, risk DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON churn_models, churn_scores TO astranetix_app;

ALTER TABLE churn_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE churn_models FORCE ROW LEVEL SECURITY;
CREATE POLICY churn_models_tenant ON churn_models
  USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));

-- Scores belong to a subscriber's branch: branch staff see their subtree, like subscribers.
ALTER TABLE churn_scores ENABLE ROW LEVEL SECURITY;
ALTER TABLE churn_scores FORCE ROW LEVEL SECURITY;
CREATE POLICY churn_scores_tenant ON churn_scores
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));
