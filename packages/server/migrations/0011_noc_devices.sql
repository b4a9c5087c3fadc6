-- NOC: monitored devices, their interfaces, and the time series the collector writes.
-- Raw samples are kept for days; 5-minute and hourly rollups (min/avg/max) for months.

CREATE TABLE noc_devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'router' CHECK (kind IN ('router', 'nas', 'switch', 'olt', 'access_point', 'server', 'other')),
  vendor text NOT NULL DEFAULT 'other' CHECK (vendor IN ('mikrotik', 'cisco', 'juniper', 'huawei', 'ubiquiti', 'zte', 'nokia', 'linux', 'other')),
  model text,
  site text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  mgmt_ip inet NOT NULL,
  -- SNMP access; every secret is sealed with the platform SecretBox, never stored in clear.
  snmp_version text NOT NULL DEFAULT 'v2c' CHECK (snmp_version IN ('v2c', 'v3', 'none')),
  snmp_port integer NOT NULL DEFAULT 161 CHECK (snmp_port BETWEEN 1 AND 65535),
  snmp_community_enc text,
  snmp_v3_user text,
  snmp_v3_level text CHECK (snmp_v3_level IN ('noAuthNoPriv', 'authNoPriv', 'authPriv')),
  snmp_v3_auth_protocol text CHECK (snmp_v3_auth_protocol IN ('md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512')),
  snmp_v3_auth_key_enc text,
  snmp_v3_priv_protocol text CHECK (snmp_v3_priv_protocol IN ('des', 'aes', 'aes256b', 'aes256r')),
  snmp_v3_priv_key_enc text,
  -- Reachability without ICMP (unprivileged): an optional TCP port to connect to.
  tcp_probe_port integer CHECK (tcp_probe_port BETWEEN 1 AND 65535),
  probe_count integer NOT NULL DEFAULT 3 CHECK (probe_count BETWEEN 1 AND 10),
  -- MikroTik RouterOS API access (8728 plain, 8729 TLS).
  api_port integer CHECK (api_port BETWEEN 1 AND 65535),
  api_tls boolean NOT NULL DEFAULT false,
  api_user text,
  api_password_enc text,
  parent_id uuid REFERENCES noc_devices(id) ON DELETE SET NULL,
  nas_id uuid REFERENCES nas_devices(id) ON DELETE SET NULL,
  poll_interval_s integer NOT NULL DEFAULT 60 CHECK (poll_interval_s BETWEEN 10 AND 86400),
  enabled boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'unknown' CHECK (status IN ('up', 'down', 'unknown')),
  status_changed_at timestamptz,
  last_polled_at timestamptz,
  last_seen_at timestamptz,
  last_error text,
  sys_descr text,
  sys_name text,
  sys_object_id text,
  uptime_s bigint,
  cpu_percent double precision,
  memory_percent double precision,
  latency_ms double precision,
  loss_percent double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE UNIQUE INDEX noc_devices_name_key ON noc_devices (isp_id, lower(name));
CREATE INDEX noc_devices_parent_idx ON noc_devices (parent_id);
-- The collector's scan: enabled devices by next due poll.
CREATE INDEX noc_devices_poll_idx ON noc_devices (last_polled_at) WHERE enabled;

CREATE TABLE noc_interfaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  device_id uuid NOT NULL REFERENCES noc_devices(id) ON DELETE CASCADE,
  if_index integer NOT NULL,
  name text NOT NULL,
  alias text,
  if_type integer,
  mac text,
  speed_bps bigint,
  admin_status text,
  oper_status text,
  -- Last counter sample, for the rate of the next poll. SNMP counters are unsigned 64-bit:
  -- numeric, as bigint would overflow above 2^63.
  counter_bits smallint CHECK (counter_bits IN (32, 64)),
  last_in_octets numeric(20, 0),
  last_out_octets numeric(20, 0),
  last_in_errors numeric(20, 0),
  last_out_errors numeric(20, 0),
  last_in_discards numeric(20, 0),
  last_out_discards numeric(20, 0),
  last_uptime_cs bigint,
  last_sample_at timestamptz,
  in_bps double precision,
  out_bps double precision,
  utilisation_percent double precision,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX noc_interfaces_index_key ON noc_interfaces (device_id, if_index);
CREATE INDEX noc_interfaces_busy_idx ON noc_interfaces (isp_id, (coalesce(in_bps, 0) + coalesce(out_bps, 0)) DESC);

CREATE TABLE noc_metrics_raw (
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  device_id uuid NOT NULL REFERENCES noc_devices(id) ON DELETE CASCADE,
  interface_id uuid REFERENCES noc_interfaces(id) ON DELETE CASCADE,
  metric text NOT NULL,
  ts timestamptz NOT NULL,
  value double precision NOT NULL
);
CREATE INDEX noc_metrics_raw_series_idx ON noc_metrics_raw (device_id, metric, interface_id, ts);
CREATE INDEX noc_metrics_raw_ts_idx ON noc_metrics_raw (ts);

-- Rollups: one row per series and bucket; `samples` lets the hourly rollup weight the
-- 5-minute averages and lets a re-run overwrite a bucket instead of adding to it.
CREATE TABLE noc_metrics_5m (
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  device_id uuid NOT NULL REFERENCES noc_devices(id) ON DELETE CASCADE,
  interface_id uuid REFERENCES noc_interfaces(id) ON DELETE CASCADE,
  metric text NOT NULL,
  bucket timestamptz NOT NULL,
  samples integer NOT NULL,
  min double precision NOT NULL,
  avg double precision NOT NULL,
  max double precision NOT NULL
);
CREATE UNIQUE INDEX noc_metrics_5m_key ON noc_metrics_5m (device_id, metric, interface_id, bucket) NULLS NOT DISTINCT;
CREATE INDEX noc_metrics_5m_bucket_idx ON noc_metrics_5m (bucket);

CREATE TABLE noc_metrics_1h (
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  device_id uuid NOT NULL REFERENCES noc_devices(id) ON DELETE CASCADE,
  interface_id uuid REFERENCES noc_interfaces(id) ON DELETE CASCADE,
  metric text NOT NULL,
  bucket timestamptz NOT NULL,
  samples integer NOT NULL,
  min double precision NOT NULL,
  avg double precision NOT NULL,
  max double precision NOT NULL
);
CREATE UNIQUE INDEX noc_metrics_1h_key ON noc_metrics_1h (device_id, metric, interface_id, bucket) NULLS NOT DISTINCT;
CREATE INDEX noc_metrics_1h_bucket_idx ON noc_metrics_1h (bucket);

GRANT SELECT, INSERT, UPDATE, DELETE ON noc_devices, noc_interfaces, noc_metrics_raw, noc_metrics_5m, noc_metrics_1h TO astranetix_app;

-- Devices may belong to a branch: branch staff see their subtree's devices, like subscribers.
ALTER TABLE noc_devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE noc_devices FORCE ROW LEVEL SECURITY;
CREATE POLICY noc_devices_tenant ON noc_devices
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['noc_interfaces', 'noc_metrics_raw', 'noc_metrics_5m', 'noc_metrics_1h'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id())) WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))', t || '_tenant', t);
  END LOOP;
END $$;
