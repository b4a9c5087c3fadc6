-- The chain is computed in the database, under a per-chain lock, so no writer can skip it
-- and two concurrent writers cannot fork it; seq is drawn under the lock so that seq order
-- is chain order.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit_log:' || coalesce(NEW.isp_id::text, 'platform')));
  SELECT a.hash INTO prev FROM audit_log a WHERE a.isp_id IS NOT DISTINCT FROM NEW.isp_id ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := nextval('audit_log_seq');
  NEW.prev_hash := coalesce(prev, repeat('0', 64));
  NEW.hash := audit_row_hash(NEW);
  RETURN NEW;
END $$;
GRANT EXECUTE ON FUNCTION audit_log_chain() TO astranetix_app;
