/** The add-on catalogue: static IPs, data packs, speed boosters and other extras, one-off or recurring. */
import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, MenuItem, TextField, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { minorDigits, useFormat, useT } from '../../../i18n/index.tsx';
import { ok, useLoad } from '../../../ui/common.tsx';
import { CrudTable } from '../../../ui/crud/CrudTable.tsx';
import { useCrud } from '../../../ui/crud/useCrud.ts';
import { CurrencyField } from '../../../ui/fields.tsx';
import { useIsp } from '../context.ts';
import type { Addon } from './types.ts';
import { ADDON_BILLINGS, ADDON_KINDS } from '../../../api/enums.ts';

const GB = 1_000_000_000;

export default function AddonsPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, can } = useIsp();
  const manage = can('billing:configure');
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/billing/addons', { params: { path: { isp_id: ispId } } })), [ispId]);
  const crud = useCrud<Addon>({ reload });
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ display: 'flex', alignItems: 'center', mb: 1, gap: 1, flexWrap: 'wrap' }}>
        <span style={{ flex: 1 }}>{t('addon.catalogue')}</span>
        {manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-addon">{t('addon.new')}</Button> : null}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('addon.help')}</Typography>
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} label={t('addon.catalogue')} rowKey={(a) => a.id} empty={t('addon.empty')}
        rowProps={(a) => ({ sx: { opacity: a.active ? 1 : 0.55 } })} actions={manage ? { name: (a) => a.name, edit: true } : null}
        columns={[
          { header: t('addon.name'), cell: (a) => (
            <>
              {a.name}
              <small style={{ display: 'block', color: '#555' }}>
                {t(`addon.kinds.${a.kind}`)}{a.data_bytes ? ` · ${fmt.bytes(a.data_bytes)}` : ''}{a.taxable ? '' : ` · ${t('addon.taxFree')}`}{a.active ? '' : ` · ${t('addon.inactive')}`}
              </small>
            </>
          ) },
          { header: t('addon.billing'), from: 'sm', cell: (a) => t(`addon.billings.${a.billing}`) },
          { header: t('addon.price'), align: 'right', sx: { whiteSpace: 'nowrap' }, cell: (a) => fmt.money(a.price_minor, a.currency) },
        ]} />
      <AddonDialog open={crud.editing !== null} addon={crud.subject} onClose={crud.closeEditor} onSaved={crud.saved} />
    </>
  );
}

type Form = { name: string; description: string; kind: (typeof ADDON_KINDS)[number]; billing: (typeof ADDON_BILLINGS)[number]; price: string; currency: string; taxable: boolean; gb: string; active: boolean };

function AddonDialog({ open, addon, onClose, onSaved }: { open: boolean; addon: Addon | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { ispId, isp } = useIsp();
  const blank: Form = { name: '', description: '', kind: 'static_ip', billing: 'recurring', price: '', currency: isp.currency, taxable: true, gb: '', active: true };
  const [f, setF] = useState<Form>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setErrors({}); setErr(null);
    setF(addon ? {
      name: addon.name, description: addon.description ?? '', kind: addon.kind, billing: addon.billing, price: String(addon.price_minor / 10 ** minorDigits(addon.currency)),
      currency: addon.currency, taxable: addon.taxable, gb: addon.data_bytes ? String(addon.data_bytes / GB) : '', active: addon.active,
    } : blank);
  }, [open, addon]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      name: f.name, description: f.description.trim() || null, kind: f.kind, billing: f.billing, currency: f.currency, taxable: f.taxable, active: f.active,
      price_minor: Math.round(Number(f.price) * 10 ** minorDigits(f.currency)), data_bytes: f.kind === 'data_pack' && f.gb ? Math.round(Number(f.gb) * GB) : null,
    };
    const r = addon
      ? await api.PATCH('/api/isp/{isp_id}/billing/addons/{addon_id}', { params: { path: { isp_id: ispId, addon_id: addon.id } }, body })
      : await api.POST('/api/isp/{isp_id}/billing/addons', { params: { path: { isp_id: ispId } }, body });
    if (r.response.ok) onSaved(); else { setErrors(fieldErrors(r.error)); setErr(problemDetail(r.error) ?? t('common.error')); }
  }
  const e1 = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  const set = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" component="form" onSubmit={submit}>
      <DialogTitle>{addon ? t('addon.edit') : t('addon.new')}</DialogTitle>
      <DialogContent>
        {err ? <Alert severity="error" sx={{ mb: 2 }}>{err}</Alert> : null}
        <Grid container spacing={2} sx={{ mt: 0 }}>
          <Grid size={12}><TextField fullWidth required label={t('addon.name')} name="name" value={f.name} onChange={set('name')} {...e1('name')} /></Grid>
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth select label={t('addon.kind')} value={f.kind} onChange={set('kind')}>{ADDON_KINDS.map((k) => <MenuItem key={k} value={k}>{t(`addon.kinds.${k}`)}</MenuItem>)}</TextField></Grid>
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth select label={t('addon.billing')} value={f.billing} onChange={set('billing')}>{ADDON_BILLINGS.map((k) => <MenuItem key={k} value={k}>{t(`addon.billings.${k}`)}</MenuItem>)}</TextField></Grid>
          <Grid size={{ xs: 6 }}><TextField fullWidth required type="number" label={t('addon.price')} name="price" value={f.price} onChange={set('price')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} {...e1('price_minor')} /></Grid>
          <Grid size={{ xs: 6 }}><CurrencyField value={f.currency} onChange={(v) => setF({ ...f, currency: v })} error={errors.currency} /></Grid>
          {f.kind === 'data_pack' ? <Grid size={12}><TextField fullWidth required type="number" label={t('addon.dataGb')} name="gb" value={f.gb} onChange={set('gb')} helperText={errors.data_bytes ?? t('addon.dataHelp')} error={Boolean(errors.data_bytes)} slotProps={{ htmlInput: { min: 0, step: 'any' } }} /></Grid> : null}
          <Grid size={12}><TextField fullWidth multiline minRows={2} label={t('addon.description')} value={f.description} onChange={set('description')} /></Grid>
          <Grid size={12}>
            <FormControlLabel control={<Checkbox checked={f.taxable} onChange={(e) => setF({ ...f, taxable: e.target.checked })} />} label={t('addon.taxable')} />
            <FormControlLabel control={<Checkbox checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} />} label={t('addon.active')} />
          </Grid>
        </Grid>
      </DialogContent>
      <DialogActions><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="submit" variant="contained">{t('common.save')}</Button></DialogActions>
    </Dialog>
  );
}
