/** The founder's platform invoices: filter by status, PDF, issue drafts, void, record payments. */
import { useState } from 'react';
import { Alert, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import type { PlatformInvoice } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../../ui/common.tsx';
import { PlatformInvoicesTable } from '../../../ui/PlatformInvoicesTable.tsx';
import { openPdf } from '../../../ui/platform-format.ts';
import { PaymentDialog } from './PaymentDialog.tsx';

type Status = PlatformInvoice['status'];

export function InvoicesCard({ version, onChange }: { version: number; onChange: () => void }) {
  const t = useT();
  const [status, setStatus] = useState<Status | ''>('');
  const [paying, setPaying] = useState<PlatformInvoice | null>(null);
  const [voiding, setVoiding] = useState<PlatformInvoice | null>(null);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/founder/platform-invoices', { params: { query: { limit: 200, offset: 0, ...(status ? { status } : {}) } } })), [status, version]);

  const done = () => { setPaying(null); setVoiding(null); setReason(''); void reload(); onChange(); };
  async function pdf(inv: PlatformInvoice) {
    const r = await api.GET('/api/founder/platform-invoices/{invoice_id}/pdf', { params: { path: { invoice_id: inv.id } }, parseAs: 'blob' });
    if (r.response.ok && r.data) openPdf(r.data); else setErr(t('common.error'));
  }
  async function act(call: Promise<{ data?: unknown; error?: unknown }>) {
    setErr(null);
    const r = await call;
    if (r.data) done(); else setErr(problemDetail(r.error) ?? t('common.error'));
  }
  const issue = (inv: PlatformInvoice) => act(api.POST('/api/founder/platform-invoices/{invoice_id}/issue', { params: { path: { invoice_id: inv.id } } }));
  const doVoid = (inv: PlatformInvoice) => act(api.POST('/api/founder/platform-invoices/{invoice_id}/void', { params: { path: { invoice_id: inv.id } }, body: { reason } }));

  return (
    <Card><CardContent>
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, mb: 1, gap: 1 }}>
        <Typography variant="h6" component="h2">{t('sb.invoices')}</Typography>
        <TextField select size="small" label={t('sb.status')} value={status} onChange={(e) => setStatus(e.target.value as Status | '')} sx={{ minWidth: 160 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {(['draft', 'issued', 'paid', 'void'] as const).map((s) => <MenuItem key={s} value={s}>{t(`inv.status.${s}`)}</MenuItem>)}
        </TextField>
      </Stack>
      <ErrorAlert error={error} onRetry={reload} />
      {err ? <Alert severity="error" sx={{ mb: 1 }} onClose={() => setErr(null)}>{err}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <PlatformInvoicesTable invoices={data.items} showIsp onPdf={(i) => void pdf(i)} actions={(i) => (
          <>
            {i.status === 'draft' ? <Button size="small" onClick={() => void issue(i)}>{t('sb.issue')}</Button> : null}
            {i.status === 'issued' ? <Button size="small" color="success" onClick={() => setPaying(i)}>{t('sb.recordPayment')}</Button> : null}
            {(i.status === 'draft' || (i.status === 'issued' && i.amount_paid === 0)) ? <Button size="small" color="error" onClick={() => setVoiding(i)}>{t('sb.void')}</Button> : null}
          </>
        )} />
      )}
      {paying ? <PaymentDialog invoice={paying} onClose={() => setPaying(null)} onDone={done} /> : null}
      {voiding ? (
        <Stack component="form" direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 2 }} onSubmit={(e) => { e.preventDefault(); void doVoid(voiding); }}>
          <Typography sx={{ alignSelf: 'center' }}>{t('sb.voidTitle', { number: voiding.number ?? '' })}</Typography>
          <TextField size="small" label={t('sb.voidReason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
          <Button type="submit" color="error" variant="contained" disabled={!reason}>{t('sb.void')}</Button>
          <Button onClick={() => setVoiding(null)}>{t('common.cancel')}</Button>
        </Stack>
      ) : null}
    </CardContent></Card>
  );
}
