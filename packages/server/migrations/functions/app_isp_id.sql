-- The tenant the current transaction acts for (NULL outside a tenant context). Row-level
-- security policies call it as (SELECT app_isp_id()): an InitPlan evaluated once per query.
CREATE OR REPLACE FUNCTION app_isp_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.isp_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION app_isp_id() TO astranetix_app;
