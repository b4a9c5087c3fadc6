-- Prepaid vouchers: batches of printed cards, redeemed in the subscriber portal (recharge)
-- or used directly as a RADIUS login at a hotspot.
--
-- PINs: looked up by pin_hash = HMAC-SHA256(key derived from SECRET_KEY, PIN), so that a
-- redemption or an Access-Request is one index hit and a stolen database does not give the
-- PINs away. The PIN itself is also kept sealed (AES-256-GCM, secret-box) so that managers
-- with billing:manage can print the batch's sheet again (every print is audited).

CREATE TABLE voucher_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  -- Per ISP, from isp_counters: the prefix of every card's serial number ("0007-00042").
  number integer NOT NULL,
  name text NOT NULL,
  -- recharge: redeemed by a subscriber in the portal; hotspot: a RADIUS login of its own.
  kind text NOT NULL CHECK (kind IN ('recharge', 'hotspot')),
  card_count integer NOT NULL CHECK (card_count BETWEEN 1 AND 10000),
  pin_length integer NOT NULL CHECK (pin_length BETWEEN 11 AND 20),
  currency char(3) NOT NULL,
  value_minor bigint CHECK (value_minor >= 0),
  plan_id uuid REFERENCES subscription_plans(id) ON DELETE RESTRICT,
  price_minor bigint NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
  validity_days integer CHECK (validity_days BETWEEN 1 AND 3660),
  expires_at timestamptz,
  data_limit_bytes bigint CHECK (data_limit_bytes > 0),
  time_limit_s bigint CHECK (time_limit_s > 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  print_count integer NOT NULL DEFAULT 0,
  last_printed_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (value_minor IS NOT NULL OR plan_id IS NOT NULL),
  CHECK (kind = 'hotspot' OR validity_days IS NOT NULL)
);
CREATE UNIQUE INDEX voucher_batches_number_key ON voucher_batches (isp_id, number);
CREATE INDEX voucher_batches_list_idx ON voucher_batches (isp_id, created_at DESC, id DESC);

CREATE TABLE voucher_cards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  batch_id uuid NOT NULL REFERENCES voucher_batches(id) ON DELETE CASCADE,
  -- The batch's branch, copied so that RLS narrows branch staff without a join.
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  serial text NOT NULL,
  pin_hash text NOT NULL,
  pin_enc text NOT NULL,
  -- Stored states; "expired" is derived from the expiry dates when read.
  status text NOT NULL DEFAULT 'unused' CHECK (status IN ('unused', 'sold', 'used', 'disabled')),
  sold_at timestamptz,
  sold_by uuid,
  sold_branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
  used_at timestamptz,
  used_by_subscriber_id uuid REFERENCES subscribers(id) ON DELETE SET NULL,
  -- Hotspot cards: the Calling-Station-Id of the first session; other devices are refused.
  used_mac text,
  -- Set at first use: used_at + validity, capped by the batch expiry.
  expires_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX voucher_cards_pin_key ON voucher_cards (isp_id, pin_hash);
CREATE UNIQUE INDEX voucher_cards_serial_key ON voucher_cards (isp_id, serial);
CREATE INDEX voucher_cards_batch_idx ON voucher_cards (batch_id, serial);

-- A hotspot card's traffic and time are its sessions' (User-Name = the PIN, no subscriber):
-- this partial index keeps that sum an index scan without touching subscribers' sessions.
CREATE INDEX radius_sessions_voucher_idx ON radius_sessions (isp_id, upper(username)) WHERE subscriber_id IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON voucher_batches, voucher_cards TO astranetix_app;

ALTER TABLE voucher_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE voucher_batches FORCE ROW LEVEL SECURITY;
CREATE POLICY voucher_batches_tenant ON voucher_batches
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));
ALTER TABLE voucher_cards ENABLE ROW LEVEL SECURITY;
ALTER TABLE voucher_cards FORCE ROW LEVEL SECURITY;
CREATE POLICY voucher_cards_tenant ON voucher_cards
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));
