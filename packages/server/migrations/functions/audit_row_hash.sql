-- The hash of one audit row over all its fields and its predecessor's hash (audit_log_chain);
-- `audit-verify` recomputes it for every row.
CREATE OR REPLACE FUNCTION audit_row_hash(a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f', a.prev_hash, a.seq::text, a.id::text,
    coalesce(a.isp_id::text, ''), a.actor_kind, coalesce(a.actor_id::text, ''), coalesce(a.actor_email, ''),
    a.action, a.entity_type, coalesce(a.entity_id, ''), coalesce(a.before::text, ''), coalesce(a.after::text, ''),
    coalesce(a.ip, ''), coalesce(a.user_agent, ''),
    to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')), 'hex') $$;
GRANT EXECUTE ON FUNCTION audit_row_hash(audit_log) TO astranetix_app;
