-- Public branding gains the ISP's time zone and currency and its custom domain, and a lookup by
-- request host resolves an ISP's portal (functions/public_isp_branding*.sql). The return type
-- changed, which CREATE OR REPLACE cannot do: the old function goes first (on a database that
-- had it), and the migrator creates the new one from its file.
DROP FUNCTION IF EXISTS public_isp_branding(text, text);
