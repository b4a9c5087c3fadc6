/** Self-service: what is still owed, invoice by invoice, with "Pay now" at the ISP's online gateway (hidden when the ISP has none). */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, CardActions, CardContent, Grid, Stack, Typography } from '@mui/material';
import { api, problemDetail } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { useFormat, useT } from '../../i18n/index.tsx';
import { CouponCard } from './CouponCard.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../ui/common.tsx';
import { PaymentStatusChip } from '../isp/billing/payments/common.tsx';

export default function PayPage() {
  const t = useT();
  const fmt = useFormat();
  const { me } = useAuth();
  const id = me?.id ?? '';
  const [params] = useSearchParams();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/user/{user_id}/payable-invoices', { params: { path: { user_id: id } } })), [id]);
  const payments = useLoad(async () => ok(await api.GET('/api/user/{user_id}/payments', { params: { path: { user_id: id }, query: { limit: 10 } } })), [id]);
  const [busy, setBusy] = useState<string | null>(null);
  const [payError, setPayError] = useState<string | null>(null);

  async function payNow(invoiceId: string) {
    setBusy(invoiceId);
    setPayError(null);
    const r = await api.POST('/api/user/{user_id}/invoices/{invoice_id}/checkout', { params: { path: { user_id: id, invoice_id: invoiceId } }, body: {} });
    if (r.data) window.location.assign(r.data.url);
    else {
      setBusy(null);
      setPayError(problemDetail(r.error) ?? t('common.error'));
    }
  }

  return (
    <>
      <PageHeader title={t('self.pay')} subtitle={t('self.paySubtitle')} />
      {params.get('paid') ? <Alert severity="success" sx={{ mb: 2 }}>{t('self.paidThanks')}</Alert> : null}
      {payError ? <Alert severity="error" sx={{ mb: 2 }}>{payError}</Alert> : null}
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : data.invoices.length ? (
        <Grid container spacing={2}>
          {data.invoices.map((i) => (
            <Grid key={i.id} size={{ xs: 12, sm: 6 }}>
              <Card>
                <CardContent>
                  <Typography variant="subtitle1" component="h2">{t('pay.invoice')} {i.number ?? ''}</Typography>
                  <Typography variant="h5" component="p">{fmt.money(i.open, i.currency)}</Typography>
                  <Typography variant="body2" color={i.status === 'overdue' ? 'error' : 'text.secondary'}>{t('pay.due')} {fmt.date(i.due_date)}</Typography>
                </CardContent>
                {data.online_payment ? (
                  <CardActions>
                    <Button variant="contained" disabled={busy !== null} onClick={() => void payNow(i.id)} data-testid="pay-now">{t('self.payNow')}</Button>
                  </CardActions>
                ) : null}
              </Card>
            </Grid>
          ))}
        </Grid>
      ) : <Alert severity="success">{t('self.nothingDue')}</Alert>}
      {!data?.online_payment && data?.invoices.length ? <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>{t('self.payAtCounter')}</Typography> : null}
      {payments.data?.items.length ? (
        <Card sx={{ mt: 3 }}>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>{t('self.myPayments')}</Typography>
            <Stack spacing={1}>
              {payments.data.items.map((p) => (
                <Stack key={p.id} direction="row" spacing={1} sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography variant="body2">{fmt.date(p.received_at)} · {p.number ?? ''}</Typography>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}><Typography variant="body2">{fmt.money(p.amount, p.currency)}</Typography><PaymentStatusChip status={p.status} /></Stack>
                </Stack>
              ))}
            </Stack>
          </CardContent>
        </Card>
      ) : null}
      <CouponCard />
    </>
  );
}
