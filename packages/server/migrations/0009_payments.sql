-- Payments: counter and gateway payments, their allocation to invoices, refunds, the
-- subscriber wallet (a ledger), verified gateway webhooks, risk review and dunning.
-- Money is integer minor units of the row's currency (bigint). Tenant isolation by RLS,
-- like 0001/0002/0008.

-- Per-ISP gateway accounts. Keys and webhook secrets are sealed (platform/crypto/secret-box.ts)
-- and never leave the server; `config` holds the public part (publishable key, mode, URLs).
CREATE TABLE payment_gateways (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_]{1,31}$'),
  enabled boolean NOT NULL DEFAULT true,
  config jsonb NOT NULL DEFAULT '{}',
  secrets_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payment_gateways_key ON payment_gateways (isp_id, provider);

CREATE TABLE payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE RESTRICT,
  -- Receipt number, from isp_counters, given when the payment succeeds.
  number text,
  -- Counter methods, or 'gateway' with the provider that took it.
  method text NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'cheque', 'card', 'gateway')),
  provider text CHECK (provider ~ '^[a-z][a-z0-9_]{1,31}$'),
  status text NOT NULL CHECK (status IN ('pending', 'held', 'succeeded', 'failed', 'refunded', 'partially_refunded')),
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  amount_refunded bigint NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0),
  -- The gateway's id for it (PaymentIntent, Razorpay payment, PayPal order): idempotency key.
  gateway_reference text,
  -- Cheque number, bank transfer reference.
  reference text,
  -- Invoices the payer chose; NULL = oldest open first. Allocation happens when it succeeds.
  target_invoice_ids uuid[],
  -- Signals for risk scoring: a card fingerprint or payer account, and the payer's country.
  payer_fingerprint text,
  payer_country char(2),
  risk_score integer NOT NULL DEFAULT 0,
  risk_level text NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high')),
  risk_reasons jsonb NOT NULL DEFAULT '[]',
  reviewed_by uuid,
  reviewed_at timestamptz,
  review_note text,
  failure_reason text,
  notes text,
  received_by uuid,
  received_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (amount_refunded <= amount),
  CHECK ((method = 'gateway') = (provider IS NOT NULL))
);
CREATE UNIQUE INDEX payments_gateway_ref_key ON payments (isp_id, provider, gateway_reference) WHERE gateway_reference IS NOT NULL;
CREATE UNIQUE INDEX payments_number_key ON payments (isp_id, number) WHERE number IS NOT NULL;
CREATE INDEX payments_list_idx ON payments (isp_id, received_at DESC, id DESC);
CREATE INDEX payments_subscriber_idx ON payments (isp_id, subscriber_id, received_at DESC);
CREATE INDEX payments_fingerprint_idx ON payments (isp_id, payer_fingerprint, received_at) WHERE payer_fingerprint IS NOT NULL;
CREATE INDEX payments_held_idx ON payments (isp_id, received_at) WHERE status = 'held';

-- Append-only: a refund that takes money back from an invoice adds a negative row.
CREATE TABLE payment_allocations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  payment_id uuid NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
  invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE RESTRICT,
  amount bigint NOT NULL CHECK (amount <> 0),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_allocations_payment_idx ON payment_allocations (payment_id);
CREATE INDEX payment_allocations_invoice_idx ON payment_allocations (invoice_id);

CREATE TABLE refunds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  payment_id uuid NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  reason text,
  gateway_reference text,
  failure_reason text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id);
CREATE UNIQUE INDEX refunds_gateway_ref_key ON refunds (isp_id, gateway_reference) WHERE gateway_reference IS NOT NULL;

-- The wallet is a ledger: the balance is the sum of entries, per currency. Spending locks the
-- subscriber row first, so two spends cannot both see the same balance.
CREATE TABLE wallet_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE RESTRICT,
  currency char(3) NOT NULL,
  amount bigint NOT NULL CHECK (amount <> 0),
  kind text NOT NULL CHECK (kind IN ('overpayment', 'allocation', 'refund', 'adjustment')),
  payment_id uuid REFERENCES payments(id) ON DELETE RESTRICT,
  invoice_id uuid REFERENCES invoices(id) ON DELETE RESTRICT,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wallet_entries_subscriber_idx ON wallet_entries (isp_id, subscriber_id, created_at DESC);

-- Verified webhook deliveries. The unique key is what makes a replayed event a no-op.
CREATE TABLE gateway_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  provider text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  payment_id uuid REFERENCES payments(id) ON DELETE SET NULL,
  payload jsonb NOT NULL,
  outcome text,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX gateway_events_key ON gateway_events (isp_id, provider, event_id);

CREATE TABLE dunning_settings (
  isp_id uuid PRIMARY KEY REFERENCES isps(id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT false,
  -- Days before / after the due date on which a reminder goes out.
  reminder_days_before integer[] NOT NULL DEFAULT '{3}',
  reminder_days_after integer[] NOT NULL DEFAULT '{1,7}',
  -- Days after the due date before the subscriber is suspended.
  grace_days integer NOT NULL DEFAULT 10 CHECK (grace_days BETWEEN 0 AND 365),
  sms_enabled boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- SMS provider account per ISP (Twilio today), secrets sealed like gateway keys.
CREATE TABLE sms_providers (
  isp_id uuid PRIMARY KEY REFERENCES isps(id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_]{1,31}$'),
  config jsonb NOT NULL DEFAULT '{}',
  secrets_enc text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Each dunning step once: the unique key makes the job safe to re-run or run in two processes.
CREATE TABLE dunning_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  invoice_id uuid REFERENCES invoices(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('reminder', 'suspended', 'restored')),
  -- Days relative to the due date (negative = before).
  offset_days integer NOT NULL DEFAULT 0,
  channel text NOT NULL DEFAULT 'none' CHECK (channel IN ('email', 'sms', 'none')),
  outcome text NOT NULL DEFAULT 'done',
  detail text,
  restored_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dunning_actions_step_key ON dunning_actions (invoice_id, kind, offset_days, channel) WHERE kind <> 'restored';
CREATE INDEX dunning_actions_subscriber_idx ON dunning_actions (isp_id, subscriber_id, created_at DESC);
CREATE INDEX dunning_actions_open_suspension_idx ON dunning_actions (subscriber_id) WHERE kind = 'suspended' AND restored_at IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON payment_gateways, payments, refunds, dunning_settings, sms_providers, dunning_actions TO astranetix_app;
-- Ledgers and webhook records are append-only for the application.
GRANT SELECT, INSERT ON payment_allocations, wallet_entries TO astranetix_app;
GRANT SELECT, INSERT, UPDATE ON gateway_events TO astranetix_app;

-- ISP-wide rows: the tenant sees its own.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['payment_gateways', 'gateway_events', 'dunning_settings', 'sms_providers'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id())) WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))', t || '_tenant', t);
  END LOOP;
END $$;

-- Rows that belong to a subscriber's branch: branch staff see their subtree, like subscribers.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['payments', 'payment_allocations', 'refunds', 'wallet_entries', 'dunning_actions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[])))) WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))', t || '_tenant', t);
  END LOOP;
END $$;
