import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { I18nProvider } from './i18n/index.tsx';
import { ThemeRoot, useBrand, PLATFORM_BRAND } from './ui/theme.tsx';
import { AuthProvider, homeOf, useAuth } from './auth/AuthProvider.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { Loading } from './ui/common.tsx';
import { NotFound } from './ui/NotFound.tsx';
import { resolveTenant } from './tenant.ts';
import { api } from './api/client.ts';

const LoginPage = lazy(() => import('./ui/LoginPage.tsx'));
const ResetPasswordPage = lazy(() => import('./ui/ResetPasswordPage.tsx'));
const FounderPortal = lazy(() => import('./portals/founder/FounderPortal.tsx'));
const TenantRoot = lazy(() => import('./portals/TenantRoot.tsx'));

export function App() {
  return (
    <I18nProvider>
      <ThemeRoot>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<Home />} />
                <Route path="/login" element={<PlatformBrand><LoginPage /></PlatformBrand>} />
                <Route path="/reset-password" element={<PlatformBrand><ResetPasswordPage /></PlatformBrand>} />
                <Route path="/founder/*" element={<RequireAuth kind="founder" loginPath="/login"><PlatformBrand><FounderPortal /></PlatformBrand></RequireAuth>} />
                <Route path="/t/:slug/*" element={<TenantRoot />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </ThemeRoot>
    </I18nProvider>
  );
}

function PlatformBrand({ children }: { children: ReactNode }) {
  const { setBrand } = useBrand();
  useEffect(() => {
    setBrand(PLATFORM_BRAND);
    document.title = PLATFORM_BRAND.name;
  }, [setBrand]);
  return <>{children}</>;
}

const ispByHost = async () => (await api.GET('/api/public/isp-by-host')).data?.slug ?? null;

/** "/": the logged-in account's portal, else the ISP named by the host (custom domain or {slug}.platform domain), else the platform login. */
function Home() {
  const { me, ready } = useAuth();
  const [slug, setSlug] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!ready || me) return;
    let live = true;
    void resolveTenant(window.location.hostname, window.location.pathname, ispByHost).then((s) => live && setSlug(s));
    return () => {
      live = false;
    };
  }, [ready, me]);
  if (!ready) return <Loading />;
  if (me) return <Navigate to={homeOf(me)} replace />;
  if (slug === undefined) return <Loading />;
  return <Navigate to={slug ? `/t/${slug}/login` : '/login'} replace />;
}
