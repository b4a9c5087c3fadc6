/** Coupon codes: percent or a fixed amount in the ISP's currency, with redemption limits, dates and cycles. */
import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, MenuItem, TextField, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { minorDigits, useFormat, useT } from '../../../i18n/index.tsx';
import { ok, useLoad } from '../../../ui/common.tsx';
import { CrudTable } from '../../../ui/crud/CrudTable.tsx';
import { useCrud } from '../../../ui/crud/useCrud.ts';
import { useIsp } from '../context.ts';
import type { Coupon } from './types.ts';

export function couponValue(c: { kind: string; percent: string | null; amount_minor: number | null; currency: string | null }, money: (m: number, c: string) => string): string {
  return c.kind === 'percent' ? `${c.percent}%` : money(c.amount_minor ?? 0, c.currency ?? '');
}

export default function CouponsPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, can } = useIsp();
  const manage = can('billing:configure');
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/billing/coupons', { params: { path: { isp_id: ispId } } })), [ispId]);
  const crud = useCrud<Coupon>({ reload });
  const redeemed = (c: Coupon) => (c.max_redemptions ? `${c.redeemed_count} / ${c.max_redemptions}` : String(c.redeemed_count));
  const dates = (c: Coupon) => (c.valid_from || c.valid_to ? `${c.valid_from ? fmt.date(c.valid_from) : '…'} – ${c.valid_to ? fmt.date(c.valid_to) : '…'}` : t('coupon.always'));
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ display: 'flex', alignItems: 'center', mb: 1, gap: 1, flexWrap: 'wrap' }}>
        <span style={{ flex: 1 }}>{t('coupon.title')}</span>
        {manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-coupon">{t('coupon.new')}</Button> : null}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('coupon.help')}</Typography>
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} label={t('coupon.title')} rowKey={(c) => c.id} empty={t('coupon.empty')}
        rowProps={(c) => ({ sx: { opacity: c.active ? 1 : 0.55 } })} actions={manage ? { name: (c) => c.code, edit: true } : null}
        columns={[
          { header: t('coupon.code'), cell: (c) => (
            <>
              <span style={{ fontFamily: 'monospace' }}>{c.code}</span>
              <small style={{ display: 'block', color: '#555' }}>
                <Box component="span" sx={{ display: { sm: 'none' } }}>{t('coupon.redeemed')}: {redeemed(c)} · </Box>
                {c.cycles ? t('coupon.forCycles', { n: c.cycles }) : t('coupon.everyCycle')}{c.active ? '' : ` · ${t('addon.inactive')}`}{c.description ? ` · ${c.description}` : ''}
              </small>
            </>
          ) },
          { header: t('coupon.value'), align: 'right', sx: { whiteSpace: 'nowrap' }, cell: (c) => couponValue(c, fmt.money) },
          { header: t('coupon.redeemed'), align: 'right', from: 'sm', cell: redeemed },
          { header: t('coupon.valid'), from: 'sm', cell: dates },
        ]} />
      <CouponDialog open={crud.editing !== null} coupon={crud.subject} onClose={crud.closeEditor} onSaved={crud.saved} />
    </>
  );
}

type Form = { code: string; kind: 'percent' | 'fixed'; percent: string; amount: string; description: string; max: string; perSub: string; from: string; to: string; cycles: string; active: boolean };
const blank: Form = { code: '', kind: 'percent', percent: '', amount: '', description: '', max: '', perSub: '1', from: '', to: '', cycles: '', active: true };
const intOrNull = (s: string) => (s.trim() ? Number(s) : null);

