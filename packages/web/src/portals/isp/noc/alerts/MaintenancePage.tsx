/** Maintenance windows: alerts of a device, a site or the whole ISP inside one are kept but open no incident and page nobody. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, MenuItem, Switch, TextField, useMediaQuery,
  useTheme,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../../api/client.ts';
import { useFormat, useT } from '../../../../i18n/index.tsx';
import { PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { CrudTable } from '../../../../ui/crud/CrudTable.tsx';
import { DeleteConfirm } from '../../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../../ui/crud/useCrud.ts';
import { useIsp } from '../../context.ts';
import { fromLocalInput, toLocalInput, useDevices } from './shared.tsx';
import type { MaintenanceWindow } from './types.ts';

export default function MaintenancePage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, can } = useIsp();
  const manage = can('noc:manage');
  const [past, setPast] = useState(false);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/maintenance', { params: { path: { isp_id: ispId }, query: { include_past: past ? 'true' : 'false' } } })), [ispId, past]);
  const crud = useCrud<MaintenanceWindow>({ reload, remove: (w) => api.DELETE('/api/noc/{isp_id}/maintenance/{id}', { params: { path: { isp_id: ispId, id: w.id } } }) });
  const scope = (w: MaintenanceWindow) => (w.device_name ? w.device_name : w.site ? t('noca.maint.siteOf', { site: w.site }) : t('noca.maint.wholeIsp'));
  return (
    <>
      <PageHeader title={t('noca.nav.maintenance')} subtitle={t('noca.maint.subtitle')}
        actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-maintenance">{t('noca.maint.new')}</Button> : undefined} />
      <FormControlLabel sx={{ mb: 1 }} control={<Switch checked={past} onChange={(e) => setPast(e.target.checked)} />} label={t('noca.maint.includePast')} />
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} label={t('noca.nav.maintenance')} rowKey={(w) => w.id} empty={t('noca.maint.empty')}
        actions={manage ? { name: (w) => w.reason, remove: true } : null}
        columns={[
          { header: t('noca.maint.scope'), sx: { wordBreak: 'break-word' }, cell: (w) => <>{scope(w)} {w.active ? <Chip size="small" color="warning" label={t('noca.maint.active')} /> : null}</> },
          { header: t('noca.maint.when'), cell: (w) => `${fmt.dateTime(w.starts_at)} – ${fmt.dateTime(w.ends_at)}` },
          { header: t('noca.maint.reason'), from: 'sm', sx: { wordBreak: 'break-word' }, cell: (w) => w.reason },
        ]} />
      <MaintenanceDialog open={crud.editing !== null} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={() => t('noca.maint.deleteTitle')} body={(w) => w.reason} />
    </>
  );
}

function MaintenanceDialog({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const { ispId } = useIsp();
  const devices = useDevices(ispId);
  const [kind, setKind] = useState<'device' | 'site' | 'isp'>('device');
  const [deviceId, setDeviceId] = useState('');
  const [site, setSite] = useState('');
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      const now = new Date();
      setStarts(toLocalInput(now));
      setEnds(toLocalInput(new Date(now.getTime() + 2 * 3600_000)));
      setReason('');
      setErrors({});
      setGeneral(null);
    }
  }
  const sites = [...new Set(devices.map((d) => d.site).filter((s): s is string => Boolean(s)))];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!starts || !ends) return;
    const r = await api.POST('/api/noc/{isp_id}/maintenance', { params: { path: { isp_id: ispId } }, body: {
      device_id: kind === 'device' ? deviceId || null : null, site: kind === 'site' ? site.trim() || null : null,
      starts_at: fromLocalInput(starts), ends_at: fromLocalInput(ends), reason: reason.trim(),
    } });
    if (r.data) return onSaved();
    setErrors(fieldErrors(r.error));
    setGeneral(problemDetail(r.error) ?? t('common.error'));
  }
  const err = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="maint-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="maint-title">{t('noca.maint.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={12}>
              <TextField select fullWidth label={t('noca.maint.scope')} value={kind} onChange={(e) => setKind(e.target.value as 'device')}>
                <MenuItem value="device">{t('noca.maint.kind.device')}</MenuItem>
                <MenuItem value="site">{t('noca.maint.kind.site')}</MenuItem>
                <MenuItem value="isp">{t('noca.maint.wholeIsp')}</MenuItem>
              </TextField>
            </Grid>
            {kind === 'device' ? (
              <Grid size={12}>
                <TextField select fullWidth required label={t('noca.alerts.device')} value={deviceId} onChange={(e) => setDeviceId(e.target.value)} {...err('device_id')}>
                  {devices.map((d) => <MenuItem key={d.id} value={d.id}>{d.name}</MenuItem>)}
                </TextField>
              </Grid>
            ) : null}
            {kind === 'site' ? (
              <Grid size={12}>
                <TextField select fullWidth required label={t('noca.maint.kind.site')} value={site} onChange={(e) => setSite(e.target.value)} {...err('site')}>
                  {sites.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
                </TextField>
              </Grid>
            ) : null}
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required type="datetime-local" label={t('noca.maint.starts')} value={starts} onChange={(e) => setStarts(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} {...err('starts_at')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required type="datetime-local" label={t('noca.maint.ends')} value={ends} onChange={(e) => setEnds(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} {...err('ends_at')} /></Grid>
            <Grid size={12}><TextField fullWidth required label={t('noca.maint.reason')} value={reason} onChange={(e) => setReason(e.target.value)} {...err('reason')} /></Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained">{t('common.save')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
