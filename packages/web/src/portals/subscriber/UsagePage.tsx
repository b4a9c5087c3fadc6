/** The subscriber's traffic per day and the quota left today and this month (the same windows the network enforces). */
import { Card, CardContent, Grid, LinearProgress, Typography } from '@mui/material';
import { api } from '../../api/client.ts';
import type { OwnUsage } from '../../api/types.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { TimeBars } from '../../ui/charts.tsx';
import { ErrorAlert, Loading, ok, PageHeader, useLoad } from '../../ui/common.tsx';

export default function SubscriberUsagePage() {
  const t = useT();
  const fmt = useFormat();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/me/usage', { params: { query: { days: 30 } } })), []);
  return (
    <>
      <PageHeader title={t('self.usage')} subtitle={t('self.usageHelp')} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6 }}><QuotaCard title={t('self.today')} used={data.today_bytes} limit={data.quota.daily_bytes} left={data.quota.daily_left_bytes} data={data} /></Grid>
          <Grid size={{ xs: 12, sm: 6 }}><QuotaCard title={t('self.thisMonth')} used={data.month_bytes} limit={data.quota.monthly_bytes} left={data.quota.monthly_left_bytes} data={data} packs={data.quota.data_pack_bytes} /></Grid>
          <Grid size={12}>
            <Card><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('self.usageChart')}</Typography>
              <TimeBars data={data.days.map((d) => ({ label: fmt.day(d.day), value: d.input_octets + d.output_octets }))} title={t('self.usageChart')} format={fmt.bytes} />
            </CardContent></Card>
          </Grid>
        </Grid>
      )}
    </>
  );
}

function QuotaCard({ title, used, limit, left, data, packs }: { title: string; used: number; limit: number | null; left: number | null; data: OwnUsage; packs?: number }) {
  const t = useT();
  const fmt = useFormat();
  const pct = limit ? Math.min(100, (used / limit) * 100) : 0;
  const fup = data.quota.fup_download_kbps && data.quota.fup_upload_kbps ? `${fmt.speed(data.quota.fup_download_kbps)} / ${fmt.speed(data.quota.fup_upload_kbps)}` : null;
  return (
    <Card sx={{ height: '100%' }} data-testid={`quota-${title}`}>
      <CardContent>
        <Typography variant="overline" component="h2" color="text.secondary">{title}</Typography>
        <Typography variant="h5" component="p">{fmt.bytes(used)}</Typography>
        {limit !== null && left !== null ? (
          <>
            <LinearProgress variant="determinate" value={pct} color={left === 0 ? 'error' : pct > 80 ? 'warning' : 'primary'} sx={{ my: 1, height: 8, borderRadius: 4 }}
              aria-label={t('self.quotaOf', { used: fmt.bytes(used), limit: fmt.bytes(limit) })} />
            <Typography variant="body2">{t('self.quotaLeft', { left: fmt.bytes(left), limit: fmt.bytes(limit) })}</Typography>
            {packs ? <Typography variant="body2" color="text.secondary">{t('self.dataPacksIncluded', { amount: fmt.bytes(packs) })}</Typography> : null}
            {fup ? <Typography variant="body2" color="text.secondary">{t('self.fupAfter', { speed: fup })}</Typography> : null}
          </>
        ) : <Typography variant="body2" color="text.secondary">{t('self.noQuota')}</Typography>}
      </CardContent>
    </Card>
  );
}