function CouponDialog({ open, coupon, onClose, onSaved }: { open: boolean; coupon: Coupon | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { ispId, isp } = useIsp();
  const [f, setF] = useState<Form>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setErrors({}); setErr(null);
    setF(coupon ? {
      code: coupon.code, kind: coupon.kind, percent: coupon.percent ?? '', amount: coupon.amount_minor ? String(coupon.amount_minor / 10 ** minorDigits(coupon.currency ?? isp.currency)) : '',
      description: coupon.description ?? '', max: coupon.max_redemptions ? String(coupon.max_redemptions) : '', perSub: String(coupon.max_per_subscriber),
      from: coupon.valid_from ?? '', to: coupon.valid_to ?? '', cycles: coupon.cycles ? String(coupon.cycles) : '', active: coupon.active,
    } : blank);
  }, [open, coupon, isp.currency]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const limits = {
      description: f.description.trim() || null, max_redemptions: intOrNull(f.max), max_per_subscriber: Number(f.perSub) || 1,
      valid_from: f.from || null, valid_to: f.to || null, cycles: intOrNull(f.cycles), active: f.active,
    };
    const r = coupon
      ? await api.PATCH('/api/isp/{isp_id}/billing/coupons/{coupon_id}', { params: { path: { isp_id: ispId, coupon_id: coupon.id } }, body: limits })
      : await api.POST('/api/isp/{isp_id}/billing/coupons', { params: { path: { isp_id: ispId } }, body: f.kind === 'percent'
        ? { code: f.code, kind: 'percent', percent: f.percent, ...limits }
        : { code: f.code, kind: 'fixed', amount_minor: Math.round(Number(f.amount) * 10 ** minorDigits(isp.currency)), ...limits } });
    if (r.response.ok) onSaved(); else { setErrors(fieldErrors(r.error)); setErr(problemDetail(r.error) ?? t('common.error')); }
  }
  const e1 = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  const set = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  const locked = coupon !== null;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" component="form" onSubmit={submit}>
      <DialogTitle>{coupon ? t('coupon.edit') : t('coupon.new')}</DialogTitle>
      <DialogContent>
        {err ? <Alert severity="error" sx={{ mb: 2 }}>{err}</Alert> : null}
        <Grid container spacing={2} sx={{ mt: 0 }}>
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required disabled={locked} label={t('coupon.code')} name="code" value={f.code} onChange={(e) => setF({ ...f, code: e.target.value.toUpperCase() })} {...e1('code')} slotProps={{ htmlInput: { maxLength: 32, style: { fontFamily: 'monospace' } } }} /></Grid>
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth select disabled={locked} label={t('coupon.kind')} value={f.kind} onChange={set('kind')}>
            <MenuItem value="percent">{t('coupon.kinds.percent')}</MenuItem>
            <MenuItem value="fixed">{t('coupon.kinds.fixed', { currency: isp.currency })}</MenuItem>
          </TextField></Grid>
          {f.kind === 'percent'
            ? <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required disabled={locked} label={t('coupon.percent')} name="percent" value={f.percent} onChange={set('percent')} {...e1('percent')} /></Grid>
            : <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required disabled={locked} type="number" label={t('coupon.amount', { currency: isp.currency })} name="amount" value={f.amount} onChange={set('amount')} {...e1('amount_minor')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} /></Grid>}
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth type="number" label={t('coupon.cycles')} name="cycles" value={f.cycles} onChange={set('cycles')} helperText={errors.cycles ?? t('coupon.cyclesHelp')} error={Boolean(errors.cycles)} slotProps={{ htmlInput: { min: 1 } }} /></Grid>
          <Grid size={{ xs: 6 }}><TextField fullWidth type="number" label={t('coupon.max')} name="max" value={f.max} onChange={set('max')} helperText={errors.max_redemptions ?? t('coupon.maxHelp')} error={Boolean(errors.max_redemptions)} slotProps={{ htmlInput: { min: 1 } }} /></Grid>
          <Grid size={{ xs: 6 }}><TextField fullWidth type="number" label={t('coupon.perSubscriber')} name="perSub" value={f.perSub} onChange={set('perSub')} {...e1('max_per_subscriber')} slotProps={{ htmlInput: { min: 1 } }} /></Grid>
          <Grid size={{ xs: 6 }}><TextField fullWidth type="date" label={t('coupon.from')} value={f.from} onChange={set('from')} {...e1('valid_from')} slotProps={{ inputLabel: { shrink: true } }} /></Grid>
          <Grid size={{ xs: 6 }}><TextField fullWidth type="date" label={t('coupon.to')} value={f.to} onChange={set('to')} {...e1('valid_to')} slotProps={{ inputLabel: { shrink: true } }} /></Grid>
          <Grid size={12}><TextField fullWidth label={t('addon.description')} value={f.description} onChange={set('description')} /></Grid>
          <Grid size={12}><FormControlLabel control={<Checkbox checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} />} label={t('addon.active')} /></Grid>
        </Grid>
      </DialogContent>
      <DialogActions><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="submit" variant="contained">{t('common.save')}</Button></DialogActions>
    </Dialog>
  );
}
