-- Staff search subscribers by any part of name, e-mail, username, account number or phone:
-- a trigram index makes that an index scan instead of a scan of every row.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
\ir functions/subscriber_search_text.sql
CREATE INDEX subscribers_search_idx ON subscribers
  USING gin (subscriber_search_text(first_name, last_name, email, username, account_number, phone) gin_trgm_ops);
-- The indexed search under RLS: functions/search_subscriber_ids.sql.
