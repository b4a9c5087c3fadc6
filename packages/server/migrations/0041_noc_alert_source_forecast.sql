-- Capacity warnings from the traffic forecast (intelligence) are NOC alerts of their own source,
-- so an operator can tell "the model says this link fills up" from an API-raised alert.
ALTER TABLE noc_alerts DROP CONSTRAINT noc_alerts_source_check;
ALTER TABLE noc_alerts ADD CONSTRAINT noc_alerts_source_check CHECK (source IN ('rule', 'log', 'api', 'flapping', 'anomaly', 'forecast'));
