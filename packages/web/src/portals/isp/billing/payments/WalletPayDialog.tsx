/** Pay an open invoice from the subscriber's wallet balance in one currency; another invoice currency is converted at the stored rate. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../../api/client.ts';
import { useFormat, useT } from '../../../../i18n/index.tsx';
import { ok, useLoad } from '../../../../ui/common.tsx';
import { ConversionPreview, ConvertedAmount } from './Conversion.tsx';

export function WalletPayDialog({ open, ispId, subscriberId, balances, onClose, onPaid }: {
  open: boolean; ispId: string; subscriberId: string; balances: { currency: string; balance: number }[]; onClose: () => void; onPaid: () => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const spendable = balances.filter((b) => b.balance > 0);
  const [currency, setCurrency] = useState('');
  const [invoiceId, setInvoiceId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<{ spent: number; currency: string; allocations: Parameters<typeof ConvertedAmount>[0]['a'][] } | null>(null);
  const [busy, setBusy] = useState(false);
  const payable = useLoad(async () => (open ? ok(await api.GET('/api/user/{user_id}/payable-invoices', { params: { path: { user_id: subscriberId } } })) : null), [open, subscriberId]);
  const cur = currency || spendable[0]?.currency || '';
  const invoices = payable.data?.invoices ?? [];
  const invoice = invoices.find((i) => i.id === invoiceId) ?? invoices[0];
  const balance = spendable.find((b) => b.currency === cur)?.balance ?? 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!invoice || !cur) return;
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const r = await api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/wallet/pay', {
      params: { path: { isp_id: ispId, subscriber_id: subscriberId } }, body: { invoice_id: invoice.id, currency: cur },
    });
    setBusy(false);
    if (r.data) {
      setDone(r.data);
      onPaid();
      return;
    }
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }
  const close = () => { setDone(null); setErrors({}); setGeneral(null); onClose(); };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="wallet-pay-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="wallet-pay-title">{t('pay.walletPay.title')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          {done ? (
            <Alert severity="success" sx={{ mb: 2 }} data-testid="wallet-paid">
              {t('pay.walletPay.done', { amount: fmt.money(done.spent, done.currency) })}
              {done.allocations.map((a, i) => <Typography key={i} variant="body2" component="div"><ConvertedAmount a={a} /></Typography>)}
            </Alert>
          ) : null}
          {invoices.length === 0 ? <Typography color="text.secondary">{t('pay.walletPay.none')}</Typography> : (
            <Stack spacing={2}>
              <TextField select fullWidth label={t('pay.walletPay.balance')} name="currency" value={cur} onChange={(e) => setCurrency(e.target.value)}
                error={Boolean(errors.currency)} helperText={errors.currency}>
                {spendable.map((b) => <MenuItem key={b.currency} value={b.currency}>{fmt.money(b.balance, b.currency)}</MenuItem>)}
              </TextField>
              <TextField select fullWidth label={t('pay.walletPay.invoice')} name="invoice_id" value={invoice?.id ?? ''} onChange={(e) => setInvoiceId(e.target.value)}
                error={Boolean(errors.invoice_id)} helperText={errors.invoice_id}>
                {invoices.map((i) => <MenuItem key={i.id} value={i.id}>{`${i.number ?? i.id.slice(0, 8)} · ${t('pay.due')} ${fmt.date(i.due_date)} · ${fmt.money(i.open, i.currency)}`}</MenuItem>)}
              </TextField>
              {invoice && cur && invoice.currency !== cur ? <ConversionPreview ispId={ispId} from={cur} to={invoice.currency} amount={balance} /> : null}
            </Stack>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.close')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !invoice || !cur || Boolean(done)} data-testid="wallet-pay-submit">{t('pay.walletPay.submit')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
