import { useState } from 'react';
import { Box, Grid } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useLive } from '../../../api/live.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { LiveBadge } from '../../../ui/LiveBadge.tsx';
import { ErrorAlert, Loading, PageHeader, StatCard, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { DashboardView } from './DashboardView.tsx';
import { AlertSummary } from '../noc/AlertSummary.tsx';
import { RevenueTrend } from './RevenueTrend.tsx';
import GrowthForecastCard from '../forecast/GrowthForecastCard.tsx';
import { ChurnOverviewCard } from '../intelligence/ChurnOverviewCard.tsx';

export default function DashboardPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, isp, can, base } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/dashboard', { params: { path: { isp_id: ispId } } })), [ispId]);
  const sessionsAllowed = can('subscriber:read');
  const polled = useLoad(async () => (sessionsAllowed
    ? ok(await api.GET('/api/isp/{isp_id}/sessions', { params: { path: { isp_id: ispId }, query: { state: 'online', limit: 1 } } })).total
    : null), [ispId, sessionsAllowed]);
  const [pushed, setPushed] = useState<number | null>(null);
  const live = useLive(sessionsAllowed ? `/api/isp/${ispId}/live` : null, (e) => {
    if (e.event === 'sessions') setPushed(e.data.online);
  }, () => { setPushed(null); void polled.reload(); });
  const online = pushed ?? polled.data ?? null;
  // Revenue from the ISP's real invoices (billing staff and admins only).
  const billing = can('billing:read');
  const revenue = useLoad(async () => (billing ? ok(await api.GET('/api/isp/{isp_id}/billing/analytics', { params: { path: { isp_id: ispId } } })) : null), [ispId, billing]);
  // Alerts and incidents from the NOC (staff who may see the network).
  const nocAllowed = can('noc:read');
  const noc = useLoad(async () => (nocAllowed ? ok(await api.GET('/api/noc/{isp_id}/dashboard', { params: { path: { isp_id: ispId } } })) : null), [ispId, nocAllowed]);
  return (
    <>
      <PageHeader title={t('dash.title')} subtitle={isp.display_name} />
      <ErrorAlert error={error} onRetry={reload} />
      {sessionsAllowed && online !== null ? (
        <Grid container spacing={2} sx={{ mb: 2 }}>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <StatCard label={t('live.sessionsOnline')} value={<span data-testid="sessions-online">{fmt.number(online)}</span>} tone="success"
              hint={<Box component="span" sx={{ display: 'inline-block', mt: 0.5 }}><LiveBadge live={live} /></Box>} />
          </Grid>
        </Grid>
      ) : null}
      {revenue.data ? (
        <Grid container spacing={2} sx={{ mb: 2 }} data-testid="revenue">
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('dash.invoicedMonth')} value={fmt.money(revenue.data.invoiced_this_month, revenue.data.currency)} tone="primary" /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('dash.mrr')} value={fmt.money(revenue.data.mrr, revenue.data.currency)} /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('dash.outstanding')} value={fmt.money(revenue.data.outstanding, revenue.data.currency)} hint={t('dash.openInvoices', { count: revenue.data.open_invoices })} /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('dash.overdue')} value={fmt.money(revenue.data.overdue, revenue.data.currency)} tone={revenue.data.overdue ? 'error' : 'default'} hint={t('dash.overdueInvoices', { count: revenue.data.overdue_invoices })} /></Grid>
        </Grid>
      ) : null}
      {revenue.data ? <RevenueTrend data={revenue.data} /> : null}
      {billing ? (
        <Grid container spacing={2} sx={{ mb: 2 }} data-testid="growth-forecast">
          <GrowthForecastCard deps={[ispId]} mrrLabel={t('forecast.growth.mrr')}
            load={async () => ok(await api.GET('/api/ai/predict/growth/{tenant_id}', { params: { path: { tenant_id: ispId }, query: { months: 6 } } }))} />
        </Grid>
      ) : null}
      {noc.data ? <AlertSummary data={noc.data} base={base} /> : null}
      {sessionsAllowed ? <ChurnOverviewCard /> : null}
      {data ? <DashboardView data={data} /> : error ? null : <Loading />}
    </>
  );
}
