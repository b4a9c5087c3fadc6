/** Invoiced (net of credit notes) and collected per month over the last twelve, from the billing analytics. */
import { Card, CardContent, Grid, Typography } from '@mui/material';
import type { RevenueAnalytics } from '../../../api/types.ts';
import { useFormat, useI18n, useT } from '../../../i18n/index.tsx';
import { TimeBars } from '../../../ui/charts.tsx';

/** The twelve months ending with the current one, so months without invoices show as empty bars. */
function lastTwelveMonths(now = new Date()): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

export function RevenueTrend({ data }: { data: RevenueAnalytics }) {
  const t = useT();
  const fmt = useFormat();
  const { locale } = useI18n();
  const monthName = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const byMonth = new Map(data.monthly.map((m) => [m.month, m]));
  const series = lastTwelveMonths().map((month) => ({ month, label: monthName.format(new Date(`${month}-01T00:00:00Z`)), m: byMonth.get(month) }));
  const money = (n: number) => fmt.money(n, data.currency);
  const charts = [
    { title: t('dash.invoicedPerMonth'), points: series.map((s) => ({ label: s.label, value: s.m ? s.m.invoiced - s.m.credited : 0 })) },
    { title: t('dash.collectedPerMonth'), points: series.map((s) => ({ label: s.label, value: s.m?.collected ?? 0 })) },
  ];
  return (
    <Grid container spacing={2} sx={{ mb: 2 }} data-testid="revenue-trend">
      {charts.map((c) => (
        <Grid key={c.title} size={{ xs: 12, md: 6 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{c.title}</Typography>
              <TimeBars data={c.points} title={c.title} format={money} />
            </CardContent>
          </Card>
        </Grid>
      ))}
    </Grid>
  );
}
