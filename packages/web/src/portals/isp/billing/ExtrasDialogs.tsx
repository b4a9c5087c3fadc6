/** Small dialogs of the subscriber's billing extras: attach an add-on, apply a coupon, add a one-time fee, record a deposit. */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { minorDigits, useFormat, useT } from '../../../i18n/index.tsx';
import { useIsp } from '../context.ts';
import type { Addon } from './types.ts';

export type ExtrasDialog = 'addon' | 'coupon' | 'fee' | 'deposit';
type Result = { response: Response; error?: unknown };

function FormDialog({ open, title, onClose, onSubmit, children, testId }: { open: boolean; title: string; onClose: () => void; onSubmit: () => Promise<Result>; children: ReactNode; testId: string }) {
  const t = useT();
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (open) setErr(null); }, [open]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await onSubmit();
    setBusy(false);
    if (r.response.ok) onClose();
    else {
      const fields = Object.values(fieldErrors(r.error));
      setErr([problemDetail(r.error) ?? t('common.error'), ...fields].filter((x, i, a) => a.indexOf(x) === i).join(' · '));
    }
  }
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" component="form" onSubmit={submit} data-testid={testId}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent><Stack spacing={2} sx={{ mt: 1 }}>{err ? <Alert severity="error">{err}</Alert> : null}{children}</Stack></DialogContent>
      <DialogActions><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="submit" variant="contained" disabled={busy}>{t('common.save')}</Button></DialogActions>
    </Dialog>
  );
}

const toMinor = (s: string, currency: string) => Math.round(Number(s) * 10 ** minorDigits(currency));

/** The dialog that is open (if any); `onDone` reloads the card after a change. */
export function ExtrasDialogs({ open, subscriberId, currency, addons, onClose, onDone }: {
  open: ExtrasDialog | null; subscriberId: string; currency: string; addons: Addon[]; onClose: () => void; onDone: () => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const { ispId } = useIsp();
  const path = { isp_id: ispId, subscriber_id: subscriberId };
  const [addonId, setAddonId] = useState('');
  const [qty, setQty] = useState('1');
  const [code, setCode] = useState('');
  const [desc, setDesc] = useState('');
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<'cash' | 'bank_transfer' | 'cheque' | 'card' | 'other'>('cash');
  const [reference, setReference] = useState('');
  useEffect(() => { setAddonId(''); setQty('1'); setCode(''); setDesc(''); setAmount(''); setReference(''); setMethod('cash'); }, [open]);
  const done = async (p: Promise<Result>) => { const r = await p; if (r.response.ok) onDone(); return r; };
  const sellable = addons.filter((a) => a.active);
  return (
    <>
      <FormDialog open={open === 'addon'} title={t('addon.attach')} onClose={onClose} testId="attach-addon-dialog"
        onSubmit={() => done(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/addons', { params: { path }, body: { addon_id: addonId, quantity: Number(qty) || 1 } }))}>
        <TextField select required fullWidth label={t('addon.addon')} value={addonId} onChange={(e) => setAddonId(e.target.value)} name="addon">
          {sellable.map((a) => <MenuItem key={a.id} value={a.id}>{a.name} · {fmt.money(a.price_minor, a.currency)} · {t(`addon.billings.${a.billing}`)}</MenuItem>)}
        </TextField>
        <TextField type="number" fullWidth label={t('addon.quantity')} value={qty} onChange={(e) => setQty(e.target.value)} slotProps={{ htmlInput: { min: 1, max: 1000 } }} />
      </FormDialog>
      <FormDialog open={open === 'coupon'} title={t('addon.applyCoupon')} onClose={onClose} testId="apply-coupon-dialog"
        onSubmit={() => done(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/coupons', { params: { path }, body: { code } }))}>
        <TextField required fullWidth label={t('coupon.code')} value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} name="code" slotProps={{ htmlInput: { maxLength: 40, style: { fontFamily: 'monospace' } } }} />
      </FormDialog>
      <FormDialog open={open === 'fee'} title={t('addon.oneTimeFee')} onClose={onClose} testId="fee-dialog"
        onSubmit={() => done(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/charges', { params: { path }, body: { description: desc, amount_minor: toMinor(amount, currency), currency } }))}>
        <TextField required fullWidth label={t('addon.description')} value={desc} onChange={(e) => setDesc(e.target.value)} name="description" helperText={t('addon.feeHelp')} />
        <TextField required fullWidth type="number" label={t('addon.amountIn', { currency })} value={amount} onChange={(e) => setAmount(e.target.value)} name="amount" slotProps={{ htmlInput: { step: 'any' } }} />
      </FormDialog>
      <FormDialog open={open === 'deposit'} title={t('addon.recordDeposit')} onClose={onClose} testId="deposit-dialog"
        onSubmit={() => done(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/deposits', { params: { path }, body: { description: desc, amount_minor: toMinor(amount, currency), currency, method, reference: reference || null } }))}>
        <TextField required fullWidth label={t('addon.description')} value={desc} onChange={(e) => setDesc(e.target.value)} name="description" helperText={t('addon.depositHelp')} />
        <TextField required fullWidth type="number" label={t('addon.amountIn', { currency })} value={amount} onChange={(e) => setAmount(e.target.value)} name="amount" slotProps={{ htmlInput: { min: 0, step: 'any' } }} />
        <TextField select fullWidth label={t('addon.method')} value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
          {(['cash', 'bank_transfer', 'cheque', 'card', 'other'] as const).map((m) => <MenuItem key={m} value={m}>{t(`addon.methods.${m}`)}</MenuItem>)}
        </TextField>
        <TextField fullWidth label={t('addon.reference')} value={reference} onChange={(e) => setReference(e.target.value)} />
      </FormDialog>
    </>
  );
}
