-- The platform owner's settings that are not about billing: one row. outbound_allow_cidrs are
-- the private ranges (CIDR, validated by the application) that requests to user-given URLs
-- may reach, e.g. a self-hosted ISP's BTCPay server on its LAN; empty: none.
CREATE TABLE platform_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  outbound_allow_cidrs text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO platform_settings DEFAULT VALUES;

GRANT SELECT, UPDATE ON platform_settings TO astranetix_app;
ALTER TABLE platform_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_settings_platform ON platform_settings USING ((SELECT app_platform())) WITH CHECK ((SELECT app_platform()));
