import { Link as RouterLink } from 'react-router-dom';
import { Card, CardContent, Grid, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { TimeBars } from '../../../ui/charts.tsx';
import { ErrorAlert, Loading, PageHeader, StatCard, ok, useLoad } from '../../../ui/common.tsx';
import { SaasMetricsSection } from '../platform-billing/SaasMetricsSection.tsx';
import GrowthForecastCard from '../../isp/forecast/GrowthForecastCard.tsx';

export default function FounderDashboardPage() {
  const t = useT();
  const fmt = useFormat();
  const { data, error, reload } = useLoad(async () => {
    const [dash, saas] = await Promise.all([api.GET('/api/founder/dashboard'), api.GET('/api/founder/platform-billing/metrics')]);
    return { ...ok(dash), saas: ok(saas) };
  }, []);
  return (
    <>
      <PageHeader title={t('founder.dashTitle')} subtitle={t('founder.dashSubtitle')} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('founder.ispsTotal')} value={fmt.number(data.isps.total)} tone="primary" hint={t('founder.ispsBreakdown', { a: data.isps.active, s: data.isps.suspended, t: data.isps.terminated })} /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('founder.ispsActive')} value={fmt.number(data.isps.active)} tone="success" /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('dash.subscribersTotal')} value={fmt.number(data.subscribers.total)} hint={t('founder.activeN', { n: fmt.number(data.subscribers.active) })} /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('founder.staff')} value={fmt.number(data.staff)} /></Grid>
          <SaasMetricsSection m={data.saas} />
          <GrowthForecastCard deps={[]} mrrLabel={t('forecast.growth.platformMrr')}
            load={async () => ok(await api.GET('/api/founder/forecast/growth', { params: { query: { months: 6 } } }))} />
          <Grid size={{ xs: 12, md: 8 }}>
            <Card sx={{ height: '100%' }}><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('dash.newPerDay')}</Typography>
              <TimeBars data={data.new_subscribers_per_day.map((d) => ({ label: fmt.day(d.day), value: d.count }))} title={t('dash.newPerDay')} />
            </CardContent></Card>
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Card sx={{ height: '100%' }}><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('founder.topIsps')}</Typography>
              {data.top_isps.length ? (
                <List dense disablePadding>
                  {data.top_isps.map((i, n) => (
                    <ListItem key={i.id} disableGutters secondaryAction={<Typography sx={{ fontWeight: 600 }}>{fmt.number(i.subscribers)}</Typography>}>
                      <ListItemText primary={<Link component={RouterLink} to={`/t/${i.slug}`} underline="hover">{`${n + 1}. ${i.display_name}`}</Link>} secondary={`/t/${i.slug}`} />
                    </ListItem>
                  ))}
                </List>
              ) : <Typography color="text.secondary">{t('common.none')}</Typography>}
            </CardContent></Card>
          </Grid>
        </Grid>
      )}
    </>
  );
}
