/** The founder (platform owner) portal. */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import DashboardIcon from '@mui/icons-material/SpaceDashboardOutlined';
import IspIcon from '@mui/icons-material/LanOutlined';
import AddIcon from '@mui/icons-material/AddBusinessOutlined';
import PeopleIcon from '@mui/icons-material/AdminPanelSettingsOutlined';
import SecurityIcon from '@mui/icons-material/SecurityOutlined';
import MonitorIcon from '@mui/icons-material/MonitorHeartOutlined';
import BillingIcon from '@mui/icons-material/ReceiptLongOutlined';
import { useT } from '../../i18n/index.tsx';
import { AppShell } from '../../ui/AppShell.tsx';
import { Loading } from '../../ui/common.tsx';
import { NotFound } from '../../ui/NotFound.tsx';

const Dashboard = lazy(() => import('./reporting/DashboardPage.tsx'));
const Isps = lazy(() => import('./tenancy/IspsPage.tsx'));
const CreateIsp = lazy(() => import('./tenancy/CreateIspPage.tsx'));
const IspDetail = lazy(() => import('./tenancy/IspDetailPage.tsx'));
const SaasBilling = lazy(() => import('./platform-billing/SaasBillingPage.tsx'));
const Users = lazy(() => import('./identity/UsersPage.tsx'));
const System = lazy(() => import('./system/SystemPage.tsx'));
const Security = lazy(() => import('../../ui/SecurityPage.tsx'));

export default function FounderPortal() {
  const t = useT();
  const nav = [
    { to: '/founder', label: t('nav.dashboard'), icon: <DashboardIcon />, end: true },
    { to: '/founder/isps', label: t('nav.isps'), icon: <IspIcon />, end: true },
    { to: '/founder/isps/new', label: t('nav.createIsp'), icon: <AddIcon /> },
    { to: '/founder/billing', label: t('nav.saasBilling'), icon: <BillingIcon /> },
    { to: '/founder/users', label: t('nav.platformUsers'), icon: <PeopleIcon /> },
    { to: '/founder/system', label: t('nav.system'), icon: <MonitorIcon /> },
    { to: '/founder/security', label: t('nav.security'), icon: <SecurityIcon /> },
  ];
  return (
    <AppShell nav={nav} portalLabel={t('portal.founder')} loginPath="/login">
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Dashboard />} />
          <Route path="isps" element={<Isps />} />
          <Route path="isps/new" element={<CreateIsp />} />
          <Route path="isps/:ispId" element={<IspDetail />} />
          <Route path="billing" element={<SaasBilling />} />
          <Route path="users" element={<Users />} />
          <Route path="system" element={<System />} />
          <Route path="security" element={<Security />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
