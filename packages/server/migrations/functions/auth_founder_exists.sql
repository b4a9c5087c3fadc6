-- Whether the platform has its first founder yet (setup), readable before login.
CREATE OR REPLACE FUNCTION auth_founder_exists() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT EXISTS (SELECT 1 FROM founders) $$;
GRANT EXECUTE ON FUNCTION auth_founder_exists() TO astranetix_app;
