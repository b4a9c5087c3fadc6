import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { I18nProvider } from './i18n/index.tsx';
import { ThemeRoot, useBrand, PLATFORM_BRAND } from './ui/theme.tsx';
import { AuthProvider, homeOf, useAuth } from './auth/AuthProvider.tsx';
import { Loading } from './ui/common.tsx';
import { NotFound } from './ui/NotFound.tsx';
import { slugFromHost } from './tenant.ts';

const LoginPage = lazy(() => import('./ui/LoginPage.tsx'));
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

/** "/": the logged-in account's portal, else the ISP named by the host, else the platform login. */
function Home() {
  const { me, ready } = useAuth();
  if (!ready) return <Loading />;
  if (me) return <Navigate to={homeOf(me)} replace />;
  const slug = slugFromHost(window.location.hostname);
  return <Navigate to={slug ? `/t/${slug}/login` : '/login'} replace />;
}

export function RequireAuth({ kind, loginPath, children }: { kind: string | string[]; loginPath: string; children: ReactNode }) {
  const { me, ready } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!me) return <Navigate to={loginPath} replace state={{ from: location.pathname }} />;
  const kinds = Array.isArray(kind) ? kind : [kind];
  if (!kinds.includes(me.kind)) return <Navigate to={homeOf(me)} replace />;
  return <>{children}</>;
}
