-- NOC: syslog/trap messages, alert rules and alerts, incidents with their timeline,
-- escalation policies, maintenance windows, device status history and SLA definitions.

-- Syslog lines and SNMP traps, matched to a device by source address. Messages from
-- addresses that are no device's management IP are counted (metric) and dropped: a row
-- needs an ISP for row-level security, and an open receiver must not be a free log sink.
CREATE TABLE noc_log_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
  device_id uuid REFERENCES noc_devices(id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('syslog', 'trap')),
  source_ip inet NOT NULL,
  facility smallint CHECK (facility BETWEEN 0 AND 23),
  severity smallint NOT NULL CHECK (severity BETWEEN 0 AND 7),
  host text,
  app text,
  proc_id text,
  msg_id text,
  message text NOT NULL,
  structured_data jsonb,
  trap_oid text,
  sent_at timestamptz,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX noc_log_messages_time_idx ON noc_log_messages (isp_id, received_at DESC);
CREATE INDEX noc_log_messages_device_idx ON noc_log_messages (device_id, received_at DESC);
CREATE INDEX noc_log_messages_text_idx ON noc_log_messages USING gin (lower(message) gin_trgm_ops);

CREATE TABLE noc_alert_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  severity text NOT NULL DEFAULT 'major' CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  kind text NOT NULL CHECK (kind IN ('metric', 'device_down', 'log')),
  -- Which devices: one device, or every device of a kind (or all when both are null).
  device_id uuid REFERENCES noc_devices(id) ON DELETE CASCADE,
  device_kind text,
  -- metric rules: threshold on the value, per-second rate, or percent change over a window.
  metric text,
  mode text CHECK (mode IN ('threshold', 'rate', 'change_percent')),
  comparator text CHECK (comparator IN ('above', 'below')),
  raise_value double precision,
  clear_value double precision,
  window_s integer CHECK (window_s BETWEEN 60 AND 86400),
  duration_s integer NOT NULL DEFAULT 0 CHECK (duration_s BETWEEN 0 AND 86400),
  -- log rules: a trap OID (prefix) and/or a text, with a worst-severity limit for syslog.
  log_source text CHECK (log_source IN ('syslog', 'trap', 'any')),
  trap_oid text,
  pattern text,
  max_severity smallint CHECK (max_severity BETWEEN 0 AND 7),
  clear_trap_oid text,
  clear_pattern text,
  auto_clear_s integer CHECK (auto_clear_s BETWEEN 60 AND 604800),
  -- N changes of state within M seconds: one flapping alert instead of N.
  flap_count integer NOT NULL DEFAULT 5 CHECK (flap_count BETWEEN 2 AND 100),
  flap_window_s integer NOT NULL DEFAULT 600 CHECK (flap_window_s BETWEEN 60 AND 86400),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'metric' OR (metric IS NOT NULL AND mode IS NOT NULL AND comparator IS NOT NULL AND raise_value IS NOT NULL AND clear_value IS NOT NULL)),
  CHECK (kind <> 'log' OR (log_source IS NOT NULL AND (trap_oid IS NOT NULL OR pattern IS NOT NULL)))
);
CREATE UNIQUE INDEX noc_alert_rules_name_key ON noc_alert_rules (isp_id, lower(name));

CREATE TABLE noc_incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
  number integer NOT NULL,
  title text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  root_device_id uuid REFERENCES noc_devices(id) ON DELETE SET NULL,
  assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
  escalation_level integer NOT NULL DEFAULT 0,
  opened_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX noc_incidents_number_key ON noc_incidents (isp_id, number);
CREATE INDEX noc_incidents_open_idx ON noc_incidents (isp_id, status, opened_at DESC);
-- At most one open incident per root device: correlation attaches to it.
CREATE UNIQUE INDEX noc_incidents_root_open_key ON noc_incidents (root_device_id) WHERE status <> 'resolved' AND root_device_id IS NOT NULL;

