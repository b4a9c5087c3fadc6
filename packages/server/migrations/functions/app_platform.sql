-- 'on' only on the founder's explicit, audited cross-tenant path and for system components.
CREATE OR REPLACE FUNCTION app_platform() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('app.platform', true), '') = 'on' $$;
GRANT EXECUTE ON FUNCTION app_platform() TO astranetix_app;
