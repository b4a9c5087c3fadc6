-- An API key is presented before its tenant is known: found by its public prefix.
CREATE OR REPLACE FUNCTION auth_find_api_key(p_prefix text) RETURNS TABLE (
  id uuid, isp_id uuid, key_hash text, scopes text[], expires_at timestamptz, revoked_at timestamptz, isp_status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.id, k.isp_id, k.key_hash, k.scopes, k.expires_at, k.revoked_at, i.status
  FROM api_keys k JOIN isps i ON i.id = k.isp_id WHERE k.prefix = p_prefix $$;
GRANT EXECUTE ON FUNCTION auth_find_api_key(text) TO astranetix_app;
