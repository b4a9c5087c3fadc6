/** Figures of an ISP or a branch subtree: status counts, new subscribers per day, by plan, by branch. */
import { Card, CardContent, Grid, Typography } from '@mui/material';
import type { IspDashboard } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { CategoryBars, TimeBars } from '../../../ui/charts.tsx';
import { StatCard } from '../../../ui/common.tsx';
import { TicketFigures } from '../support/TicketFigures.tsx';

export function DashboardView({ data }: { data: IspDashboard }) {
  const t = useT();
  const fmt = useFormat();
  const s = data.subscribers;
  const perDay = data.new_subscribers_per_day.map((d) => ({ label: fmt.day(d.day), value: d.count }));
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('dash.subscribersTotal')} value={fmt.number(s.total)} tone="primary" /></Grid>
      <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('status.active')} value={fmt.number(s.active)} tone="success" /></Grid>
      <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('status.suspended')} value={fmt.number(s.suspended)} tone="warning" /></Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <StatCard label={t('dash.expiredTerminated')} value={`${fmt.number(s.expired)} / ${fmt.number(s.terminated)}`} />
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Card sx={{ height: '100%' }}>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>{t('dash.newPerDay')}</Typography>
            <TimeBars data={perDay} title={t('dash.newPerDay')} />
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 4, md: 12 }}><StatCard label={t('nav.branches')} value={fmt.number(data.branches)} /></Grid>
          <Grid size={{ xs: 4, md: 12 }}><StatCard label={t('nav.staff')} value={fmt.number(data.staff)} /></Grid>
          <Grid size={{ xs: 4, md: 12 }}><StatCard label={t('nav.plans')} value={fmt.number(data.plans)} /></Grid>
        </Grid>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Card sx={{ height: '100%' }}>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>{t('dash.byPlan')}</Typography>
            <CategoryBars empty={t('common.none')} data={data.subscribers_by_plan.map((p) => ({ label: p.label ?? t('dash.noPlan'), value: p.count }))} />
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Card sx={{ height: '100%' }}>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>{t('dash.byBranch')}</Typography>
            <CategoryBars empty={t('common.none')} data={data.subscribers_by_branch.map((p) => ({ label: p.label ?? t('dash.noBranch'), value: p.count }))} />
          </CardContent>
        </Card>
      </Grid>
      <TicketFigures data={data.tickets} />
    </Grid>
  );
}
