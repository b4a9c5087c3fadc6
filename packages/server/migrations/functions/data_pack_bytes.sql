-- Data packs raise the monthly quota the AAA engine enforces live, not only the bytes billed.
-- A pack counts in the UTC calendar month of the quota check (the AAA engine's month):
-- a one-off pack in the month it starts, from its start day; a recurring pack in every month
-- it is attached, from its start day until its end_date (exclusive, as billed).
-- A set-returning SQL function so the planner inlines it into the caller's LATERAL join (the
-- AAA engine's preload reads every subscriber at once); SECURITY INVOKER, so RLS applies.
CREATE OR REPLACE FUNCTION data_pack_bytes(p_subscriber uuid, p_day date)
RETURNS TABLE (bytes bigint) LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(a.data_bytes * a.quantity), 0)::bigint
  FROM subscription_addons a
  WHERE a.subscriber_id = p_subscriber AND a.kind = 'data_pack' AND a.start_date <= p_day
    AND CASE WHEN a.billing = 'one_off' THEN a.start_date >= date_trunc('month', p_day)::date
             ELSE a.end_date IS NULL OR a.end_date > p_day END
$$;
GRANT EXECUTE ON FUNCTION data_pack_bytes(uuid, date) TO astranetix_app;
