-- Branch staff: the branch subtree they may see; NULL means the whole ISP.
CREATE OR REPLACE FUNCTION app_branch_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
$$ SELECT CASE WHEN coalesce(current_setting('app.branch_ids', true), '') = '' THEN NULL
               ELSE string_to_array(current_setting('app.branch_ids', true), ',')::uuid[] END $$;
GRANT EXECUTE ON FUNCTION app_branch_ids() TO astranetix_app;
