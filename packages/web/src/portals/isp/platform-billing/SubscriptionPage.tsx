/** The ISP's SaaS subscription, read-only: its plan on the platform and the platform's invoices to it. */
import { useState } from 'react';
import { Alert, Card, CardContent, Grid, Typography } from '@mui/material';
import { api } from '../../../api/client.ts';
import type { PlatformInvoice } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { PlatformInvoicesTable } from '../../../ui/PlatformInvoicesTable.tsx';
import { openPdf, planPrice } from '../../../ui/platform-format.ts';
import { useIsp } from '../context.ts';

export default function SubscriptionPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId } = useIsp();
  const [err, setErr] = useState(false);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/platform-subscription', { params: { path: { isp_id: ispId } } })), [ispId]);
  async function pdf(inv: PlatformInvoice) {
    const r = await api.GET('/api/isp/{isp_id}/platform-invoices/{invoice_id}/pdf', { params: { path: { isp_id: ispId, invoice_id: inv.id } }, parseAs: 'blob' });
    if (r.response.ok && r.data) openPdf(r.data); else setErr(true);
  }
  return (
    <>
      <PageHeader title={t('ispSub.title')} subtitle={t('ispSub.subtitle')} />
      <ErrorAlert error={error} onRetry={reload} />
      {err ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setErr(false)}>{t('common.error')}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 4 }}>
            <Card sx={{ height: '100%' }}><CardContent>
              <Typography variant="overline" component="h2" color="text.secondary">{t('ispSub.plan')}</Typography>
              {data.plan ? (
                <>
                  <Typography variant="h5" component="p" sx={{ fontWeight: 700 }}>{data.plan.name}</Typography>
                  <Typography>{planPrice(data.plan, t, fmt.money)}</Typography>
                  {data.start_date ? <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{t('ispSub.since', { date: fmt.day(data.start_date) })}</Typography> : null}
                </>
              ) : <Typography color="text.secondary">{t('ispSub.noPlan')}</Typography>}
            </CardContent></Card>
          </Grid>
          <Grid size={{ xs: 12, md: 8 }}>
            <Card><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('ispSub.invoices')}</Typography>
              <PlatformInvoicesTable invoices={data.invoices} showIsp={false} onPdf={(i) => void pdf(i)} />
            </CardContent></Card>
          </Grid>
        </Grid>
      )}
    </>
  );
}
