/** MRR, ARR, churn and revenue per ISP, all computed by the server from the platform invoices. */
import { lazy, Suspense, useMemo } from 'react';
import {
  Card, CardContent, Grid, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography, useTheme,
} from '@mui/material';
import type { SaasMetrics } from '../../../api/types.ts';
import { useFormat, useI18n, useT } from '../../../i18n/index.tsx';
import { Loading, StatCard } from '../../../ui/common.tsx';
import { monthLabel } from '../../../ui/platform-format.ts';

// The app's uPlot chart (as on the NOC device page), loaded with this section only.
const TimeChart = lazy(() => import('../../isp/noc/TrafficChart.tsx'));

export function SaasMetricsSection({ m }: { m: SaasMetrics }) {
  const t = useT();
  const fmt = useFormat();
  const theme = useTheme();
  const { locale } = useI18n();
  const money = (v: number) => fmt.money(v, m.currency);
  const series = useMemo(() => [{ label: t('sb.mrr'), color: theme.palette.primary.main, points: m.monthly.map((x) => ({ ts: `${x.month}-01T00:00:00Z`, avg: x.mrr })) }], [m, t, theme]);
  const format = useMemo(() => (v: number) => fmt.money(v, m.currency), [fmt, m.currency]);
  const churned = m.monthly.filter((x) => x.isps_lost > 0);
  return (
    <>
      <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('sb.mrr')} value={money(m.mrr)} tone="primary" hint={t('sb.mrrHint')} /></Grid>
      <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('sb.arr')} value={money(m.arr)} tone="success" /></Grid>
      <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('sb.payingIsps')} value={fmt.number(m.paying_isps)} /></Grid>
      <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('sb.churn')} value={m.churn_rate === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(m.churn_rate)} tone={m.churn_rate ? 'warning' : 'default'} /></Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Card sx={{ height: '100%' }}><CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('sb.mrrChart')}</Typography>
          <Suspense fallback={<Loading />}><TimeChart series={series} label={t('sb.mrrChart')} format={format} /></Suspense>
          <table className="sr-only">
            <caption>{t('sb.mrrChart')}</caption>
            <tbody>{m.monthly.map((x) => <tr key={x.month}><th scope="row">{monthLabel(locale, x.month)}</th><td>{money(x.mrr)}</td></tr>)}</tbody>
          </table>
        </CardContent></Card>
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Card sx={{ height: '100%' }}><CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('sb.churnTitle')}</Typography>
          {churned.length ? (
            <Table size="small" aria-label={t('sb.churnTitle')}>
              <TableHead><TableRow><TableCell>{t('sb.month')}</TableCell><TableCell align="right">{t('sb.ispsLost')}</TableCell><TableCell align="right">{t('sb.revenueLost')}</TableCell></TableRow></TableHead>
              <TableBody>{churned.map((x) => (
                <TableRow key={x.month}><TableCell>{monthLabel(locale, x.month)}</TableCell><TableCell align="right">{fmt.number(x.isps_lost)}</TableCell><TableCell align="right">{money(x.revenue_lost)}</TableCell></TableRow>
              ))}</TableBody>
            </Table>
          ) : <Typography color="text.secondary">{t('sb.noChurn')}</Typography>}
        </CardContent></Card>
      </Grid>
      <Grid size={{ xs: 12 }}>
        <Card><CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('sb.revenuePerIsp')}</Typography>
          {m.per_isp.length ? (
            <TableContainer><Table size="small" aria-label={t('sb.revenuePerIsp')}>
              <TableHead><TableRow>
                <TableCell>{t('sb.isp')}</TableCell><TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sb.plan')}</TableCell>
                <TableCell align="right">{t('sb.mrr')}</TableCell><TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('sb.billed12')}</TableCell>
                <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('sb.paid12')}</TableCell><TableCell align="right">{t('sb.outstanding')}</TableCell>
              </TableRow></TableHead>
              <TableBody>{m.per_isp.map((r) => (
                <TableRow key={r.isp_id}>
                  <TableCell>{r.isp_name}</TableCell><TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{r.plan_name ?? '—'}</TableCell>
                  <TableCell align="right">{money(r.mrr)}</TableCell><TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{money(r.billed_12m)}</TableCell>
                  <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{money(r.paid_12m)}</TableCell><TableCell align="right">{money(r.outstanding)}</TableCell>
                </TableRow>
              ))}</TableBody>
            </Table></TableContainer>
          ) : <Typography color="text.secondary">{t('sb.noRevenue')}</Typography>}
        </CardContent></Card>
      </Grid>
    </>
  );
}
