-- Check items (radcheck-style) per plan and per subscriber: conditions on the Access-Request
-- (Called-Station-Id =~ "^hotspot-", NAS-Port-Type == Ethernet) that must all hold for an accept.
ALTER TABLE subscription_plans ADD COLUMN radius_check jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(radius_check) = 'array');
ALTER TABLE subscribers ADD COLUMN radius_check jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(radius_check) = 'array');
