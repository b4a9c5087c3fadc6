-- Payments across currencies, value cards into the wallet, and the daily billing-run schedule.

-- An allocation now records both sides of a conversion: `amount` stays in the currency of the
-- money (the payment's, or the wallet's) and `invoice_amount` is what the invoice received, in
-- the invoice's currency, at `exchange_rate` (1 money unit = rate invoice units) of `rate_date`,
-- from `rate_source` (manual, ecb, or how it was derived: inverse, cross through EUR).
-- Same-currency allocations carry rate 1 and no date. `payment_id` is empty for wallet credit
-- that came from no payment (a value card, a returned deposit).
ALTER TABLE payment_allocations
  ADD COLUMN currency char(3),
  ADD COLUMN invoice_amount bigint,
  ADD COLUMN invoice_currency char(3),
  ADD COLUMN exchange_rate numeric(24, 10) NOT NULL DEFAULT 1 CHECK (exchange_rate > 0),
  ADD COLUMN rate_date date,
  ADD COLUMN rate_source text;
UPDATE payment_allocations a SET currency = p.currency, invoice_currency = i.currency, invoice_amount = a.amount
  FROM payments p, invoices i WHERE p.id = a.payment_id AND i.id = a.invoice_id;
ALTER TABLE payment_allocations
  ALTER COLUMN currency SET NOT NULL,
  ALTER COLUMN invoice_amount SET NOT NULL,
  ALTER COLUMN invoice_currency SET NOT NULL,
  ALTER COLUMN payment_id DROP NOT NULL,
  -- A conversion can round a tiny reversal to nothing on the invoice side; in one currency both sides are equal.
  ADD CONSTRAINT payment_allocations_same_currency CHECK (currency <> invoice_currency OR (invoice_amount = amount AND exchange_rate = 1)),
  ADD CONSTRAINT payment_allocations_rate_dated CHECK (currency = invoice_currency OR (rate_date IS NOT NULL AND rate_source IS NOT NULL));

-- A value card (a face value, no plan, no validity) is money for the wallet; recharge cards
-- that give days of service still need their validity. A redeemed value card credits the
-- wallet once: the unique index is the single-use guarantee.
ALTER TABLE voucher_batches DROP CONSTRAINT voucher_batches_check1;
ALTER TABLE voucher_batches ADD CONSTRAINT voucher_batches_validity_check
  CHECK (kind = 'hotspot' OR validity_days IS NOT NULL OR (plan_id IS NULL AND value_minor > 0));
ALTER TABLE wallet_entries DROP CONSTRAINT wallet_entries_kind_check;
ALTER TABLE wallet_entries ADD CONSTRAINT wallet_entries_kind_check CHECK (kind IN ('overpayment', 'allocation', 'refund', 'adjustment', 'voucher'));
ALTER TABLE wallet_entries ADD COLUMN voucher_card_id uuid REFERENCES voucher_cards(id) ON DELETE RESTRICT;
CREATE UNIQUE INDEX wallet_entries_voucher_key ON wallet_entries (voucher_card_id) WHERE voucher_card_id IS NOT NULL;
ALTER TABLE wallet_entries ADD CONSTRAINT wallet_entries_voucher_kind CHECK ((kind = 'voucher') = (voucher_card_id IS NOT NULL));

-- The automatic billing run: daily at `auto_run_hour` in the ISP's time zone unless switched off.
ALTER TABLE billing_settings
  ADD COLUMN auto_run_enabled boolean NOT NULL DEFAULT true,
  ADD COLUMN auto_run_hour smallint NOT NULL DEFAULT 2 CHECK (auto_run_hour BETWEEN 0 AND 23);

-- One scheduled run per ISP and local day, whatever number of worker processes tick at once:
-- the loser of the insert race gets no row back and runs nothing.
ALTER TABLE billing_runs ADD COLUMN trigger text NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'schedule'));
CREATE UNIQUE INDEX billing_runs_schedule_day_key ON billing_runs (isp_id, as_of) WHERE trigger = 'schedule';
