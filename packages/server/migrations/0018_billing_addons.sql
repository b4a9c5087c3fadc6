-- Add-ons, coupons and deposits (issue #5, "Subscriptions").
--
-- Add-ons: the ISP's catalogue (static IP, data pack, speed booster, ...) and what is attached
-- to a subscription. Recurring ones become lines of every cycle invoice (pro-rated for the days
-- they were attached), one-off ones a line of the next invoice. The attached row copies the
-- price, so editing the catalogue never changes what a subscriber already agreed to.
--
-- Coupons: codes per ISP, percent or a fixed amount in the ISP's currency, with limits. The
-- total limit is enforced by one conditional UPDATE of redeemed_count (the row lock makes
-- concurrent redemptions queue, the CHECK makes an overshoot impossible even so).
--
-- Deposits: money held for the subscriber (equipment, security): a liability, never an invoice
-- line or revenue; returned to the wallet or refunded.

CREATE TABLE billing_addons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text,
  kind text NOT NULL CHECK (kind IN ('static_ip', 'data_pack', 'speed_boost', 'other')),
  billing text NOT NULL CHECK (billing IN ('one_off', 'recurring')),
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  currency char(3) NOT NULL,
  taxable boolean NOT NULL DEFAULT true,
  -- Data packs: bytes added to the plan's quota for the billing cycle (overage is charged beyond it).
  data_bytes bigint CHECK (data_bytes > 0),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'data_pack' OR data_bytes IS NOT NULL)
);
CREATE UNIQUE INDEX billing_addons_name_key ON billing_addons (isp_id, lower(name));

CREATE TABLE subscription_addons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  subscription_id uuid NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  addon_id uuid NOT NULL REFERENCES billing_addons(id) ON DELETE RESTRICT,
  name text NOT NULL,
  kind text NOT NULL,
  billing text NOT NULL CHECK (billing IN ('one_off', 'recurring')),
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  currency char(3) NOT NULL,
  taxable boolean NOT NULL,
  data_bytes bigint,
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 1000),
  -- [start_date, end_date): the days billed; end_date NULL while attached.
  start_date date NOT NULL,
  end_date date,
  -- One-off add-ons: the invoice that billed it (NULL = on the next invoice).
  invoice_id uuid REFERENCES invoices(id) ON DELETE SET NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX subscription_addons_sub_idx ON subscription_addons (subscription_id, start_date);

CREATE TABLE coupons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9_-]{3,32}$'),
  description text,
  kind text NOT NULL CHECK (kind IN ('percent', 'fixed')),
  percent numeric(7, 4) CHECK (percent > 0 AND percent <= 100),
  -- Fixed coupons: minor units of the ISP's currency, converted on each invoice at the day's rate.
  amount_minor bigint CHECK (amount_minor > 0),
  currency char(3),
  max_redemptions integer CHECK (max_redemptions > 0),
  max_per_subscriber integer NOT NULL DEFAULT 1 CHECK (max_per_subscriber > 0),
  redeemed_count integer NOT NULL DEFAULT 0 CHECK (redeemed_count >= 0),
  valid_from date,
  valid_to date,
  -- Invoices a redemption discounts; NULL: every invoice while the subscription lasts.
  cycles integer CHECK (cycles > 0),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'percent' AND percent IS NOT NULL AND amount_minor IS NULL) OR (kind = 'fixed' AND amount_minor IS NOT NULL AND currency IS NOT NULL AND percent IS NULL)),
  CHECK (max_redemptions IS NULL OR redeemed_count <= max_redemptions),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX coupons_code_key ON coupons (isp_id, code);

CREATE TABLE coupon_redemptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  coupon_id uuid NOT NULL REFERENCES coupons(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  subscription_id uuid NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  cycles_total integer,
  cycles_used integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'used_up', 'cancelled')),
  last_invoice_id uuid REFERENCES invoices(id) ON DELETE SET NULL,
  redeemed_by uuid,
  redeemed_at timestamptz NOT NULL DEFAULT now(),
  CHECK (cycles_total IS NULL OR cycles_used <= cycles_total)
);
CREATE INDEX coupon_redemptions_sub_idx ON coupon_redemptions (subscription_id) WHERE status = 'active';
CREATE INDEX coupon_redemptions_coupon_idx ON coupon_redemptions (coupon_id, subscriber_id);

CREATE TABLE deposits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE RESTRICT,
  description text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency char(3) NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'cheque', 'card', 'other')),
  reference text,
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'returned_to_wallet', 'refunded')),
  received_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz,
  release_note text,
  created_by uuid,
  released_by uuid,
  CHECK ((status = 'held') = (released_at IS NULL))
);
CREATE INDEX deposits_subscriber_idx ON deposits (isp_id, subscriber_id, received_at DESC);

-- Invoice lines of the new kinds: an add-on and a discount (negative, taxed like what it discounts).
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check
  CHECK (kind IN ('plan', 'proration', 'one_time', 'overage', 'adjustment', 'credit', 'addon', 'discount'));

GRANT SELECT, INSERT, UPDATE, DELETE ON billing_addons, subscription_addons, coupons, coupon_redemptions, deposits TO astranetix_app;

-- ISP-wide rows: the tenant sees its own.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['billing_addons', 'coupons'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id())) WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))', t || '_tenant', t);
  END LOOP;
END $$;

-- Rows that belong to a subscriber's branch: branch staff see their subtree, like subscribers.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['subscription_addons', 'coupon_redemptions', 'deposits'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[])))) WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))', t || '_tenant', t);
  END LOOP;
END $$;
