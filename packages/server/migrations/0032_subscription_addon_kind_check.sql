-- A subscription's add-on copies its kind from the catalogue add-on (billing_addons.kind, which
-- has this CHECK since 0018), but the copy itself had none: the schema drift check found the
-- Drizzle definition allowing four kinds and the database any text. Every row written so far
-- came from a checked catalogue row, so the constraint holds for existing data.
ALTER TABLE subscription_addons
  ADD CONSTRAINT subscription_addons_kind_check CHECK (kind IN ('static_ip', 'data_pack', 'speed_boost', 'other'));
