-- Platform billing: the founder bills ISPs for the SaaS. Platform-owned rows: the platform
-- scope manages them; an ISP reads only its own assignment, issued invoices and payments.
-- Money columns are integer minor units of the row's currency (the platform's).

CREATE TABLE platform_billing_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  legal_name text NOT NULL DEFAULT 'AstraNetix',
  address text,
  country char(2),
  region text,
  tax_id text,
  currency char(3) NOT NULL DEFAULT 'USD',
  invoice_series text NOT NULL DEFAULT 'SAAS' CHECK (invoice_series ~ '^[A-Z0-9-]{1,12}$'),
  payment_terms_days integer NOT NULL DEFAULT 15 CHECK (payment_terms_days BETWEEN 0 AND 365),
  prices_include_tax boolean NOT NULL DEFAULT false,
  tax_name text,
  tax_rate numeric(9,4) NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate < 100),
  tax_reverse_charge_b2b boolean NOT NULL DEFAULT false,
  invoice_footer text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('flat', 'per_subscriber')),
  -- flat: the monthly fee; per_subscriber: the price of one active subscriber a month.
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  minimum_minor bigint NOT NULL DEFAULT 0 CHECK (minimum_minor >= 0),
  currency char(3) NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX platform_plans_name_idx ON platform_plans (lower(name));

CREATE TABLE platform_plan_assignments (
  isp_id uuid PRIMARY KEY REFERENCES isps(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES platform_plans(id) ON DELETE RESTRICT,
  -- The first day billed: periods ending before it are not billed.
  start_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_plan_assignments_plan_idx ON platform_plan_assignments (plan_id);

CREATE TABLE platform_invoice_counters (
  series text PRIMARY KEY,
  last_value bigint NOT NULL DEFAULT 0
);

CREATE TABLE platform_billing_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period_start date NOT NULL,
  period_end date NOT NULL,
  status text NOT NULL DEFAULT 'completed' CHECK (status IN ('completed', 'failed')),
  invoiced integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  total_amount bigint NOT NULL DEFAULT 0,
  started_by uuid,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX platform_billing_runs_idx ON platform_billing_runs (started_at DESC);

CREATE TABLE platform_invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE RESTRICT,
  plan_id uuid REFERENCES platform_plans(id) ON DELETE SET NULL,
  run_id uuid REFERENCES platform_billing_runs(id) ON DELETE SET NULL,
  series text NOT NULL,
  sequence bigint,
  number text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'void')),
  currency char(3) NOT NULL,
  issue_date date NOT NULL,
  due_date date NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  active_subscribers integer NOT NULL DEFAULT 0,
  prices_include_tax boolean NOT NULL DEFAULT false,
  subtotal bigint NOT NULL DEFAULT 0,
  tax_total bigint NOT NULL DEFAULT 0,
  total bigint NOT NULL DEFAULT 0,
  amount_paid bigint NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  seller jsonb NOT NULL DEFAULT '{}',
  buyer jsonb NOT NULL DEFAULT '{}',
  locale text NOT NULL DEFAULT 'en',
  notes text,
  issued_at timestamptz,
  paid_at timestamptz,
  voided_at timestamptz,
  void_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (number IS NOT NULL OR status IN ('draft', 'void'))
);
-- One live invoice per ISP and period: what makes the monthly run idempotent.
CREATE UNIQUE INDEX platform_invoices_period_idx ON platform_invoices (isp_id, period_start) WHERE status <> 'void';
CREATE UNIQUE INDEX platform_invoices_number_idx ON platform_invoices (series, sequence) WHERE sequence IS NOT NULL;
CREATE INDEX platform_invoices_period_start_idx ON platform_invoices (period_start);

CREATE TABLE platform_invoice_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE RESTRICT,
  invoice_id uuid NOT NULL REFERENCES platform_invoices(id) ON DELETE CASCADE,
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('plan', 'adjustment')),
  description text NOT NULL,
  quantity numeric(18,6) NOT NULL DEFAULT 1,
  unit text,
  unit_price bigint NOT NULL,
  net_amount bigint NOT NULL,
  tax_amount bigint NOT NULL DEFAULT 0,
  gross_amount bigint NOT NULL
);
CREATE INDEX platform_invoice_lines_invoice_idx ON platform_invoice_lines (invoice_id);

CREATE TABLE platform_invoice_taxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE RESTRICT,
  invoice_id uuid NOT NULL REFERENCES platform_invoices(id) ON DELETE CASCADE,
  line_id uuid REFERENCES platform_invoice_lines(id) ON DELETE CASCADE,
  name text NOT NULL,
  kind text NOT NULL,
  rate numeric(9,4) NOT NULL,
  taxable_amount bigint NOT NULL,
  amount bigint NOT NULL,
  reverse_charge boolean NOT NULL DEFAULT false
);
CREATE INDEX platform_invoice_taxes_invoice_idx ON platform_invoice_taxes (invoice_id);

CREATE TABLE platform_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE RESTRICT,
  invoice_id uuid NOT NULL REFERENCES platform_invoices(id) ON DELETE RESTRICT,
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  method text NOT NULL CHECK (method IN ('bank_transfer', 'card', 'cash', 'cheque', 'other')),
  reference text,
  received_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_payments_invoice_idx ON platform_payments (invoice_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON platform_billing_settings, platform_plans, platform_plan_assignments, platform_billing_runs,
  platform_invoices, platform_invoice_lines, platform_invoice_taxes, platform_payments TO astranetix_app;
GRANT SELECT, INSERT, UPDATE ON platform_invoice_counters TO astranetix_app;

-- The founder's own configuration: the platform scope only.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['platform_billing_settings', 'platform_invoice_counters', 'platform_billing_runs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform())) WITH CHECK ((SELECT app_platform()))', t || '_platform', t);
  END LOOP;
END $$;

-- Rows about one ISP: the platform writes them, the ISP reads its own (never a draft invoice).
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['platform_plan_assignments', 'platform_invoice_lines', 'platform_invoice_taxes', 'platform_payments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform())) WITH CHECK ((SELECT app_platform()))', t || '_platform', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (isp_id = (SELECT app_isp_id()))', t || '_isp_read', t);
  END LOOP;
END $$;

ALTER TABLE platform_invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_invoices_platform ON platform_invoices USING ((SELECT app_platform())) WITH CHECK ((SELECT app_platform()));
CREATE POLICY platform_invoices_isp_read ON platform_invoices FOR SELECT USING (isp_id = (SELECT app_isp_id()) AND status <> 'draft');

-- An ISP sees the plan it is on, not the founder's whole price list.
ALTER TABLE platform_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_plans_platform ON platform_plans USING ((SELECT app_platform())) WITH CHECK ((SELECT app_platform()));
CREATE POLICY platform_plans_isp_read ON platform_plans FOR SELECT
  USING (id IN (SELECT plan_id FROM platform_plan_assignments WHERE isp_id = (SELECT app_isp_id())));

INSERT INTO platform_billing_settings (id) VALUES (true);
