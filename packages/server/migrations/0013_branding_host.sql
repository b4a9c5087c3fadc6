-- Public branding gains the ISP's time zone and currency (the subscriber portal formats dates and
-- money with them before and after login) and its custom domain; a lookup by request host resolves
-- an ISP's portal: its custom domain first, then {slug}.{platform domain}.
DROP FUNCTION public_isp_branding(text, text);
CREATE FUNCTION public_isp_branding(p_slug text, p_domain text) RETURNS TABLE (
  id uuid, slug text, display_name text, logo_url text, primary_color text, secondary_color text,
  default_locale text, status text, timezone text, currency text, custom_domain text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, slug, display_name, logo_url, primary_color, secondary_color, default_locale, status, timezone, currency::text, custom_domain
  FROM isps WHERE (p_domain IS NOT NULL AND lower(custom_domain) = lower(p_domain)) OR slug = p_slug
  ORDER BY (p_domain IS NOT NULL AND lower(custom_domain) = lower(p_domain)) DESC LIMIT 1 $$;

CREATE FUNCTION public_isp_branding_by_host(p_host text, p_platform_domain text) RETURNS TABLE (
  id uuid, slug text, display_name text, logo_url text, primary_color text, secondary_color text,
  default_locale text, status text, timezone text, currency text, custom_domain text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM public_isp_branding(
    CASE WHEN right(lower(p_host), length(p_platform_domain) + 1) = '.' || lower(p_platform_domain)
         THEN nullif(left(lower(p_host), length(p_host) - length(p_platform_domain) - 1), '') END,
    lower(p_host)) $$;
GRANT EXECUTE ON FUNCTION public_isp_branding(text, text), public_isp_branding_by_host(text, text) TO astranetix_app;
