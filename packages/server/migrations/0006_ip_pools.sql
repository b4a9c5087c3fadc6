-- Address pools the engine allocates Framed-IP-Address from (what rlm_sqlippool does for
-- FreeRADIUS). The primary key (pool, ip) is what makes "never the same address twice at
-- once" hold across processes: two allocators racing for one address cannot both insert it.
CREATE TABLE ip_pools (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  first_ip inet NOT NULL,
  last_ip inet NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (family(first_ip) = family(last_ip) AND last_ip >= first_ip AND last_ip - first_ip < 1048576)
);
CREATE UNIQUE INDEX ip_pools_name_key ON ip_pools (isp_id, lower(name));

-- A lease is held from Access-Accept (offered, expires soon) and bound to the session by its
-- Accounting Start; the Stop (or a stale/NAS-reboot close) frees it.
CREATE TABLE ip_leases (
  pool_id uuid NOT NULL REFERENCES ip_pools(id) ON DELETE CASCADE,
  ip inet NOT NULL,
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  subscriber_id uuid,
  acct_unique_id text,
  leased_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (pool_id, ip)
);
CREATE INDEX ip_leases_session_idx ON ip_leases (acct_unique_id) WHERE acct_unique_id IS NOT NULL;
CREATE INDEX ip_leases_ip_idx ON ip_leases (isp_id, ip);

ALTER TABLE subscription_plans ADD COLUMN ip_pool_id uuid REFERENCES ip_pools(id) ON DELETE SET NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON ip_pools, ip_leases TO astranetix_app;
ALTER TABLE ip_pools ENABLE ROW LEVEL SECURITY;
CREATE POLICY ip_pools_tenant ON ip_pools USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));
ALTER TABLE ip_leases ENABLE ROW LEVEL SECURITY;
CREATE POLICY ip_leases_tenant ON ip_leases USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));
