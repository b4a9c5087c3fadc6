/** The support desk's figures on the ISP and branch dashboards: open, new today, overdue, and tickets opened per day. */
import { Link as RouterLink } from 'react-router-dom';
import { Box, Card, CardContent, Grid, Link, Typography } from '@mui/material';
import type { IspDashboard } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { TimeBars } from '../../../ui/charts.tsx';
import { StatCard } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';

export function TicketFigures({ data }: { data: IspDashboard['tickets'] }) {
  const t = useT();
  const fmt = useFormat();
  const { base, can } = useIsp();
  const link = (label: string, query: string) => (can('ticket:read')
    ? <Link component={RouterLink} to={`${base}/tickets${query}`} underline="hover">{label}</Link> : label);
  return (
    <Grid size={12}>
      <Card data-testid="ticket-figures">
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{link(t('tickets.dash.title'), '')}</Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 4 }}>
              <Grid container spacing={2}>
                <Grid size={{ xs: 4, md: 12 }}><StatCard label={t('tickets.dash.open')} value={fmt.number(data.open)} tone="primary" /></Grid>
                <Grid size={{ xs: 4, md: 12 }}><StatCard label={t('tickets.dash.newToday')} value={fmt.number(data.new_today)} /></Grid>
                <Grid size={{ xs: 4, md: 12 }}>
                  <StatCard label={t('tickets.overdue')} value={fmt.number(data.overdue)} tone={data.overdue ? 'error' : 'default'}
                    hint={link(t('tickets.dash.unassigned', { count: fmt.number(data.unassigned) }), '?assignee=none')} />
                </Grid>
              </Grid>
            </Grid>
            <Grid size={{ xs: 12, md: 8 }}>
              <Box>
                <Typography variant="subtitle2" component="h3" gutterBottom>{t('tickets.dash.perDay')}</Typography>
                <TimeBars data={data.opened_per_day.map((d) => ({ label: fmt.day(d.day), value: d.count }))} title={t('tickets.dash.perDay')} height={120} />
              </Box>
            </Grid>
          </Grid>
        </CardContent>
      </Card>
    </Grid>
  );
}
