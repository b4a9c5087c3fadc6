/** The ISP portal (admins and staff) and, for branch managers, the branch portal: same pages, narrowed by role. */
import { lazy, Suspense, useMemo } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import DashboardIcon from '@mui/icons-material/SpaceDashboardOutlined';
import PeopleIcon from '@mui/icons-material/PeopleAltOutlined';
import PlansIcon from '@mui/icons-material/SpeedOutlined';
import BranchIcon from '@mui/icons-material/AccountTreeOutlined';
import StaffIcon from '@mui/icons-material/BadgeOutlined';
import KeyIcon from '@mui/icons-material/VpnKeyOutlined';
import SettingsIcon from '@mui/icons-material/SettingsOutlined';
import SecurityIcon from '@mui/icons-material/SecurityOutlined';
import SessionsIcon from '@mui/icons-material/WifiTetheringOutlined';
import RouterIcon from '@mui/icons-material/RouterOutlined';
import TestIcon from '@mui/icons-material/FactCheckOutlined';
import VoucherIcon from '@mui/icons-material/ConfirmationNumberOutlined';
import IncidentIcon from '@mui/icons-material/NotificationsActiveOutlined';
import RuleIcon from '@mui/icons-material/RuleOutlined';
import MaintenanceIcon from '@mui/icons-material/EngineeringOutlined';
import SlaIcon from '@mui/icons-material/VerifiedOutlined';
import LogIcon from '@mui/icons-material/ReceiptLongOutlined';
import TopologyIcon from '@mui/icons-material/HubOutlined';
import NocIcon from '@mui/icons-material/MonitorHeartOutlined';
import DeviceIcon from '@mui/icons-material/DnsOutlined';
import PaymentsIcon from '@mui/icons-material/PaymentsOutlined';
import BillingIcon from '@mui/icons-material/ReceiptLongOutlined';
import GatewayIcon from '@mui/icons-material/CreditCardOutlined';
import DunningIcon from '@mui/icons-material/NotificationsActiveOutlined';
import ReviewIcon from '@mui/icons-material/GppMaybeOutlined';
import TicketIcon from '@mui/icons-material/SupportAgentOutlined';
import SubscriptionIcon from '@mui/icons-material/WorkspacePremiumOutlined';
import { api } from '../../api/client.ts';
import { STAFF_ROLES } from '../../api/enums.ts';
import type { Permission } from '../../api/types.ts';
import { homeOf, useAuth } from '../../auth/AuthProvider.tsx';
import { FormatSettings, useT } from '../../i18n/index.tsx';
import { AppShell, type NavItem } from '../../ui/AppShell.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../ui/common.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { IspCtx, type IspScope } from './context.ts';

const IspDashboard = lazy(() => import('./reporting/DashboardPage.tsx'));
const BranchDashboard = lazy(() => import('../branch/BranchDashboardPage.tsx'));
const Subscribers = lazy(() => import('./subscribers/SubscribersPage.tsx'));
const SubscriberDetail = lazy(() => import('./subscribers/SubscriberPage.tsx'));
const Plans = lazy(() => import('./catalog/PlansPage.tsx'));
const Sessions = lazy(() => import('./aaa/SessionsPage.tsx'));
const NasDevices = lazy(() => import('./aaa/NasPage.tsx'));
const TestLogin = lazy(() => import('./aaa/TestLoginPage.tsx'));
const Branches = lazy(() => import('./tenancy/BranchesPage.tsx'));
const Staff = lazy(() => import('./identity/StaffPage.tsx'));
const ApiKeys = lazy(() => import('./identity/ApiKeysPage.tsx'));
const Settings = lazy(() => import('./tenancy/SettingsPage.tsx'));
const Security = lazy(() => import('../../ui/SecurityPage.tsx'));
const Vouchers = lazy(() => import('./vouchers/VouchersPage.tsx'));
const VoucherBatch = lazy(() => import('./vouchers/VoucherBatchPage.tsx'));
const NocDashboard = lazy(() => import('./noc/NocDashboardPage.tsx'));
const NocDevices = lazy(() => import('./noc/DevicesPage.tsx'));
const NocDevice = lazy(() => import('./noc/DevicePage.tsx'));
const NocIncidents = lazy(() => import('./noc/alerts/IncidentsPage.tsx'));
const NocTopology = lazy(() => import('./noc/alerts/TopologyPage.tsx'));
const NocRules = lazy(() => import('./noc/alerts/AlertRulesPage.tsx'));
const NocMaintenance = lazy(() => import('./noc/alerts/MaintenancePage.tsx'));
const NocSla = lazy(() => import('./noc/sla/SlaPage.tsx'));
const NocLogs = lazy(() => import('./noc/logs/LogsPage.tsx'));
const Billing = lazy(() => import('./billing/BillingPage.tsx'));
const Payments = lazy(() => import('./billing/payments/PaymentsPage.tsx'));
const FraudReview = lazy(() => import('./billing/payments/FraudReviewPage.tsx'));
const Gateways = lazy(() => import('./billing/payments/GatewaysPage.tsx'));
const Dunning = lazy(() => import('./billing/payments/DunningPage.tsx'));
const Tickets = lazy(() => import('./support/TicketsPage.tsx'));
const TicketDetail = lazy(() => import('./support/TicketPage.tsx'));
const Subscription = lazy(() => import('./platform-billing/SubscriptionPage.tsx'));

