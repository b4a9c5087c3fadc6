-- Live enforcement: every CoA / Disconnect-Request the engine sends, with its outcome.
CREATE TABLE coa_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  session_id bigint REFERENCES radius_sessions(id) ON DELETE SET NULL,
  subscriber_id uuid,
  nas_id uuid,
  kind text NOT NULL CHECK (kind IN ('disconnect', 'coa')),
  reason text NOT NULL,
  -- The change event that caused it (NULL for an operator's action): several processes may
  -- see the same event, and only one may act on it.
  cause_event_id uuid,
  attributes jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  outcome text,
  attempts integer NOT NULL DEFAULT 0,
  requested_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE UNIQUE INDEX coa_requests_cause_key ON coa_requests (cause_event_id, session_id) WHERE cause_event_id IS NOT NULL;
CREATE INDEX coa_requests_isp_idx ON coa_requests (isp_id, created_at DESC);
GRANT SELECT, INSERT, UPDATE ON coa_requests TO astranetix_app;
ALTER TABLE coa_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY coa_requests_tenant ON coa_requests USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));
