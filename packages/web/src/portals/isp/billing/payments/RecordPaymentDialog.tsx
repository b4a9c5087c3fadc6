/** Record a counter payment (cash, bank transfer, cheque, card terminal) and choose which open invoices it pays. */
import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert, Autocomplete, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel, Grid, MenuItem,
  TextField, Typography, useMediaQuery, useTheme,
} from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../../api/client.ts';
import { minorDigits, useFormat, useT } from '../../../../i18n/index.tsx';
import type { Payment, PayableInvoices } from './types.ts';
import { ConversionPreview } from './Conversion.tsx';
import { RECORDED_PAYMENT_METHODS } from '../../../../api/enums.ts';

type Method = (typeof RECORDED_PAYMENT_METHODS)[number];
type Pick = { id: string; label: string };

/** "12.5" with 2 decimals → 1250; null when not a positive amount with at most that many decimals. */
export function parseAmount(text: string, digits: number): number | null {
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!m || (m[2]?.length ?? 0) > digits) return null;
  const minor = Number(m[1]) * 10 ** digits + Number((m[2] ?? '').padEnd(digits, '0') || '0');
  return minor > 0 && Number.isSafeInteger(minor) ? minor : null;
}

export function RecordPaymentDialog({ open, ispId, currency, subscriber, onClose, onSaved }: {
  open: boolean; ispId: string; currency: string; subscriber?: Pick | null; onClose: () => void; onSaved: (p: Payment) => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const [who, setWho] = useState<Pick | null>(subscriber ?? null);
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Pick[]>([]);
  const [method, setMethod] = useState<Method>('cash');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [payable, setPayable] = useState<PayableInvoices | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [curInput, setCurInput] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setWho(subscriber ?? null); setMethod('cash'); setAmount(''); setReference(''); setNotes(''); setChosen([]); setErrors({}); setGeneral(null); setCurInput(null);
    }
  }

  useEffect(() => {
    if (!open || subscriber) return;
    let live = true;
    void api.GET('/api/isp/{isp_id}/subscribers', { params: { path: { isp_id: ispId }, query: { limit: 10, ...(query.trim() ? { q: query.trim() } : {}) } } }).then((r) => {
      if (live && r.data) setOptions(r.data.items.map((s) => ({ id: s.id, label: `${s.first_name} ${s.last_name} · ${s.account_number}` })));
    });
    return () => { live = false; };
  }, [open, query, ispId, subscriber]);

  useEffect(() => {
    setPayable(null);
    if (!open || !who) return;
    let live = true;
    void api.GET('/api/user/{user_id}/payable-invoices', { params: { path: { user_id: who.id } } }).then((r) => { if (live && r.data) setPayable(r.data); });
    return () => { live = false; };
  }, [open, who]);

  // The payment's currency: the subscriber's oldest open invoice's by default; any other is converted at the stored rate.
  const cur = curInput ?? payable?.invoices[0]?.currency ?? currency;
  const validCur = /^[A-Z]{3}$/.test(cur);
  // An unknown code is left for the server to name (problem+json pointer /body/currency).
  const amountMinor = parseAmount(amount, validCur ? minorDigits(cur) : 2);
  const targets = payable ? payable.invoices.filter((i) => (chosen.length ? chosen.includes(i.id) : true)) : [];
  const otherCurrencies = [...new Set(targets.map((i) => i.currency).filter((c) => c !== cur))];
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setGeneral(null);
    const minor = amountMinor;
    if (!who) return setErrors({ subscriber_id: t('pay.record.pickSubscriber') });
    if (minor === null) return setErrors({ amount: t('pay.record.badAmount') });
    setBusy(true);
    const r = await api.POST('/api/isp/{isp_id}/payments', {
      params: { path: { isp_id: ispId } },
      body: { subscriber_id: who.id, method, amount: minor, currency: cur, ...(reference.trim() ? { reference: reference.trim() } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}), ...(chosen.length ? { invoice_ids: chosen } : {}) },
    });
    setBusy(false);
    if (r.data) return onSaved(r.data);
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="record-payment-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="record-payment-title">{t('pay.record.title')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={12}>
              {subscriber ? <Typography>{subscriber.label}</Typography> : (
                <Autocomplete options={options} value={who} onChange={(_e, v) => setWho(v)} onInputChange={(_e, v) => setQuery(v)} filterOptions={(x) => x}
                  isOptionEqualToValue={(a, b) => a.id === b.id}
                  renderInput={(p) => <TextField {...p} required label={t('pay.subscriber')} name="subscriber" error={Boolean(errors.subscriber_id)} helperText={errors.subscriber_id} />} />
              )}
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('pay.method.label')} name="method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
                {RECORDED_PAYMENT_METHODS.map((m) => <MenuItem key={m} value={m}>{t(`pay.method.${m}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 4, sm: 2 }}>
              <TextField fullWidth required label={t('pay.fx.currency')} name="currency" value={cur} onChange={(e) => setCurInput(e.target.value.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 3))}
                error={Boolean(errors.currency)} helperText={errors.currency} slotProps={{ htmlInput: { maxLength: 3, autoCapitalize: 'characters' } }} />
            </Grid>
            <Grid size={{ xs: 8, sm: 4 }}>
              <TextField fullWidth required label={`${t('pay.amount')} (${cur})`} name="amount" value={amount} onChange={(e) => setAmount(e.target.value)}
                slotProps={{ htmlInput: { inputMode: 'decimal' } }} error={Boolean(errors.amount)} helperText={errors.amount} />
            </Grid>
            {method !== 'cash' ? (
              <Grid size={12}><TextField fullWidth label={t('pay.reference')} name="reference" value={reference} onChange={(e) => setReference(e.target.value)} helperText={t('pay.referenceHelp')} /></Grid>
            ) : null}
            <Grid size={12}><TextField fullWidth label={t('pay.notes')} name="notes" value={notes} onChange={(e) => setNotes(e.target.value)} /></Grid>
            {payable ? (
              <Grid size={12}>
                <FormLabel component="legend">{t('pay.record.applyTo')}</FormLabel>
                {payable.invoices.length ? (
                  <FormGroup>
                    {payable.invoices.map((i) => (
                      <FormControlLabel key={i.id} label={`${i.number ?? i.id.slice(0, 8)} · ${t('pay.due')} ${fmt.date(i.due_date)} · ${fmt.money(i.open, i.currency)}`}
                        control={<Checkbox checked={chosen.includes(i.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, i.id] : c.filter((x) => x !== i.id)))} />} />
                    ))}
                  </FormGroup>
                ) : <Typography variant="body2" color="text.secondary">{t('pay.record.noOpen')}</Typography>}
                <Typography variant="caption" color="text.secondary">{t('pay.record.applyHelp')}</Typography>
                {otherCurrencies.length && validCur ? (
                  <>
                    <Typography variant="caption" color="text.secondary" component="p">{t('pay.fx.applyConverted')}</Typography>
                    {otherCurrencies.map((c) => <ConversionPreview key={c} ispId={ispId} from={cur} to={c} amount={amountMinor} />)}
                  </>
                ) : null}
              </Grid>
            ) : null}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="record-payment-submit">{t('pay.record.submit')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
