/** Payments of the ISP (or, for the fraud review queue, the held ones): record a counter payment, open one to refund it or print its receipt. */
import { useState } from 'react';
import { Button, MenuItem, Stack, TextField } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api } from '../../../../api/client.ts';
import { useT } from '../../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { useIsp } from '../../context.ts';
import { PaymentDetailDialog } from './PaymentDetailDialog.tsx';
import { PaymentsTable } from './PaymentsTable.tsx';
import { RecordPaymentDialog } from './RecordPaymentDialog.tsx';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '../../../../api/enums.ts';

type Status = (typeof PAYMENT_STATUSES)[number];
type Method = (typeof PAYMENT_METHODS)[number];

export default function PaymentsPage({ review = false }: { review?: boolean }) {
  const t = useT();
  const { ispId, isp, can } = useIsp();
  const manage = can('billing:manage');
  const [status, setStatus] = useState<Status | ''>(review ? 'held' : '');
  const [method, setMethod] = useState<Method | ''>('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const [recording, setRecording] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/payments', {
    params: { path: { isp_id: ispId }, query: { limit: rowsPerPage, offset: page * rowsPerPage, ...(status ? { status } : {}), ...(method ? { method } : {}), ...(review ? { sort: '-risk_score' as const } : {}) } },
  })), [ispId, status, method, page, rowsPerPage, review]);

  return (
    <>
      <PageHeader title={review ? t('nav.fraudReview') : t('nav.payments')} subtitle={review ? t('pay.review.subtitle') : t('pay.subtitle')}
        actions={manage && !review ? <Button variant="contained" startIcon={<AddIcon />} onClick={() => setRecording(true)} data-testid="record-payment">{t('pay.record.title')}</Button> : undefined} />
      {!review ? (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
          <TextField select size="small" label={t('pay.statusLabel')} name="status" value={status} onChange={(e) => { setStatus(e.target.value as Status | ''); setPage(0); }} sx={{ minWidth: 200 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {PAYMENT_STATUSES.map((s) => <MenuItem key={s} value={s}>{t(`pay.status.${s}`)}</MenuItem>)}
          </TextField>
          <TextField select size="small" label={t('pay.method.label')} name="method" value={method} onChange={(e) => { setMethod(e.target.value as Method | ''); setPage(0); }} sx={{ minWidth: 200 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {PAYMENT_METHODS.map((m) => <MenuItem key={m} value={m}>{t(`pay.method.${m}`)}</MenuItem>)}
          </TextField>
        </Stack>
      ) : null}
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <PaymentsTable data={data} page={page} rowsPerPage={rowsPerPage} onPage={setPage} onRowsPerPage={(n) => { setRowsPerPage(n); setPage(0); }}
          onOpen={setOpen} label={review ? t('nav.fraudReview') : t('nav.payments')} />
      )}
      <RecordPaymentDialog open={recording} ispId={ispId} currency={isp.currency} onClose={() => setRecording(false)}
        onSaved={(p) => { setRecording(false); setOpen(p.id); void reload(); }} />
      <PaymentDetailDialog ispId={ispId} paymentId={open} manage={manage} onClose={() => setOpen(null)} onChanged={() => void reload()} />
    </>
  );
}
