/** Server-side address pools (Framed-IP-Address leased per session) under the NAS devices: their use, create, delete. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, LinearProgress, Stack, TextField, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ok, useLoad } from '../../../ui/common.tsx';
import { CrudTable } from '../../../ui/crud/CrudTable.tsx';
import { DeleteConfirm } from '../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../ui/crud/useCrud.ts';

type Pool = { id: string; name: string; first_ip: string; last_ip: string; size: number; in_use: number; offered: number };

export function IpPoolsCard({ ispId, manage }: { ispId: string; manage: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/ip-pools', { params: { path: { isp_id: ispId } } })), [ispId]);
  const crud = useCrud<Pool>({ reload, remove: (p) => api.DELETE('/api/isp/{isp_id}/ip-pools/{pool_id}', { params: { path: { isp_id: ispId, pool_id: p.id } } }) });

  return (
    <Box component="section" sx={{ mt: 4 }} aria-labelledby="pools-title">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1, gap: 1, flexWrap: 'wrap' }}>
        <Box>
          <Typography variant="h6" component="h2" id="pools-title">{t('pools.title')}</Typography>
          <Typography variant="body2" color="text.secondary">{t('pools.help')}</Typography>
        </Box>
        {manage ? <Button variant="outlined" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-pool">{t('pools.new')}</Button> : null}
      </Stack>
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} labelledBy="pools-title" rowKey={(p) => p.id} empty={t('pools.empty')} emptyPadding={3}
        actions={manage ? { name: (p) => p.name, remove: true, iconSize: 'medium' } : null}
        columns={[
          { header: t('pools.name'), cell: (p) => <>{p.name}<Box component="small" sx={{ display: { xs: 'block', sm: 'none' }, color: 'text.secondary' }}>{p.first_ip}–{p.last_ip}</Box></> },
          { header: t('pools.range'), from: 'sm', sx: { fontFamily: 'monospace' }, cell: (p) => `${p.first_ip} – ${p.last_ip}` },
          { header: t('pools.use'), sx: { minWidth: 120 }, cell: (p) => (
            <>
              <Typography variant="body2">{t('pools.inUse', { n: fmt.number(p.in_use), size: fmt.number(p.size) })}</Typography>
              <LinearProgress variant="determinate" value={p.size ? Math.min(100, ((p.in_use + p.offered) / p.size) * 100) : 0} sx={{ mt: 0.5, height: 6, borderRadius: 3 }}
                aria-label={t('pools.inUse', { n: fmt.number(p.in_use), size: fmt.number(p.size) })} />
            </>
          ) },
        ]} />
      <PoolDialog open={crud.editing !== null} ispId={ispId} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={(p) => t('pools.deleteTitle', { name: p.name })} body={() => t('pools.deleteBody')} />
    </Box>
  );
}

function PoolDialog({ open, ispId, onClose, onSaved }: { open: boolean; ispId: string; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [f, setF] = useState({ name: '', first_ip: '', last_ip: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setF({ name: '', first_ip: '', last_ip: '' });
      setErrors({});
      setGeneral(null);
    }
  }
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await api.POST('/api/isp/{isp_id}/ip-pools', { params: { path: { isp_id: ispId } }, body: { name: f.name.trim(), first_ip: f.first_ip.trim(), last_ip: f.last_ip.trim() } });
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    setGeneral(problemDetail(r.error) ?? t('common.error'));
  }
  const err = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="pool-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="pool-title">{t('pools.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={12}><TextField fullWidth required autoFocus label={t('pools.name')} name="name" value={f.name} onChange={set('name')} {...err('name')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required label={t('pools.first')} name="first_ip" value={f.first_ip} onChange={set('first_ip')} {...err('first_ip')} slotProps={{ htmlInput: { spellCheck: false } }} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required label={t('pools.last')} name="last_ip" value={f.last_ip} onChange={set('last_ip')} {...err('last_ip')} slotProps={{ htmlInput: { spellCheck: false } }} /></Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained">{t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
