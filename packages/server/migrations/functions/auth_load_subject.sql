-- Login must find an account before any tenant is known: the SECURITY DEFINER auth_*
-- functions are the app role's only cross-tenant reads, and return only what login needs.
CREATE OR REPLACE FUNCTION auth_load_subject(p_kind text, p_id uuid) RETURNS SETOF auth_subject
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM auth_subjects() s WHERE s.kind = p_kind AND s.id = p_id $$;
GRANT EXECUTE ON FUNCTION auth_load_subject(text, uuid) TO astranetix_app;
