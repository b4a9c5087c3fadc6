/** Subscriber self-service: their plan and status, their profile. Installable as a PWA. */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import HomeIcon from '@mui/icons-material/WifiOutlined';
import PersonIcon from '@mui/icons-material/PersonOutlined';
import RechargeIcon from '@mui/icons-material/ConfirmationNumberOutlined';
import UsageIcon from '@mui/icons-material/DataUsageOutlined';
import InvoiceIcon from '@mui/icons-material/ReceiptLongOutlined';
import PayIcon from '@mui/icons-material/PaymentsOutlined';
import SupportIcon from '@mui/icons-material/SupportAgentOutlined';
import { api } from '../../api/client.ts';
import { homeOf, useAuth } from '../../auth/AuthProvider.tsx';
import { useT } from '../../i18n/index.tsx';
import { AppShell } from '../../ui/AppShell.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../ui/common.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { SubscriberCtx } from './context.ts';

const Home = lazy(() => import('./HomePage.tsx'));
const Profile = lazy(() => import('./ProfilePage.tsx'));
const Recharge = lazy(() => import('./RechargePage.tsx'));
const Usage = lazy(() => import('./UsagePage.tsx'));
const Invoices = lazy(() => import('./InvoicesPage.tsx'));
const Pay = lazy(() => import('./PayPage.tsx'));
const Support = lazy(() => import('./SupportPage.tsx'));

export default function SubscriberPortal({ slug }: { slug: string }) {
  const t = useT();
  const { me } = useAuth();
  const id = me?.id ?? '';
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/user/{user_id}/dashboard', { params: { path: { user_id: id } } })), [id]);
  if (me && me.isp_slug !== slug) return <Navigate to={homeOf(me)} replace />;
  const base = `/t/${slug}/me`;
  const nav = [
    { to: base, label: t('self.myPlan'), icon: <HomeIcon />, end: true },
    { to: `${base}/recharge`, label: t('self.recharge'), icon: <RechargeIcon /> },
    { to: `${base}/usage`, label: t('self.usage'), icon: <UsageIcon /> },
    { to: `${base}/pay`, label: t('self.pay'), icon: <PayIcon /> },
    { to: `${base}/invoices`, label: t('self.invoices'), icon: <InvoiceIcon /> },
    { to: `${base}/support`, label: t('tickets.self.nav'), icon: <SupportIcon /> },
    { to: `${base}/profile`, label: t('self.profile'), icon: <PersonIcon /> },
  ];
  return (
    <AppShell nav={nav} portalLabel={t('portal.subscriber')} loginPath={`/t/${slug}/login`}>
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <SubscriberCtx.Provider value={{ ...data, reload }}>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route index element={<Home />} />
              <Route path="recharge" element={<Recharge onRecharged={() => void reload()} />} />
              <Route path="usage" element={<Usage />} />
              <Route path="pay" element={<Pay />} />
              <Route path="invoices" element={<Invoices />} />
              <Route path="support" element={<Support />} />
              <Route path="support/:ticketId" element={<Support />} />
              <Route path="profile" element={<Profile />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </SubscriberCtx.Provider>
      )}
    </AppShell>
  );
}
