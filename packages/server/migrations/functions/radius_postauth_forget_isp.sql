-- An ISP's post-auth log goes with the ISP (the log has no foreign key: migrations/0028);
-- runs as the owner, as the key's cascade did, whatever the deleting role's row policies.
CREATE OR REPLACE FUNCTION radius_postauth_forget_isp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM radius_postauth p USING old_isps o WHERE p.isp_id = o.id;
  RETURN NULL;
END $$;
