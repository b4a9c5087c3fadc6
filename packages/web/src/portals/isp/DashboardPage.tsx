import { useState } from 'react';
import { Box, Grid } from '@mui/material';
import { api } from '../../api/client.ts';
import { useLive } from '../../api/live.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { LiveBadge } from '../../ui/LiveBadge.tsx';
import { ErrorAlert, Loading, PageHeader, StatCard, ok, useLoad } from '../../ui/common.tsx';
import { useIsp } from './context.ts';
import { DashboardView } from './DashboardView.tsx';

export default function DashboardPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, isp, can } = useIsp();
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
      {data ? <DashboardView data={data} /> : error ? null : <Loading />}
    </>
  );
}
