-- An ISP's portal by request host: its custom domain first, then {slug}.{platform domain}.
CREATE OR REPLACE FUNCTION public_isp_branding_by_host(p_host text, p_platform_domain text) RETURNS TABLE (
  id uuid, slug text, display_name text, logo_url text, primary_color text, secondary_color text,
  default_locale text, status text, timezone text, currency text, custom_domain text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM public_isp_branding(
    CASE WHEN right(lower(p_host), length(p_platform_domain) + 1) = '.' || lower(p_platform_domain)
         THEN nullif(left(lower(p_host), length(p_host) - length(p_platform_domain) - 1), '') END,
    lower(p_host)) $$;
GRANT EXECUTE ON FUNCTION public_isp_branding_by_host(text, text) TO astranetix_app;
