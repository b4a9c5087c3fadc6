-- Under RLS the planner may not use the index for LIKE (the operator is not leakproof, so it
-- must run after the policy's filter). This function runs the indexed search as the owner,
-- but only within the caller's own ISP (app.isp_id, set by the same code that drives RLS);
-- the outer query still applies every policy, branch narrowing included.
CREATE OR REPLACE FUNCTION search_subscriber_ids(p_pattern text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id FROM subscribers
  WHERE isp_id = (SELECT app_isp_id())
    AND subscriber_search_text(first_name, last_name, email, username, account_number, phone) LIKE p_pattern $$;
GRANT EXECUTE ON FUNCTION search_subscriber_ids(text) TO astranetix_app;
