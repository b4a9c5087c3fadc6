-- The audit log is append-only, even for its owner.
CREATE OR REPLACE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
GRANT EXECUTE ON FUNCTION audit_log_immutable() TO astranetix_app;
