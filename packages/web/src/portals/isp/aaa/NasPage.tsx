/** NAS devices (routers sending RADIUS) with their online sessions; nas:manage creates, edits, disables and deletes them. The secret is write-only. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, MenuItem, TextField, useMediaQuery, useTheme,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { Nas, NasCreateBody } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { CrudTable } from '../../../ui/crud/CrudTable.tsx';
import { DeleteConfirm } from '../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../ui/crud/useCrud.ts';
import { useIsp } from '../context.ts';
import { IpPoolsCard } from './IpPoolsCard.tsx';
import { NAS_VENDORS } from '../../../api/enums.ts';

type Vendor = (typeof NAS_VENDORS)[number];

export default function NasPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, can } = useIsp();
  const manage = can('nas:manage');
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/nas', { params: { path: { isp_id: ispId } } })), [ispId]);
  const crud = useCrud<Nas>({ reload, remove: (n) => api.DELETE('/api/isp/{isp_id}/nas/{nas_id}', { params: { path: { isp_id: ispId, nas_id: n.id } } }) });

  return (
    <>
      <PageHeader title={t('nav.nas')} subtitle={t('nas.subtitle')}
        actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-nas">{t('nas.new')}</Button> : undefined} />
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} label={t('nav.nas')} rowKey={(n) => n.id} empty={t('nas.empty')}
        actions={manage ? { name: (n) => n.name, edit: true, remove: true } : null}
        columns={[
          { header: t('nas.name'), sx: { wordBreak: 'break-word' },
            cell: (n) => <>{n.name}{n.description ? <Box component="small" sx={{ display: { xs: 'none', sm: 'block' }, color: '#555' }}>{n.description}</Box> : null}</> },
          { header: t('nas.address'), sx: { fontFamily: 'monospace', wordBreak: 'break-all' }, cell: (n) => n.address },
          { header: t('nas.vendor'), from: 'sm', cell: (n) => ((NAS_VENDORS as readonly string[]).includes(n.vendor) ? t(`nas.vendors.${n.vendor}`) : n.vendor) },
          { header: t('nas.online'), from: 'sm', align: 'right', cell: (n) => fmt.number(n.sessions_online ?? 0) },
          { header: t('subs.status'), from: 'sm', cell: (n) => <StatusChip status={n.status} /> },
        ]} />
      <NasDialog open={crud.editing !== null} nas={crud.subject} ispId={ispId} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={() => t('nas.deleteTitle')} body={(n) => t('nas.deleteBody', { name: n.name })} />
      {can('nas:read') ? <IpPoolsCard ispId={ispId} manage={manage} /> : null}
    </>
  );
}

type Form = { name: string; address: string; secret: string; vendor: Vendor; coa_port: string; require_message_authenticator: boolean; description: string; nas_group: string; status: 'active' | 'disabled' };
const empty: Form = { name: '', address: '', secret: '', vendor: 'mikrotik', coa_port: '3799', require_message_authenticator: false, description: '', nas_group: '', status: 'active' };

function NasDialog({ open, nas, ispId, onClose, onSaved }: { open: boolean; nas: Nas | null; ispId: string; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const [f, setF] = useState<Form>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setErrors({});
      setGeneral(null);
      setF(nas ? {
        name: nas.name, address: nas.address, secret: '', vendor: ((NAS_VENDORS as readonly string[]).includes(nas.vendor) ? nas.vendor : 'other') as Vendor,
        coa_port: String(nas.coa_port), require_message_authenticator: nas.require_message_authenticator, description: nas.description ?? '', nas_group: nas.nas_group ?? '',
        status: nas.status === 'disabled' ? 'disabled' : 'active',
      } : empty);
    }
  }
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const common = {
      name: f.name.trim(), address: f.address.trim(), vendor: f.vendor, coa_port: Number(f.coa_port),
      require_message_authenticator: f.require_message_authenticator, description: f.description.trim() || null, nas_group: f.nas_group.trim() || null,
    };
    const r = nas
      ? await api.PATCH('/api/isp/{isp_id}/nas/{nas_id}', { params: { path: { isp_id: ispId, nas_id: nas.id } }, body: { ...common, status: f.status, ...(f.secret ? { secret: f.secret } : {}) } })
      : await api.POST('/api/isp/{isp_id}/nas', { params: { path: { isp_id: ispId } }, body: { ...common, secret: f.secret } satisfies NasCreateBody });
    setBusy(false);
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  const err = (k: string, help?: string) => ({ error: Boolean(errors[k]), helperText: errors[k] ?? help });
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="nas-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="nas-title">{nas ? t('nas.editTitle') : t('nas.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required autoFocus label={t('nas.name')} name="name" value={f.name} onChange={set('name')} {...err('name')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required label={t('nas.address')} name="address" value={f.address} onChange={set('address')} {...err('address', t('nas.addressHelp'))} /></Grid>
            <Grid size={12}>
              <TextField fullWidth required={!nas} type="password" autoComplete="new-password" label={t('nas.secret')} name="secret" value={f.secret} onChange={set('secret')}
                {...err('secret', nas ? t('nas.secretKeep') : t('nas.secretHelp'))} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('nas.vendor')} name="vendor" value={f.vendor} onChange={set('vendor')} {...err('vendor')}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'select-vendor' } as object } }}>
                {NAS_VENDORS.map((v) => <MenuItem key={v} value={v}>{t(`nas.vendors.${v}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField fullWidth type="number" label={t('nas.coaPort')} name="coa_port" value={f.coa_port} onChange={set('coa_port')} slotProps={{ htmlInput: { min: 1, max: 65535 } }} {...err('coa_port')} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth label={t('nas.group')} name="nas_group" value={f.nas_group} onChange={set('nas_group')} {...err('nas_group')} /></Grid>
            <Grid size={12}><TextField fullWidth label={t('plans.description')} name="description" value={f.description} onChange={set('description')} {...err('description')} /></Grid>
            <Grid size={12}>
              <FormControlLabel control={<Checkbox name="require_message_authenticator" checked={f.require_message_authenticator}
                onChange={(e) => setF((x) => ({ ...x, require_message_authenticator: e.target.checked }))} />} label={t('nas.requireMa')} />
            </Grid>
            {nas ? (
              <Grid size={12}>
                <TextField select fullWidth label={t('subs.status')} name="status" value={f.status} onChange={set('status')} {...err('status')}>
                  <MenuItem value="active">{t('status.active')}</MenuItem>
                  <MenuItem value="disabled">{t('status.disabled')}</MenuItem>
                </TextField>
              </Grid>
            ) : null}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>{nas ? t('common.save') : t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
