/** Server-side address pools (Framed-IP-Address leased per session) under the NAS devices: their use, create, delete. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, IconButton, LinearProgress, Paper, Stack, Table, TableBody, TableCell,
  TableContainer, TableHead, TableRow, TextField, Tooltip, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, ok, useLoad } from '../../../ui/common.tsx';

type Pool = { id: string; name: string; first_ip: string; last_ip: string; size: number; in_use: number; offered: number };

export function IpPoolsCard({ ispId, manage }: { ispId: string; manage: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/ip-pools', { params: { path: { isp_id: ispId } } })), [ispId]);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Pool | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function remove(p: Pool) {
    setDeleting(null);
    const r = await api.DELETE('/api/isp/{isp_id}/ip-pools/{pool_id}', { params: { path: { isp_id: ispId, pool_id: p.id } } });
    if (r.response.ok) void reload();
    else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <Box component="section" sx={{ mt: 4 }} aria-labelledby="pools-title">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1, gap: 1, flexWrap: 'wrap' }}>
        <Box>
          <Typography variant="h6" component="h2" id="pools-title">{t('pools.title')}</Typography>
          <Typography variant="body2" color="text.secondary">{t('pools.help')}</Typography>
        </Box>
        {manage ? <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setCreating(true)} data-testid="new-pool">{t('pools.new')}</Button> : null}
      </Stack>
      <ErrorAlert error={error} onRetry={reload} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table size="small" aria-labelledby="pools-title">
              <TableHead>
                <TableRow>
                  <TableCell>{t('pools.name')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('pools.range')}</TableCell>
                  <TableCell>{t('pools.use')}</TableCell>
                  {manage ? <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell>{p.name}<Box component="small" sx={{ display: { xs: 'block', sm: 'none' }, color: 'text.secondary' }}>{p.first_ip}–{p.last_ip}</Box></TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, fontFamily: 'monospace' }}>{p.first_ip} – {p.last_ip}</TableCell>
                    <TableCell sx={{ minWidth: 120 }}>
                      <Typography variant="body2">{t('pools.inUse', { n: fmt.number(p.in_use), size: fmt.number(p.size) })}</Typography>
                      <LinearProgress variant="determinate" value={p.size ? Math.min(100, ((p.in_use + p.offered) / p.size) * 100) : 0} sx={{ mt: 0.5, height: 6, borderRadius: 3 }}
                        aria-label={t('pools.inUse', { n: fmt.number(p.in_use), size: fmt.number(p.size) })} />
                    </TableCell>
                    {manage ? (
                      <TableCell align="right">
                        <Tooltip title={t('common.delete')}><IconButton onClick={() => setDeleting(p)} aria-label={`${t('common.delete')} ${p.name}`}><DeleteIcon /></IconButton></Tooltip>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
                {!data.length ? <TableRow><TableCell colSpan={4} align="center" sx={{ py: 3, color: 'text.secondary' }}>{t('pools.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
      <PoolDialog open={creating} ispId={ispId} onClose={() => setCreating(false)} onSaved={() => { setCreating(false); void reload(); }} />
      <ConfirmDialog open={Boolean(deleting)} title={t('pools.deleteTitle', { name: deleting?.name ?? '' })} body={t('pools.deleteBody')}
        confirmLabel={t('common.delete')} danger onConfirm={() => deleting && void remove(deleting)} onClose={() => setDeleting(null)} />
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
