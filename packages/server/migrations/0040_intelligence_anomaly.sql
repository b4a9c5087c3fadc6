-- Anomaly detection (intelligence module, issue #16 item 1). anomaly_series holds each watched
-- series' detector state (JSON, a few kB) and how far it has read; anomaly_events is every
-- anomaly found, with its score, the band the detector expected and the value it saw, and the
-- NOC alert it raised. Anomalies become NOC alerts with source 'anomaly'.
CREATE TABLE anomaly_series (
  isp_id uuid NOT NULL REFERENCES isps (id) ON DELETE CASCADE,
  series_key text NOT NULL,
  model_version text NOT NULL,
  state jsonb NOT NULL,
  points bigint NOT NULL DEFAULT 0,
  last_ts timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (isp_id, series_key)
);

CREATE TABLE anomaly_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps (id) ON DELETE CASCADE,
  branch_id uuid,
  series_key text NOT NULL,
  metric text NOT NULL,
  device_id uuid,
  interface_id uuid,
  at timestamptz NOT NULL,
  observed double precision NOT NULL,
  expected_low double precision,
  expected_high double precision,
  score double precision NOT NULL CHECK (score > 0 AND score <= 1),
  novelty double precision NOT NULL,
  model_version text NOT NULL,
  -- The NOC alert it raised (NULL when an alert for the series was already firing). Not a key:
  -- noc_alerts has no (isp_id, id) to point at, and the row is ours to write.
  alert_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT anomaly_events_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE SET NULL (branch_id),
  CONSTRAINT anomaly_events_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE,
  CONSTRAINT anomaly_events_interface_id_fkey FOREIGN KEY (isp_id, interface_id) REFERENCES noc_interfaces (isp_id, id) ON DELETE CASCADE
);
CREATE INDEX anomaly_events_time_idx ON anomaly_events (isp_id, at DESC);
CREATE INDEX anomaly_events_series_idx ON anomaly_events (isp_id, series_key, at DESC);
CREATE INDEX anomaly_events_device_idx ON anomaly_events (device_id);
CREATE INDEX anomaly_events_interface_idx ON anomaly_events (interface_id);

ALTER TABLE noc_alerts DROP CONSTRAINT noc_alerts_source_check;
ALTER TABLE noc_alerts ADD CONSTRAINT noc_alerts_source_check CHECK (source IN ('rule', 'log', 'api', 'flapping', 'anomaly'));

GRANT SELECT, INSERT, UPDATE, DELETE ON anomaly_series, anomaly_events TO astranetix_app;

ALTER TABLE anomaly_series ENABLE ROW LEVEL SECURITY;
ALTER TABLE anomaly_series FORCE ROW LEVEL SECURITY;
CREATE POLICY anomaly_series_tenant ON anomaly_series USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id())) WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));
-- Like noc_alerts: an anomaly on a device follows the device's branch.
ALTER TABLE anomaly_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE anomaly_events FORCE ROW LEVEL SECURITY;
CREATE POLICY anomaly_events_tenant ON anomaly_events
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));
