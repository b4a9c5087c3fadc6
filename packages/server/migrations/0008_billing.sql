-- Billing: subscriptions, tax rules, exchange rates, invoices (lines, taxes, gapless
-- numbering), one-time charges and billing runs. Money is integer minor units of the row's
-- currency (bigint), never a float. Tenant isolation by RLS, like 0001/0002.

-- Per-ISP billing profile: who the seller is for tax purposes and how invoices look.
CREATE TABLE billing_settings (
  isp_id uuid PRIMARY KEY REFERENCES isps(id) ON DELETE CASCADE,
  legal_name text,
  address text,
  country char(2),
  -- State / province code (India: GST state code such as 'KA'; US: 'CA').
  region text,
  -- GSTIN, EU VAT number, US sales-tax permit: printed on every invoice.
  tax_id text,
  prices_include_tax boolean NOT NULL DEFAULT false,
  invoice_series text NOT NULL DEFAULT 'INV' CHECK (invoice_series ~ '^[A-Z0-9-]{1,12}$'),
  credit_note_series text NOT NULL DEFAULT 'CN' CHECK (credit_note_series ~ '^[A-Z0-9-]{1,12}$'),
  payment_terms_days integer NOT NULL DEFAULT 15 CHECK (payment_terms_days BETWEEN 0 AND 365),
  -- Overage price per started GB beyond a plan's monthly quota (0 = no overage billing).
  overage_per_gb_minor bigint NOT NULL DEFAULT 0 CHECK (overage_per_gb_minor >= 0),
  invoice_footer text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Per-subscriber billing identity: where they are (place of supply) and whether they are a
-- business (EU reverse charge, GSTIN on a B2B invoice), and the currency they are billed in.
CREATE TABLE billing_profiles (
  subscriber_id uuid PRIMARY KEY REFERENCES subscribers(id) ON DELETE CASCADE,
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  country char(2),
  region text,
  tax_id text,
  is_business boolean NOT NULL DEFAULT false,
  currency char(3),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_profiles_isp_idx ON billing_profiles (isp_id);

-- Tax rules are data the ISP edits. A rule applies to a line when country/region/scope match
-- the place of supply; several matching rules all apply (CGST + SGST, state + county).
CREATE TABLE tax_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('gst', 'vat', 'sales_tax', 'other')),
  -- Where the buyer is (NULL = anywhere).
  country char(2),
  region text,
  -- India GST: 'intra' (buyer in the seller's state) or 'inter'; anything else: 'any'.
  scope text NOT NULL DEFAULT 'any' CHECK (scope IN ('any', 'intra', 'inter')),
  -- Percent with up to 4 decimals (18.0000, 8.8750).
  rate numeric(9, 4) NOT NULL CHECK (rate >= 0 AND rate <= 100),
  -- Charged on the net amount plus the taxes before it (Quebec-style); usually false.
  compound boolean NOT NULL DEFAULT false,
  -- EU VAT: a business buyer with a VAT number in another country self-assesses.
  reverse_charge_b2b boolean NOT NULL DEFAULT false,
  -- Which lines it applies to ('*' = all; otherwise a line category such as 'internet').
  category text NOT NULL DEFAULT '*',
  priority integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tax_rules_isp_idx ON tax_rules (isp_id, country, region);

-- 1 unit of base = rate units of quote, as published on rate_date.
CREATE TABLE exchange_rates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  base char(3) NOT NULL,
  quote char(3) NOT NULL,
  rate numeric(24, 10) NOT NULL CHECK (rate > 0),
  rate_date date NOT NULL,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'ecb')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (base <> quote)
);
CREATE UNIQUE INDEX exchange_rates_key ON exchange_rates (isp_id, base, quote, rate_date);

CREATE TABLE subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES subscription_plans(id) ON DELETE RESTRICT,
  kind text NOT NULL CHECK (kind IN ('prepaid', 'postpaid')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  -- Postpaid cycles start on a fixed day of the month ('calendar', billing_day) or on the
  -- day the subscription started ('anniversary'); billing_day is 1..28 so every month has it.
  anchor text NOT NULL DEFAULT 'calendar' CHECK (anchor IN ('calendar', 'anniversary')),
  billing_day smallint NOT NULL DEFAULT 1 CHECK (billing_day BETWEEN 1 AND 28),
  start_date date NOT NULL,
  -- The period the next invoice covers: [next_period_start, next_period_end).
  next_period_start date NOT NULL,
  next_period_end date NOT NULL,
  price_minor bigint CHECK (price_minor >= 0),
  currency char(3) NOT NULL,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (next_period_end > next_period_start)
);
CREATE UNIQUE INDEX subscriptions_active_key ON subscriptions (subscriber_id) WHERE status = 'active';
CREATE INDEX subscriptions_due_idx ON subscriptions (isp_id, next_period_start) WHERE status = 'active' AND kind = 'postpaid';

