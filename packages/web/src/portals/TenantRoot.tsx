/** /t/{slug}/…: loads the ISP's public branding (also for its login page), then the staff or subscriber portal. */
import { lazy, useEffect } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { FormatSettings, preferredLocale, useI18n } from '../i18n/index.tsx';
import { Loading, ok, useLoad } from '../ui/common.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { useBrand } from '../ui/theme.tsx';
import { RequireAuth } from '../auth/RequireAuth.tsx';

const LoginPage = lazy(() => import('../ui/LoginPage.tsx'));
const ResetPasswordPage = lazy(() => import('../ui/ResetPasswordPage.tsx'));
const StaffPortal = lazy(() => import('./isp/StaffPortal.tsx'));
const SubscriberPortal = lazy(() => import('./subscriber/SubscriberPortal.tsx'));

export default function TenantRoot() {
  const { slug = '' } = useParams();
  const { setBrand } = useBrand();
  const { me } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const { data: isp, error, loading } = useLoad(async () => ok(await api.GET('/api/public/isp/{slug}', { params: { path: { slug } } })), [slug]);

  useEffect(() => {
    if (!isp) return;
    setBrand({ name: isp.display_name, logoUrl: isp.logo_url, primary: isp.primary_color, secondary: isp.secondary_color });
    document.title = isp.display_name;
    const meta = document.querySelector('meta[name="theme-color"]');
    if (meta) meta.setAttribute('content', isp.primary_color);
    if (isp.logo_url) document.querySelector('link[rel="icon"]')?.setAttribute('href', isp.logo_url);
  }, [isp, setBrand]);

  // Before login: the browser's preferred language, then the ISP's default.
  useEffect(() => {
    if (!isp || me) return;
    const l = preferredLocale(isp.default_locale);
    if (l !== locale) setLocale(l, false);
  }, [isp, me]);

  if (loading && !isp) return <Loading />;
  if (error || !isp) return <NotFound message={t('notFound.isp', { slug })} />;
  const loginPath = `/t/${slug}/login`;
  // Dates everywhere under the ISP's portal (the subscriber's too) are shown in the ISP's time zone.
  return (
    <FormatSettings timeZone={isp.timezone}>
      <Routes>
        <Route path="login" element={<LoginPage slug={slug} />} />
        <Route path="reset-password" element={<ResetPasswordPage slug={slug} />} />
        <Route path="me/*" element={<RequireAuth kind="subscriber" loginPath={loginPath}><SubscriberPortal slug={slug} /></RequireAuth>} />
        <Route path="*" element={<RequireAuth kind={['user', 'founder']} loginPath={loginPath}><StaffPortal slug={slug} ispId={isp.id} /></RequireAuth>} />
      </Routes>
    </FormatSettings>
  );
}
