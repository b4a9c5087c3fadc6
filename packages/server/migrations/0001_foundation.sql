-- Foundation: platform, tenancy, identity, subscribers, plans, audit, outbox.
-- Tenant isolation is enforced here, by row-level security, not in application code:
-- requests run as astranetix_app, which is subject to RLS; the per-transaction settings
-- app.isp_id / app.branch_ids / app.platform decide what a transaction can see.

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'astranetix_app') THEN
    CREATE ROLE astranetix_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;
GRANT astranetix_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO astranetix_app;

-- The settings row-level security reads (functions/app_*.sql); policies call them as
-- (SELECT fn()): an InitPlan evaluated once per query, not per row.
\ir functions/app_isp_id.sql
\ir functions/app_platform.sql
\ir functions/app_branch_ids.sql

CREATE TABLE founders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  mfa_secret_enc text,
  mfa_enabled boolean NOT NULL DEFAULT false,
  recovery_code_hashes text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX founders_email_key ON founders (lower(email));

CREATE TABLE isps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
  display_name text NOT NULL,
  custom_domain text,
  logo_url text,
  primary_color text NOT NULL DEFAULT '#1565c0',
  secondary_color text NOT NULL DEFAULT '#00897b',
  default_locale text NOT NULL DEFAULT 'en',
  currency char(3) NOT NULL DEFAULT 'USD',
  timezone text NOT NULL DEFAULT 'UTC',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'terminated')),
  saas_plan text NOT NULL DEFAULT 'starter',
  require_mfa boolean NOT NULL DEFAULT false,
  contact_email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX isps_slug_key ON isps (slug);
CREATE UNIQUE INDEX isps_custom_domain_key ON isps (lower(custom_domain)) WHERE custom_domain IS NOT NULL;

CREATE TABLE branches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  parent_branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  name text NOT NULL,
  code text NOT NULL,
  address text,
  phone text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX branches_code_key ON branches (isp_id, code);
CREATE INDEX branches_parent_idx ON branches (isp_id, parent_branch_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  email text NOT NULL,
  name text NOT NULL,
  phone text,
  role text NOT NULL CHECK (role IN ('isp_admin', 'billing', 'support_agent', 'noc_engineer', 'branch_manager')),
  password_hash text NOT NULL,
  mfa_secret_enc text,
  mfa_enabled boolean NOT NULL DEFAULT false,
  recovery_code_hashes text[] NOT NULL DEFAULT '{}',
  locale text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  is_demo boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'branch_manager' OR branch_id IS NOT NULL)
);
-- Staff log in with their e-mail alone, so it is unique across the platform.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_isp_idx ON users (isp_id, branch_id);

CREATE TABLE subscription_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  download_kbps integer NOT NULL CHECK (download_kbps > 0),
  upload_kbps integer NOT NULL CHECK (upload_kbps > 0),
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  currency char(3) NOT NULL,
  billing_period text NOT NULL DEFAULT 'monthly' CHECK (billing_period IN ('daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX subscription_plans_name_key ON subscription_plans (isp_id, lower(name));

CREATE TABLE subscribers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  plan_id uuid REFERENCES subscription_plans(id) ON DELETE RESTRICT,
  account_number text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text,
  phone text,
  address text,
  city text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  username text NOT NULL,
  -- Reversible (AES-GCM under the platform key): CHAP and MS-CHAP need the cleartext.
  network_password_enc text NOT NULL,
  portal_password_hash text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'expired', 'terminated')),
  locale text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX subscribers_account_key ON subscribers (isp_id, account_number);
-- A NAS sends only the User-Name, so network usernames are unique per ISP.
CREATE UNIQUE INDEX subscribers_username_key ON subscribers (isp_id, username);
CREATE UNIQUE INDEX subscribers_email_key ON subscribers (isp_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX subscribers_list_idx ON subscribers (isp_id, created_at DESC, id DESC);
CREATE INDEX subscribers_branch_idx ON subscribers (isp_id, branch_id);
CREATE INDEX subscribers_name_idx ON subscribers (isp_id, last_name, id);
CREATE INDEX subscribers_status_idx ON subscribers (isp_id, status);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL,
  scopes text[] NOT NULL,
  created_by uuid,
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);

-- Auth infrastructure: reached only through the identity service, never listed by tenants.
CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id uuid NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('founder', 'user', 'subscriber')),
  subject_id uuid NOT NULL,
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE password_reset_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_kind text NOT NULL CHECK (subject_kind IN ('founder', 'user', 'subscriber')),
  subject_id uuid NOT NULL,
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX password_reset_tokens_hash_key ON password_reset_tokens (token_hash);