CREATE TABLE invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE RESTRICT,
  subscription_id uuid REFERENCES subscriptions(id) ON DELETE SET NULL,
  kind text NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
  -- 'cycle' invoices come from the billing run and are unique per subscription and period.
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('cycle', 'recharge', 'manual', 'credit_note')),
  series text NOT NULL,
  -- Assigned when issued (drafts have none), from invoice_counters, in the same transaction.
  sequence bigint,
  number text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'partially_paid', 'overdue', 'void')),
  currency char(3) NOT NULL,
  -- The ISP's base currency and the rate used (1 base = exchange_rate currency); 1 when equal.
  base_currency char(3) NOT NULL,
  exchange_rate numeric(24, 10) NOT NULL DEFAULT 1,
  exchange_rate_date date,
  issue_date date,
  due_date date,
  period_start date,
  period_end date,
  prices_include_tax boolean NOT NULL DEFAULT false,
  subtotal bigint NOT NULL DEFAULT 0,
  tax_total bigint NOT NULL DEFAULT 0,
  total bigint NOT NULL DEFAULT 0,
  amount_paid bigint NOT NULL DEFAULT 0,
  -- Sum of issued credit notes against this invoice: what is still owed is
  -- total - amount_paid - amount_credited.
  amount_credited bigint NOT NULL DEFAULT 0,
  credit_note_of uuid REFERENCES invoices(id) ON DELETE RESTRICT,
  -- Snapshots taken at issue: an issued invoice never changes when the ISP or buyer does.
  seller jsonb NOT NULL DEFAULT '{}',
  buyer jsonb NOT NULL DEFAULT '{}',
  locale text NOT NULL DEFAULT 'en',
  notes text,
  issued_at timestamptz,
  voided_at timestamptz,
  void_reason text,
  emailed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR number IS NOT NULL),
  CHECK (kind = 'invoice' OR credit_note_of IS NOT NULL)
);
CREATE UNIQUE INDEX invoices_number_key ON invoices (isp_id, series, number);
-- What makes the billing run idempotent: one cycle invoice per subscription and period.
CREATE UNIQUE INDEX invoices_cycle_key ON invoices (subscription_id, period_start) WHERE source = 'cycle';
CREATE INDEX invoices_list_idx ON invoices (isp_id, created_at DESC, id DESC);
CREATE INDEX invoices_subscriber_idx ON invoices (isp_id, subscriber_id, created_at DESC);
CREATE INDEX invoices_open_idx ON invoices (isp_id, due_date) WHERE status IN ('issued', 'partially_paid', 'overdue');
CREATE INDEX invoices_credit_idx ON invoices (credit_note_of) WHERE credit_note_of IS NOT NULL;

CREATE TABLE invoice_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('plan', 'proration', 'one_time', 'overage', 'adjustment', 'credit')),
  category text NOT NULL DEFAULT 'internet',
  description text NOT NULL,
  quantity numeric(18, 6) NOT NULL DEFAULT 1,
  unit text,
  unit_price bigint NOT NULL,
  -- Net (before tax), tax and gross of the line, in the invoice's minor units.
  net_amount bigint NOT NULL,
  tax_amount bigint NOT NULL DEFAULT 0,
  gross_amount bigint NOT NULL,
  period_start date,
  period_end date,
  -- Overage lines show the usage they charge for.
  usage_bytes bigint,
  included_bytes bigint
);
CREATE UNIQUE INDEX invoice_lines_position_key ON invoice_lines (invoice_id, position);

CREATE TABLE invoice_taxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  line_id uuid REFERENCES invoice_lines(id) ON DELETE CASCADE,
  tax_rule_id uuid REFERENCES tax_rules(id) ON DELETE SET NULL,
  name text NOT NULL,
  kind text NOT NULL,
  rate numeric(9, 4) NOT NULL,
  taxable_amount bigint NOT NULL,
  amount bigint NOT NULL,
  reverse_charge boolean NOT NULL DEFAULT false
);
CREATE INDEX invoice_taxes_invoice_idx ON invoice_taxes (invoice_id);

-- Gapless numbers per ISP and series: the row is locked by UPDATE ... RETURNING in the
-- transaction that inserts the invoice, so a rolled-back invoice also rolls back its number.
CREATE TABLE invoice_counters (
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  series text NOT NULL,
  last_value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (isp_id, series)
);

-- One-time fees (installation) and pro-rated plan-change amounts waiting for the next invoice.
CREATE TABLE billing_charges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  subscription_id uuid REFERENCES subscriptions(id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('one_time', 'proration')),
  description text NOT NULL,
  -- Negative for a credit (the unused part of the old plan).
  amount bigint NOT NULL,
  currency char(3) NOT NULL,
  invoice_id uuid REFERENCES invoices(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_charges_pending_idx ON billing_charges (subscriber_id) WHERE invoice_id IS NULL;

CREATE TABLE billing_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  as_of date NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  total integer NOT NULL DEFAULT 0,
  processed integer NOT NULL DEFAULT 0,
  invoiced integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  total_amount bigint NOT NULL DEFAULT 0,
  error text,
  started_by uuid,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX billing_runs_isp_idx ON billing_runs (isp_id, started_at DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON billing_settings, billing_profiles, tax_rules, exchange_rates, subscriptions,
  invoices, invoice_lines, invoice_taxes, billing_charges, billing_runs TO astranetix_app;
GRANT SELECT, INSERT, UPDATE ON invoice_counters TO astranetix_app;

-- ISP-wide rows: the tenant sees its own.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['billing_settings', 'tax_rules', 'exchange_rates', 'invoice_lines', 'invoice_taxes',
                           'invoice_counters', 'billing_runs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id())) WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))', t || '_tenant', t);
  END LOOP;
END $$;

-- Rows that belong to a subscriber's branch: branch staff see their subtree, like subscribers.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['billing_profiles', 'subscriptions', 'invoices', 'billing_charges'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[])))) WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))', t || '_tenant', t);
  END LOOP;
END $$;
