-- Login must find an account before any tenant is known: the SECURITY DEFINER auth_*
-- functions are the app role's only cross-tenant reads, and return only what login needs.
CREATE OR REPLACE FUNCTION auth_find_login(p_email text, p_isp_slug text) RETURNS SETOF auth_subject
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM auth_subjects() s WHERE lower(s.email) = lower(p_email)
    AND (s.kind <> 'subscriber' OR p_isp_slug IS NULL OR s.isp_slug = p_isp_slug)
  ORDER BY CASE s.kind WHEN 'founder' THEN 0 WHEN 'user' THEN 1 ELSE 2 END $$;
GRANT EXECUTE ON FUNCTION auth_find_login(text, text) TO astranetix_app;
