-- The post-auth log of the AAA engine, a batch per statement. A system write across tenants:
-- it raises the platform flag for its own statement only, and only the owner may call it.
CREATE OR REPLACE FUNCTION aaa_log_postauth(
  p_isp uuid[], p_sub uuid[], p_nas uuid[], p_username text[], p_result text[], p_reason text[], p_method text[], p_calling text[],
  p_nas_ip inet[], p_at timestamptz[])
RETURNS void LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  PERFORM set_config('app.platform', 'on', true);
  INSERT INTO radius_postauth (isp_id, subscriber_id, nas_id, username, result, reason, auth_method, calling_station_id, nas_ip, created_at)
  SELECT * FROM unnest(p_isp, p_sub, p_nas, p_username, p_result, p_reason, p_method, p_calling, p_nas_ip, p_at);
END $$;
REVOKE EXECUTE ON FUNCTION aaa_log_postauth(uuid[], uuid[], uuid[], text[], text[], text[], text[], text[], inet[], timestamptz[]) FROM PUBLIC;