CREATE TABLE noc_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
  rule_id uuid REFERENCES noc_alert_rules(id) ON DELETE SET NULL,
  device_id uuid REFERENCES noc_devices(id) ON DELETE CASCADE,
  interface_id uuid REFERENCES noc_interfaces(id) ON DELETE CASCADE,
  -- Identity of the condition (rule + device + interface, or the sender's key): one firing row per key.
  key text NOT NULL,
  source text NOT NULL CHECK (source IN ('rule', 'log', 'api', 'flapping')),
  severity text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  title text NOT NULL,
  detail text,
  value double precision,
  state text NOT NULL DEFAULT 'firing' CHECK (state IN ('firing', 'cleared')),
  suppressed text CHECK (suppressed IN ('maintenance', 'flapping')),
  incident_id uuid REFERENCES noc_incidents(id) ON DELETE SET NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  cleared_at timestamptz
);
CREATE UNIQUE INDEX noc_alerts_firing_key ON noc_alerts (isp_id, key) WHERE state = 'firing';
CREATE INDEX noc_alerts_time_idx ON noc_alerts (isp_id, raised_at DESC);
CREATE INDEX noc_alerts_key_idx ON noc_alerts (isp_id, key, raised_at DESC);
CREATE INDEX noc_alerts_incident_idx ON noc_alerts (incident_id);

CREATE TABLE noc_incident_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  incident_id uuid NOT NULL REFERENCES noc_incidents(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('opened', 'alert', 'cleared', 'acknowledged', 'assigned', 'comment', 'escalated', 'notify_failed', 'merged', 'resolved', 'reopened')),
  actor_id uuid,
  actor_name text,
  body text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX noc_incident_events_incident_idx ON noc_incident_events (incident_id, id);

CREATE TABLE noc_escalation_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  min_severity text NOT NULL DEFAULT 'major' CHECK (min_severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  -- [{ after_minutes, emails: [..], webhook_url }]: step N fires when an incident is still
  -- unacknowledged after_minutes after it opened.
  steps jsonb NOT NULL,
  -- HMAC key for the webhook signature header; sealed with the platform SecretBox.
  webhook_secret_enc text,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE noc_maintenance_windows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  -- A device, or every device of a site, or (both null) the whole ISP.
  device_id uuid REFERENCES noc_devices(id) ON DELETE CASCADE,
  site text,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX noc_maintenance_windows_time_idx ON noc_maintenance_windows (isp_id, ends_at);

-- Each change of a device's up/down status, as the evaluator saw it: the SLA's timeline.
CREATE TABLE noc_device_status_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
  device_id uuid NOT NULL REFERENCES noc_devices(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('up', 'down', 'unknown')),
  at timestamptz NOT NULL
);
CREATE INDEX noc_device_status_log_device_idx ON noc_device_status_log (device_id, at);

CREATE TABLE noc_sla_definitions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  -- A business customer's SLA, or (null) the ISP's own.
  subscriber_id uuid REFERENCES subscribers(id) ON DELETE CASCADE,
  device_ids uuid[] NOT NULL,
  availability_target numeric(6, 3) NOT NULL CHECK (availability_target > 0 AND availability_target <= 100),
  latency_target_ms double precision CHECK (latency_target_ms > 0),
  mttr_target_minutes integer CHECK (mttr_target_minutes > 0),
  notify_emails text[] NOT NULL DEFAULT '{}',
  breached boolean NOT NULL DEFAULT false,
  breach_reason text,
  last_checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(device_ids) BETWEEN 1 AND 100)
);
CREATE UNIQUE INDEX noc_sla_definitions_name_key ON noc_sla_definitions (isp_id, lower(name));

GRANT SELECT, INSERT, UPDATE, DELETE ON noc_log_messages, noc_alert_rules, noc_incidents, noc_alerts, noc_incident_events,
  noc_escalation_policies, noc_maintenance_windows, noc_device_status_log, noc_sla_definitions TO astranetix_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO astranetix_app;

-- Rows about one device follow the device's branch: branch staff see their subtree's, ISP-wide rows (no branch) stay with ISP staff.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['noc_log_messages', 'noc_incidents', 'noc_alerts', 'noc_device_status_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[])))) WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))', t || '_tenant', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['noc_alert_rules', 'noc_incident_events', 'noc_escalation_policies', 'noc_maintenance_windows', 'noc_sla_definitions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id())) WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))', t || '_tenant', t);
  END LOOP;
END $$;