-- Append-only, hash-chained per tenant (isp_id NULL = the platform's chain): each row's hash
-- covers its content and the previous row's hash, so any edit or deletion breaks the chain.
-- No foreign key: the trail must outlive what it describes.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  isp_id uuid,
  actor_kind text NOT NULL,
  actor_id uuid,
  actor_email text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text,
  user_agent text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE SEQUENCE audit_log_seq;
CREATE INDEX audit_log_isp_idx ON audit_log (isp_id, seq DESC);

\ir functions/audit_row_hash.sql
\ir functions/audit_log_chain.sql
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
\ir functions/audit_log_immutable.sql
CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();

-- The outbox: every state change writes its event here in the same transaction.
CREATE TABLE domain_events (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  isp_id uuid REFERENCES isps(id) ON DELETE CASCADE,
  type text NOT NULL,
  aggregate_type text NOT NULL,
  aggregate_id text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX domain_events_unpublished_idx ON domain_events (seq) WHERE published_at IS NULL;
CREATE INDEX domain_events_isp_idx ON domain_events (isp_id, seq DESC);

-- Grants: the app role reads and writes rows; it never alters the audit chain.
GRANT SELECT, INSERT, UPDATE, DELETE ON founders, isps, branches, users, subscription_plans,
  subscribers, api_keys, refresh_tokens, password_reset_tokens, domain_events TO astranetix_app;
GRANT SELECT, INSERT ON audit_log TO astranetix_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO astranetix_app;
REVOKE ALL ON SEQUENCE audit_log_seq FROM astranetix_app;

-- Row-level security. isps: a tenant sees its own row; founders see all on the platform path.
ALTER TABLE isps ENABLE ROW LEVEL SECURITY;
CREATE POLICY isps_read ON isps FOR SELECT USING ((SELECT app_platform()) OR id = (SELECT app_isp_id()));
CREATE POLICY isps_update ON isps FOR UPDATE USING ((SELECT app_platform()) OR id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR id = (SELECT app_isp_id()));
CREATE POLICY isps_insert ON isps FOR INSERT WITH CHECK ((SELECT app_platform()));
CREATE POLICY isps_delete ON isps FOR DELETE USING ((SELECT app_platform()));
ALTER TABLE founders ENABLE ROW LEVEL SECURITY;
CREATE POLICY founders_platform ON founders USING ((SELECT app_platform())) WITH CHECK ((SELECT app_platform()));

ALTER TABLE branches ENABLE ROW LEVEL SECURITY;
-- A child of a subtree branch is in the subtree too: that lets a branch manager create a
-- sub-branch (whose new id is not yet in app.branch_ids) and see it.
CREATE POLICY branches_tenant ON branches
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL
         OR id = ANY ((SELECT app_branch_ids())::uuid[]) OR parent_branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL
         OR id = ANY ((SELECT app_branch_ids())::uuid[]) OR parent_branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_tenant ON users
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));

ALTER TABLE subscribers ENABLE ROW LEVEL SECURITY;
CREATE POLICY subscribers_tenant ON subscribers
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));

ALTER TABLE subscription_plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY plans_tenant ON subscription_plans USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_keys_tenant ON api_keys USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON audit_log FOR SELECT USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));
CREATE POLICY audit_append ON audit_log FOR INSERT WITH CHECK (true);

ALTER TABLE domain_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_read ON domain_events FOR SELECT USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));
CREATE POLICY events_append ON domain_events FOR INSERT WITH CHECK ((SELECT app_platform()) OR isp_id IS NULL OR isp_id = (SELECT app_isp_id()));
CREATE POLICY events_publish ON domain_events FOR UPDATE USING ((SELECT app_platform()));

-- Auth tables are keyed by opaque token hashes; only the identity service touches them.
ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY refresh_tokens_all ON refresh_tokens USING (true) WITH CHECK (true);
ALTER TABLE password_reset_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY reset_tokens_all ON password_reset_tokens USING (true) WITH CHECK (true);

-- Login must find an account before any tenant is known. These SECURITY DEFINER functions
-- are the only cross-tenant read the app role has, and return only what login needs.
-- One row shape for every kind of login (founder, staff, subscriber).
CREATE TYPE auth_subject AS (
  kind text, id uuid, isp_id uuid, isp_slug text, branch_id uuid, role text, email text, name text,
  password_hash text, mfa_enabled boolean, mfa_secret_enc text, recovery_code_hashes text[],
  status text, isp_status text, isp_require_mfa boolean, locale text);
-- The login functions (auth_subjects, auth_find_login, auth_load_subject, auth_founder_exists,
-- auth_find_api_key) and the public branding lookups are in functions/.
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO astranetix_app;

-- Per-ISP counters for human-readable sequential numbers (account numbers); the row lock
-- of UPDATE ... RETURNING makes concurrent allocation safe across processes.
CREATE TABLE isp_counters (
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (isp_id, name)
);
ALTER TABLE isp_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY counters_tenant ON isp_counters USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));
GRANT SELECT, INSERT, UPDATE ON isp_counters TO astranetix_app;
