-- The AAA engine's batch writes as single statements. A batch of accounting used to be a
-- scoped transaction of seven round trips (BEGIN and scope, lock, upsert, leases, two rollups,
-- COMMIT); as one autocommitted call it is one round trip and one commit, which is what the
-- latency of an Accounting-Response is made of at low concurrency.
--
-- These are system writes across tenants (the AAA engine serves every ISP). They raise the
-- platform flag for their own statement only, and only the owner may call them: EXECUTE is
-- revoked from PUBLIC, so the app role that tenant requests run as cannot.
--
-- Rows are locked and upserted in one order, session id for sessions and (subscriber, period)
-- for the rollups, so two concurrent batches wait for each other instead of deadlocking; the
-- writer sends the batch sorted by session id, so the insert follows it too.
--
-- A batch may hold records older than what the table already has (accounting acknowledged
-- from the journal on disk and applied a moment later, or retried): counters and times take
-- the greatest, and the IP lease follows the row, so a late Start cannot hold an address for a
-- session that has ended.
CREATE OR REPLACE FUNCTION aaa_apply_accounting(
  p_isp uuid[], p_sub uuid[], p_nas uuid[], p_username text[], p_session text[], p_uid text[], p_nas_ip inet[],
  p_nas_port bigint[], p_nas_port_id text[], p_nas_port_type text[], p_framed_ip inet[], p_framed_ipv6 text[],
  p_calling text[], p_called text[], p_service text[], p_start timestamptz[], p_at timestamptz[], p_stop timestamptz[],
  p_session_time bigint[], p_in bigint[], p_out bigint[], p_interim int[], p_cause text[], p_class text[])
RETURNS TABLE (uid text, delta bigint)
LANGUAGE plpgsql SET search_path = public AS $$
#variable_conflict use_column
DECLARE
  v_prev_uid text[];
  v_prev_total bigint[];
BEGIN
  PERFORM set_config('app.platform', 'on', true);
  -- The counters before this batch, locked so that two AAA processes add each delta once.
  SELECT coalesce(array_agg(x.acct_unique_id), '{}'), coalesce(array_agg(x.total), '{}') INTO v_prev_uid, v_prev_total
  FROM (SELECT s.acct_unique_id, s.input_octets + s.output_octets AS total FROM radius_sessions s
        WHERE s.acct_unique_id = ANY (p_uid) ORDER BY s.acct_unique_id FOR UPDATE) x;

  INSERT INTO radius_sessions (isp_id, subscriber_id, nas_id, username, acct_session_id, acct_unique_id, nas_ip, nas_port, nas_port_id,
    nas_port_type, framed_ip, framed_ipv6_prefix, calling_station_id, called_station_id, service_type, start_time, update_time, stop_time,
    session_time, input_octets, output_octets, interim_interval, terminate_cause, class)
  SELECT * FROM unnest(p_isp, p_sub, p_nas, p_username, p_session, p_uid, p_nas_ip, p_nas_port, p_nas_port_id, p_nas_port_type,
    p_framed_ip, p_framed_ipv6, p_calling, p_called, p_service, p_start, p_at, p_stop, p_session_time, p_in, p_out, p_interim, p_cause, p_class)
  ON CONFLICT (acct_unique_id) DO UPDATE SET
    update_time = greatest(radius_sessions.update_time, excluded.update_time),
    stop_time = coalesce(radius_sessions.stop_time, excluded.stop_time),
    session_time = greatest(radius_sessions.session_time, excluded.session_time),
    input_octets = greatest(radius_sessions.input_octets, excluded.input_octets),
    output_octets = greatest(radius_sessions.output_octets, excluded.output_octets),
    framed_ip = coalesce(excluded.framed_ip, radius_sessions.framed_ip),
    terminate_cause = coalesce(radius_sessions.terminate_cause, excluded.terminate_cause),
    subscriber_id = coalesce(radius_sessions.subscriber_id, excluded.subscriber_id);

  -- IP leases: a running session holds its address for good; a stopped one gives it back.
  -- A Start or Interim that arrives after its session's Stop (applied late from the journal,
  -- or retried) must not bind the address again: the row says whether the session is over.
  UPDATE ip_leases l SET acct_unique_id = s.uid, expires_at = 'infinity'
  FROM unnest(p_isp, p_framed_ip, p_uid, p_stop) AS s(isp_id, ip, uid, stopped)
  JOIN radius_sessions r ON r.acct_unique_id = s.uid AND r.stop_time IS NULL
  WHERE s.ip IS NOT NULL AND s.stopped IS NULL AND l.isp_id = s.isp_id AND l.ip = s.ip
    AND (l.acct_unique_id IS NULL OR l.acct_unique_id = s.uid);
  DELETE FROM ip_leases l USING unnest(p_uid, p_stop) AS s(uid, stopped)
  WHERE s.stopped IS NOT NULL AND l.acct_unique_id = s.uid;

  -- Traffic since the previous record of each session, split between directions in proportion
  -- to the session's counters, added to the UTC hour and day it was reported in.
  RETURN QUERY
  WITH d AS (
    SELECT i.uid, i.isp, i.sub, date_trunc('hour', i.at AT TIME ZONE 'UTC') AS hour, x.delta,
           CASE WHEN i.inp + i.outp > 0 THEN round(x.delta::numeric * i.inp / (i.inp + i.outp))::bigint ELSE 0 END AS di
    FROM unnest(p_uid, p_isp, p_sub, p_at, p_in, p_out) AS i(uid, isp, sub, at, inp, outp)
    LEFT JOIN unnest(v_prev_uid, v_prev_total) AS p(uid, total) ON p.uid = i.uid
    CROSS JOIN LATERAL (SELECT greatest(0, i.inp + i.outp - coalesce(p.total, 0)) AS delta) x),
  hourly AS (
    INSERT INTO usage_hourly (isp_id, subscriber_id, hour, input_octets, output_octets)
    SELECT d.isp, d.sub, d.hour AT TIME ZONE 'UTC', sum(d.di), sum(d.delta - d.di) FROM d
    WHERE d.sub IS NOT NULL AND d.delta > 0 GROUP BY d.isp, d.sub, d.hour ORDER BY d.sub, d.hour
    ON CONFLICT (subscriber_id, hour) DO UPDATE SET input_octets = usage_hourly.input_octets + excluded.input_octets,
      output_octets = usage_hourly.output_octets + excluded.output_octets),
  daily AS (
    INSERT INTO usage_daily (isp_id, subscriber_id, day, input_octets, output_octets)
    SELECT d.isp, d.sub, d.hour::date, sum(d.di), sum(d.delta - d.di) FROM d
    WHERE d.sub IS NOT NULL AND d.delta > 0 GROUP BY d.isp, d.sub, d.hour::date ORDER BY d.sub, d.hour::date
    ON CONFLICT (subscriber_id, day) DO UPDATE SET input_octets = usage_daily.input_octets + excluded.input_octets,
      output_octets = usage_daily.output_octets + excluded.output_octets)
  SELECT d.uid, d.delta FROM d;
END $$;
REVOKE EXECUTE ON FUNCTION aaa_apply_accounting(uuid[], uuid[], uuid[], text[], text[], text[], inet[], bigint[], text[], text[], inet[], text[],
  text[], text[], text[], timestamptz[], timestamptz[], timestamptz[], bigint[], bigint[], bigint[], int[], text[], text[]) FROM PUBLIC;
