-- One row shape (auth_subject) for every kind of login: founder, staff, subscriber.
-- Runs with the caller's rights (RLS applies); only the SECURITY DEFINER auth_* functions widen it.
CREATE OR REPLACE FUNCTION auth_subjects() RETURNS SETOF auth_subject
LANGUAGE sql STABLE AS $$
  SELECT 'founder', f.id, NULL::uuid, NULL::text, NULL::uuid, 'founder', f.email, f.name, f.password_hash,
         f.mfa_enabled, f.mfa_secret_enc, f.recovery_code_hashes, f.status, 'active', false, NULL::text
  FROM founders f
  UNION ALL
  SELECT 'user', u.id, u.isp_id, i.slug, u.branch_id, u.role, u.email, u.name, u.password_hash,
         u.mfa_enabled, u.mfa_secret_enc, u.recovery_code_hashes, u.status, i.status, i.require_mfa,
         coalesce(u.locale, i.default_locale)
  FROM users u JOIN isps i ON i.id = u.isp_id
  UNION ALL
  SELECT 'subscriber', s.id, s.isp_id, i.slug, s.branch_id, 'subscriber', s.email, s.first_name || ' ' || s.last_name,
         s.portal_password_hash, false, NULL, '{}', s.status, i.status, false, coalesce(s.locale, i.default_locale)
  FROM subscribers s JOIN isps i ON i.id = s.isp_id WHERE s.portal_password_hash IS NOT NULL AND s.email IS NOT NULL $$;
GRANT EXECUTE ON FUNCTION auth_subjects() TO astranetix_app;
