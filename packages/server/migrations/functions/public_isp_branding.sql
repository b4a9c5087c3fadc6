-- White label: the public login page and the subscriber portal need an ISP's branding, time
-- zone and currency (they format dates and money before and after login) from its slug or
-- custom domain; the custom domain wins.
CREATE OR REPLACE FUNCTION public_isp_branding(p_slug text, p_domain text) RETURNS TABLE (
  id uuid, slug text, display_name text, logo_url text, primary_color text, secondary_color text,
  default_locale text, status text, timezone text, currency text, custom_domain text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, slug, display_name, logo_url, primary_color, secondary_color, default_locale, status, timezone, currency::text, custom_domain
  FROM isps WHERE (p_domain IS NOT NULL AND lower(custom_domain) = lower(p_domain)) OR slug = p_slug
  ORDER BY (p_domain IS NOT NULL AND lower(custom_domain) = lower(p_domain)) DESC LIMIT 1 $$;
GRANT EXECUTE ON FUNCTION public_isp_branding(text, text) TO astranetix_app;
