/** Subscribers billed and MRR per month with the next months' forecast (80 % band): the ISP's and the founder's dashboards. */
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Card, CardContent, Grid, Typography } from '@mui/material';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, StatCard, useLoad } from '../../../ui/common.tsx';
import type { ChartBand, ChartSeries } from '../noc/TrafficChart.tsx';

const TrafficChart = lazy(() => import('../noc/TrafficChart.tsx'));

type Monthly = { history: { month: string; value: number }[]; forecast: { month: string; value: number; lower80: number; upper80: number }[] };
export type GrowthForecast = { model_version: string; currency: string | null; subscribers: Monthly; mrr: Monthly };

const ts = (month: string) => `${month}-01T00:00:00Z`;

function MonthlyChart({ m, label, color, format }: { m: Monthly; label: string; color: string; format: (v: number) => string }) {
  const t = useT();
  const series = useMemo<ChartSeries[]>(() => [{ label, color, points: m.history.map((h) => ({ ts: ts(h.month), avg: h.value })) }], [m, label, color]);
  // The band starts at the last actual month so the dashed line continues the solid one.
  const bands = useMemo<ChartBand[]>(() => {
    const last = m.history.at(-1);
    if (!last || !m.forecast.length) return [];
    return [{ label: t('forecast.growth.forecast'), color, points: [{ ts: ts(last.month), mean: last.value, lower: last.value, upper: last.value }, ...m.forecast.map((f) => ({ ts: ts(f.month), mean: f.value, lower: f.lower80, upper: f.upper80 }))] }];
  }, [m, color, t]);
  if (!m.history.length) return <Typography color="text.secondary">{t('forecast.growth.none')}</Typography>;
  return <Suspense fallback={<Loading />}><TrafficChart series={series} bands={bands} format={format} label={label} /></Suspense>;
}

export default function GrowthForecastCard({ load, deps, mrrLabel }: { load: () => Promise<GrowthForecast>; deps: unknown[]; mrrLabel: string }) {
  const t = useT();
  const fmt = useFormat();
  const g = useLoad(load, deps);
  const money = useCallback((v: number) => (g.data?.currency ? fmt.money(Math.round(v), g.data.currency) : fmt.number(Math.round(v))), [fmt, g.data?.currency]);
  const count = useCallback((v: number) => fmt.number(Math.round(v)), [fmt]);
  if (g.error) return <Grid size={12}><ErrorAlert error={g.error} onRetry={g.reload} /></Grid>;
  if (!g.data) return <Grid size={12}><Loading /></Grid>;
  const d = g.data;
  const next = (m: Monthly) => m.forecast[0];
  const horizon = (m: Monthly) => m.forecast.at(-1);
  return (
    <>
      <Grid size={{ xs: 6, md: 3 }}>
        <StatCard label={t('forecast.growth.mrrNext', { month: next(d.mrr)?.month ?? '—' })} value={next(d.mrr) ? money(next(d.mrr)!.value) : '—'}
          hint={next(d.mrr) ? t('forecast.growth.range', { lo: money(next(d.mrr)!.lower80), hi: money(next(d.mrr)!.upper80) }) : t('forecast.growth.none')} tone="primary" />
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <StatCard label={t('forecast.growth.subsAt', { month: horizon(d.subscribers)?.month ?? '—' })} value={horizon(d.subscribers) ? count(horizon(d.subscribers)!.value) : '—'}
          hint={horizon(d.subscribers) ? t('forecast.growth.range', { lo: count(horizon(d.subscribers)!.lower80), hi: count(horizon(d.subscribers)!.upper80) }) : t('forecast.growth.none')} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Card sx={{ height: '100%' }}><CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('forecast.growth.mrrTitle', { what: mrrLabel })}</Typography>
          <MonthlyChart m={d.mrr} label={mrrLabel} color="#2e7d32" format={money} />
        </CardContent></Card>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Card sx={{ height: '100%' }}><CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('forecast.growth.subsTitle')}</Typography>
          <MonthlyChart m={d.subscribers} label={t('forecast.growth.subscribers')} color="#6a1b9a" format={count} />
          <Typography variant="caption" color="text.secondary">{t('forecast.growth.model', { v: d.model_version })}</Typography>
        </CardContent></Card>
      </Grid>
    </>
  );
}
