-- Operator-defined reply attributes, as FreeRADIUS's radreply / radgroupreply allow:
-- [{"attribute": "Mikrotik-Group", "value": "pppoe-vip", "op": ":="}, ...]
-- ":=" replaces what the engine would send for that attribute, "+=" adds another value.
ALTER TABLE subscription_plans ADD COLUMN radius_reply jsonb NOT NULL DEFAULT '[]';
ALTER TABLE subscribers ADD COLUMN radius_reply jsonb NOT NULL DEFAULT '[]';
