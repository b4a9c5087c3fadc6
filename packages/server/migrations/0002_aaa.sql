-- AAA: NAS registry, plan bandwidth/FUP settings, RADIUS sessions (radacct), post-auth log,
-- usage rollups.

CREATE TABLE nas_devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  -- A single address (/32, /128) or a subnet the NAS sends from.
  address cidr NOT NULL,
  secret_enc text NOT NULL,
  vendor text NOT NULL DEFAULT 'mikrotik' CHECK (vendor IN ('mikrotik', 'cisco', 'juniper', 'huawei', 'chillispot', 'ubiquiti', 'other')),
  coa_port integer NOT NULL DEFAULT 3799 CHECK (coa_port BETWEEN 1 AND 65535),
  require_message_authenticator boolean NOT NULL DEFAULT false,
  description text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A source address must name one NAS of one ISP across the whole platform.
CREATE UNIQUE INDEX nas_devices_address_key ON nas_devices (address);
CREATE INDEX nas_devices_isp_idx ON nas_devices (isp_id);

ALTER TABLE subscription_plans
  ADD COLUMN burst_download_kbps integer CHECK (burst_download_kbps > 0),
  ADD COLUMN burst_upload_kbps integer CHECK (burst_upload_kbps > 0),
  ADD COLUMN burst_threshold_download_kbps integer CHECK (burst_threshold_download_kbps > 0),
  ADD COLUMN burst_threshold_upload_kbps integer CHECK (burst_threshold_upload_kbps > 0),
  ADD COLUMN burst_time_s integer CHECK (burst_time_s > 0),
  ADD COLUMN priority smallint CHECK (priority BETWEEN 1 AND 8),
  ADD COLUMN min_download_kbps integer CHECK (min_download_kbps > 0),
  ADD COLUMN min_upload_kbps integer CHECK (min_upload_kbps > 0),
  ADD COLUMN session_timeout_s integer CHECK (session_timeout_s > 0),
  ADD COLUMN idle_timeout_s integer CHECK (idle_timeout_s > 0),
  ADD COLUMN interim_interval_s integer NOT NULL DEFAULT 300 CHECK (interim_interval_s >= 60),
  ADD COLUMN simultaneous_use integer NOT NULL DEFAULT 1 CHECK (simultaneous_use >= 1),
  ADD COLUMN fup_daily_bytes bigint CHECK (fup_daily_bytes > 0),
  ADD COLUMN fup_monthly_bytes bigint CHECK (fup_monthly_bytes > 0),
  ADD COLUMN fup_download_kbps integer CHECK (fup_download_kbps > 0),
  ADD COLUMN fup_upload_kbps integer CHECK (fup_upload_kbps > 0),
  ADD COLUMN framed_pool text,
  ADD COLUMN address_list text,
  ADD COLUMN validity_days integer CHECK (validity_days > 0);

ALTER TABLE subscribers
  ADD COLUMN mac_address text CHECK (mac_address ~ '^[0-9A-F]{2}(:[0-9A-F]{2}){5}$'),
  ADD COLUMN static_ip inet,
  ADD COLUMN expires_at timestamptz;
CREATE UNIQUE INDEX subscribers_static_ip_key ON subscribers (isp_id, static_ip) WHERE static_ip IS NOT NULL;

-- ISP settings for the AAA engine.
ALTER TABLE isps
  ADD COLUMN expired_action text NOT NULL DEFAULT 'reject' CHECK (expired_action IN ('reject', 'walled_garden')),
  ADD COLUMN walled_garden_address_list text NOT NULL DEFAULT 'expired';

-- The sessions table, with the fields of FreeRADIUS's radacct.
CREATE TABLE radius_sessions (
  id bigserial PRIMARY KEY,
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  subscriber_id uuid REFERENCES subscribers(id) ON DELETE SET NULL,
  nas_id uuid REFERENCES nas_devices(id) ON DELETE SET NULL,
  username text NOT NULL,
  acct_session_id text NOT NULL,
  -- One row per NAS + session id + user: retransmissions and interims update it in place.
  acct_unique_id text NOT NULL,
  nas_ip inet NOT NULL,
  nas_port bigint,
  nas_port_id text,
  nas_port_type text,
  framed_ip inet,
  framed_ipv6_prefix text,
  calling_station_id text,
  called_station_id text,
  service_type text,
  start_time timestamptz,
  update_time timestamptz NOT NULL DEFAULT now(),
  stop_time timestamptz,
  session_time bigint NOT NULL DEFAULT 0,
  input_octets bigint NOT NULL DEFAULT 0,
  output_octets bigint NOT NULL DEFAULT 0,
  interim_interval integer,
  terminate_cause text,
  class text
);
CREATE UNIQUE INDEX radius_sessions_unique_key ON radius_sessions (acct_unique_id);
CREATE INDEX radius_sessions_active_idx ON radius_sessions (isp_id, subscriber_id) WHERE stop_time IS NULL;
CREATE INDEX radius_sessions_nas_active_idx ON radius_sessions (nas_id) WHERE stop_time IS NULL;
CREATE INDEX radius_sessions_history_idx ON radius_sessions (isp_id, subscriber_id, start_time DESC);

CREATE TABLE radius_postauth (
  id bigserial PRIMARY KEY,
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  subscriber_id uuid,
  nas_id uuid,
  username text NOT NULL,
  result text NOT NULL CHECK (result IN ('accept', 'reject')),
  reason text NOT NULL,
  auth_method text,
  calling_station_id text,
  nas_ip inet,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX radius_postauth_isp_idx ON radius_postauth (isp_id, created_at DESC);
CREATE INDEX radius_postauth_user_idx ON radius_postauth (isp_id, username, created_at DESC);

-- Usage rollups: what quotas, dashboards and billing read.
CREATE TABLE usage_hourly (
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  hour timestamptz NOT NULL,
  input_octets bigint NOT NULL DEFAULT 0,
  output_octets bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (subscriber_id, hour)
);
CREATE INDEX usage_hourly_isp_idx ON usage_hourly (isp_id, hour);
CREATE TABLE usage_daily (
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  day date NOT NULL,
  input_octets bigint NOT NULL DEFAULT 0,
  output_octets bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (subscriber_id, day)
);
CREATE INDEX usage_daily_isp_idx ON usage_daily (isp_id, day);

GRANT SELECT, INSERT, UPDATE, DELETE ON nas_devices, radius_sessions, radius_postauth, usage_hourly, usage_daily TO astranetix_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO astranetix_app;
REVOKE ALL ON SEQUENCE audit_log_seq FROM astranetix_app;

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['nas_devices', 'radius_sessions', 'radius_postauth', 'usage_hourly', 'usage_daily'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id())) WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))', t || '_tenant', t);
  END LOOP;
END $$;
