/** Records an ISP's payment against a platform invoice (at most its balance). */
import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import type { PlatformInvoice } from '../../../api/types.ts';
import { minorDigits, useT } from '../../../i18n/index.tsx';
import { PLATFORM_PAYMENT_METHODS } from '../../../api/enums.ts';


export function PaymentDialog({ invoice, onClose, onDone }: { invoice: PlatformInvoice; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const digits = minorDigits(invoice.currency);
  const [amount, setAmount] = useState(String(invoice.balance / 10 ** digits));
  const [method, setMethod] = useState<(typeof PLATFORM_PAYMENT_METHODS)[number]>('bank_transfer');
  const [reference, setReference] = useState('');
  const [err, setErr] = useState<string | null>(null);
  async function save() {
    setErr(null);
    const r = await api.POST('/api/founder/platform-invoices/{invoice_id}/payments', {
      params: { path: { invoice_id: invoice.id } }, body: { amount_minor: Math.round(Number(amount) * 10 ** digits), method, reference: reference || null },
    });
    if (r.data) onDone(); else setErr(problemDetail(r.error) ?? t('common.error'));
  }
  return (
    <Dialog open onClose={onClose} aria-labelledby="pay-title" fullWidth maxWidth="xs">
      <DialogTitle id="pay-title">{t('sb.paymentTitle', { number: invoice.number ?? '' })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {err ? <Alert severity="error">{err}</Alert> : null}
          <TextField label={`${t('sb.amount')} (${invoice.currency})`} type="number" value={amount} onChange={(e) => setAmount(e.target.value)} slotProps={{ htmlInput: { min: 0, step: 'any' } }} />
          <TextField select label={t('sb.method')} value={method} onChange={(e) => setMethod(e.target.value as (typeof PLATFORM_PAYMENT_METHODS)[number])}>
            {PLATFORM_PAYMENT_METHODS.map((m) => <MenuItem key={m} value={m}>{t(`sb.method_${m}`)}</MenuItem>)}
          </TextField>
          <TextField label={t('sb.reference')} value={reference} onChange={(e) => setReference(e.target.value)} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={!(Number(amount) > 0)}>{t('sb.recordPayment')}</Button>
      </DialogActions>
    </Dialog>
  );
}