export default function StaffPortal({ slug, ispId }: { slug: string; ispId: string }) {
  const { me } = useAuth();
  const t = useT();
  const { data: isp, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}', { params: { path: { isp_id: ispId } } })), [ispId]);
  const role = me?.role ?? '';
  const base = `/t/${slug}`;
  const branchId = role === 'branch_manager' ? (me?.branch_id ?? null) : null;
  const permissions = useMemo(() => me?.permissions ?? [], [me]);
  const grantableRoles = useMemo(() => STAFF_ROLES.filter((r) => me?.grantable_roles.includes(r)), [me]);
  const can = (p: Permission) => permissions.includes(p);

  const scope = useMemo<IspScope | null>(
    () => (isp ? { isp, ispId, slug, role, permissions, grantableRoles, branchId, base, reloadIsp: reload } : null),
    [isp, ispId, slug, role, permissions, grantableRoles, branchId, base, reload],
  );

  if (me && me.kind === 'user' && me.isp_slug !== slug) return <Navigate to={homeOf(me)} replace />;

  const nav: NavItem[] = [
    { to: base, label: t('nav.dashboard'), icon: <DashboardIcon />, end: true },
    ...(can('subscriber:read') ? [{ to: `${base}/subscribers`, label: t('nav.subscribers'), icon: <PeopleIcon /> }] : []),
    ...(can('ticket:read') ? [{ to: `${base}/tickets`, label: t('tickets.title'), icon: <TicketIcon /> }] : []),
    ...(can('subscriber:read') ? [{ to: `${base}/sessions`, label: t('nav.sessions'), icon: <SessionsIcon /> }] : []),
    ...(can('plan:read') ? [{ to: `${base}/plans`, label: t('nav.plans'), icon: <PlansIcon /> }] : []),
    ...(can('billing:read') ? [{ to: `${base}/vouchers`, label: t('nav.vouchers'), icon: <VoucherIcon /> }] : []),
    ...(can('branch:read') ? [{ to: `${base}/branches`, label: t('nav.branches'), icon: <BranchIcon /> }] : []),
    ...(can('nas:read') ? [{ to: `${base}/nas`, label: t('nav.nas'), icon: <RouterIcon /> }] : []),
    // NOC: alerts, incidents, rules, maintenance, SLA, logs and the map (noc:read; changes need noc:manage).
    ...(can('noc:read') ? [
      { to: `${base}/noc`, label: t('noc.nav.dashboard'), icon: <NocIcon />, end: true },
      { to: `${base}/noc/devices`, label: t('noc.nav.devices'), icon: <DeviceIcon /> },
      { to: `${base}/noc/incidents`, label: t('noca.nav.incidents'), icon: <IncidentIcon /> },
      { to: `${base}/noc/topology`, label: t('noca.nav.topology'), icon: <TopologyIcon /> },
      { to: `${base}/noc/rules`, label: t('noca.nav.rules'), icon: <RuleIcon /> },
      { to: `${base}/noc/maintenance`, label: t('noca.nav.maintenance'), icon: <MaintenanceIcon /> },
      { to: `${base}/noc/sla`, label: t('noca.nav.sla'), icon: <SlaIcon /> },
      { to: `${base}/noc/logs`, label: t('noca.nav.logs'), icon: <LogIcon /> },
    ] : []),
    ...(can('aaa:test_login') ? [{ to: `${base}/test-login`, label: t('nav.testLogin'), icon: <TestIcon /> }] : []),
    ...(can('billing:read') ? [{ to: `${base}/billing`, label: t('nav.billing'), icon: <BillingIcon /> }] : []),
    ...(can('billing:read') ? [{ to: `${base}/payments`, label: t('nav.payments'), icon: <PaymentsIcon /> }] : []),
    ...(can('billing:read') ? [{ to: `${base}/fraud-review`, label: t('nav.fraudReview'), icon: <ReviewIcon /> }] : []),
    ...(can('billing:read') && !branchId ? [{ to: `${base}/payment-gateways`, label: t('nav.gateways'), icon: <GatewayIcon /> }] : []),
    ...(can('billing:read') && !branchId ? [{ to: `${base}/dunning`, label: t('nav.dunning'), icon: <DunningIcon /> }] : []),
    ...(can('staff:read') ? [{ to: `${base}/staff`, label: t('nav.staff'), icon: <StaffIcon /> }] : []),
    ...(can('apikey:manage') ? [{ to: `${base}/api-keys`, label: t('nav.apiKeys'), icon: <KeyIcon /> }] : []),
    ...(can('isp:manage') ? [{ to: `${base}/subscription`, label: t('nav.subscription'), icon: <SubscriptionIcon /> }] : []),
    ...(can('isp:manage') ? [{ to: `${base}/settings`, label: t('nav.settings'), icon: <SettingsIcon /> }] : []),
    ...(me?.kind === 'user' ? [{ to: `${base}/security`, label: t('nav.security'), icon: <SecurityIcon /> }] : []),
  ];

  // The drawer's sections, by the path under the portal; a page not listed stays at the top.
  const sections: [string, string[]][] = [
    [t('nav.group.network'), ['/sessions', '/nas', '/test-login']],
    [t('nav.group.noc'), ['/noc']],
    [t('nav.group.billing'), ['/billing', '/payments', '/vouchers', '/fraud-review', '/payment-gateways', '/dunning']],
    [t('nav.group.organisation'), ['/branches', '/staff', '/api-keys', '/settings', '/subscription', '/security']],
  ];
  const grouped = nav.map((n) => ({ ...n, group: sections.find(([, paths]) => paths.some((p) => n.to.startsWith(`${base}${p}`)))?.[0] }))
    .sort((a, b) => sections.findIndex(([g]) => g === a.group) - sections.findIndex(([g]) => g === b.group));

  return (
    <AppShell nav={grouped} portalLabel={branchId ? t('portal.branch') : t('portal.isp')} loginPath={`${base}/login`}>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {!scope ? (
        error ? null : <Loading />
      ) : (
        <IspCtx.Provider value={scope}>
          <FormatSettings timeZone={scope.isp.timezone}>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route index element={branchId ? <BranchDashboard branchId={branchId} /> : <IspDashboard />} />
                {can('subscriber:read') ? <Route path="subscribers" element={<Subscribers />} /> : null}
                {can('subscriber:read') ? <Route path="subscribers/:id" element={<SubscriberDetail />} /> : null}
                {can('subscriber:read') ? <Route path="sessions" element={<Sessions />} /> : null}
                {can('ticket:read') ? <Route path="tickets" element={<Tickets />} /> : null}
                {can('ticket:read') ? <Route path="tickets/:id" element={<TicketDetail />} /> : null}
                {can('plan:read') ? <Route path="plans" element={<Plans />} /> : null}
                {can('nas:read') ? <Route path="nas" element={<NasDevices />} /> : null}
                {can('billing:read') ? <Route path="vouchers" element={<Vouchers />} /> : null}
                {can('billing:read') ? <Route path="vouchers/:batchId" element={<VoucherBatch />} /> : null}
                {can('noc:read') ? <Route path="noc" element={<NocDashboard />} /> : null}
                {can('noc:read') ? <Route path="noc/devices" element={<NocDevices />} /> : null}
                {can('noc:read') ? <Route path="noc/devices/:deviceId" element={<NocDevice />} /> : null}
                {can('noc:read') ? <Route path="noc/incidents" element={<NocIncidents />} /> : null}
                {can('noc:read') ? <Route path="noc/topology" element={<NocTopology />} /> : null}
                {can('noc:read') ? <Route path="noc/rules" element={<NocRules />} /> : null}
                {can('noc:read') ? <Route path="noc/maintenance" element={<NocMaintenance />} /> : null}
                {can('noc:read') ? <Route path="noc/sla" element={<NocSla />} /> : null}
                {can('noc:read') ? <Route path="noc/logs" element={<NocLogs />} /> : null}
                {can('aaa:test_login') ? <Route path="test-login" element={<TestLogin />} /> : null}
                {can('branch:read') ? <Route path="branches" element={<Branches />} /> : null}
                {can('branch:read') ? <Route path="branches/:branchId" element={<BranchDashboard />} /> : null}
                {can('billing:read') ? <Route path="billing/*" element={<Billing />} /> : null}
                {can('billing:read') ? <Route path="payments" element={<Payments />} /> : null}
                {can('billing:read') ? <Route path="fraud-review" element={<FraudReview />} /> : null}
                {can('billing:read') ? <Route path="payment-gateways" element={<Gateways />} /> : null}
                {can('billing:read') ? <Route path="dunning" element={<Dunning />} /> : null}
                {can('staff:read') ? <Route path="staff" element={<Staff />} /> : null}
                {can('apikey:manage') ? <Route path="api-keys" element={<ApiKeys />} /> : null}
                {can('isp:manage') ? <Route path="subscription" element={<Subscription />} /> : null}
                {can('isp:manage') ? <Route path="settings" element={<Settings />} /> : null}
                <Route path="security" element={<Security />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </FormatSettings>
        </IspCtx.Provider>
      )}
    </AppShell>
  );
}
