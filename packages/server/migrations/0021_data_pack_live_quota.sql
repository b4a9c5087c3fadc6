-- Data packs raise the monthly quota the AAA engine enforces live, not only the bytes billed:
-- a subscriber slowed to the fair-use speed who buys a pack gets the plan's speed back.
-- A pack counts in the UTC calendar month of the quota check (the AAA engine's month):
-- a one-off pack in the month it starts, from its start day; a recurring pack in every month
-- it is attached, from its start day until its end_date (exclusive, as billed).
CREATE INDEX subscription_addons_data_pack_idx ON subscription_addons (subscriber_id) WHERE kind = 'data_pack';
-- The live quota's data-pack bytes: functions/data_pack_bytes.sql.
