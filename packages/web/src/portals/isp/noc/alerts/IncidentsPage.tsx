/** The NOC board: incidents (acknowledge, assign, comment, resolve; timeline) and the alerts firing now. */
import { useState } from 'react';
import {
  Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, MenuItem, Paper, Stack, Table, TableBody,
  TableCell, TableContainer, TableHead, TablePagination, TableRow, TextField, Typography, useMediaQuery, useTheme,
} from '@mui/material';
import { api, problemDetail } from '../../../../api/client.ts';
import { useFormat, useT } from '../../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { useIsp } from '../../context.ts';
import { SeverityChip } from './shared.tsx';
import type { IncidentDetail } from './types.ts';

type Filter = 'active' | 'resolved' | 'all';

export default function IncidentsPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId } = useIsp();
  const [filter, setFilter] = useState<Filter>('active');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState(25);
  const [open, setOpen] = useState<string | null>(null);
  const incidents = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/incidents', {
    params: { path: { isp_id: ispId }, query: { limit: rows, offset: page * rows, ...(filter === 'all' ? {} : { status: filter }) } },
  })), [ispId, filter, page, rows]);
  const alerts = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/alerts', { params: { path: { isp_id: ispId }, query: { state: 'firing', limit: 100 } } })), [ispId]);
  const reload = () => { void incidents.reload(); void alerts.reload(); };

  return (
    <>
      <PageHeader title={t('noca.nav.incidents')} subtitle={t('noca.incidents.subtitle')} />
      <Paper sx={{ p: 2, mb: 2 }}>
        <TextField select size="small" label={t('noca.incidents.show')} value={filter} onChange={(e) => { setFilter(e.target.value as Filter); setPage(0); }} sx={{ minWidth: 200 }}>
          {(['active', 'resolved', 'all'] as const).map((f) => <MenuItem key={f} value={f}>{t(`noca.incidents.filter.${f}`)}</MenuItem>)}
        </TextField>
      </Paper>
      <ErrorAlert error={incidents.error} onRetry={incidents.reload} />
      {!incidents.data ? (incidents.error ? null : <Loading />) : (
        <Paper sx={{ mb: 3 }}>
          <TableContainer>
            <Table size="small" aria-label={t('noca.nav.incidents')}>
              <TableHead>
                <TableRow>
                  <TableCell>#</TableCell>
                  <TableCell>{t('noca.incidents.title')}</TableCell>
                  <TableCell>{t('noca.severity.label')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.incidents.status')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noca.incidents.assignee')}</TableCell>
                  <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noca.incidents.alerts')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.incidents.opened')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {incidents.data.items.map((i) => (
                  <TableRow key={i.id} hover>
                    <TableCell>{i.number}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-word' }}>
                      <Button variant="text" size="small" onClick={() => setOpen(i.id)} sx={{ textAlign: 'start', textTransform: 'none', p: 0 }} data-testid="incident-open">{i.title}</Button>
                      {i.root_device_name ? <Box component="small" sx={{ display: 'block', color: '#555' }}>{i.root_device_name}</Box> : null}
                    </TableCell>
                    <TableCell><SeverityChip severity={i.severity} /></TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}><Chip size="small" variant="outlined" label={t(`noca.status.${i.status}`)} /></TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{i.assignee_name ?? '—'}</TableCell>
                    <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{fmt.number(i.alerts_firing)} / {fmt.number(i.alerts_total)}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{fmt.dateTime(i.opened_at)}</TableCell>
                  </TableRow>
                ))}
                {!incidents.data.items.length ? <TableRow><TableCell colSpan={7} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('noca.incidents.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination component="div" count={incidents.data.total} page={page} rowsPerPage={rows} rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRows(Number(e.target.value)); setPage(0); }}
            labelRowsPerPage={t('common.rowsPerPage')}
            labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
            getItemAriaLabel={(type) => t(`common.page_${type}`)} />
        </Paper>
      )}
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>{t('noca.alerts.firing')}</Typography>
      <ErrorAlert error={alerts.error} onRetry={alerts.reload} />
      {alerts.data ? (
        <Paper>
          <TableContainer>
            <Table size="small" aria-label={t('noca.alerts.firing')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('noca.alerts.alert')}</TableCell>
                  <TableCell>{t('noca.severity.label')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.alerts.device')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noca.alerts.since')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {alerts.data.items.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell sx={{ wordBreak: 'break-word' }}>
                      {a.title}
                      {a.suppressed ? <Chip size="small" sx={{ ml: 1 }} label={t(`noca.alerts.suppressed.${a.suppressed}`)} /> : null}
                    </TableCell>
                    <TableCell><SeverityChip severity={a.severity} /></TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{a.device_name ?? '—'}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{fmt.dateTime(a.raised_at)}</TableCell>
                  </TableRow>
                ))}
                {!alerts.data.items.length ? <TableRow><TableCell colSpan={4} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('noca.alerts.none')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      ) : null}
      <IncidentDialog id={open} onClose={() => setOpen(null)} onChanged={reload} />
    </>
  );
}

function IncidentDialog({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const { ispId, can } = useIsp();
  const manage = can('noc:manage');
  const { data, error, setData } = useLoad(async () => (id ? ok(await api.GET('/api/noc/{isp_id}/incidents/{id}', { params: { path: { isp_id: ispId, id } } })) : undefined), [ispId, id]);
  const staff = useLoad(async () => (manage && id ? ok(await api.GET('/api/isp/{isp_id}/users', { params: { path: { isp_id: ispId }, query: { limit: 200, sort: 'name' } } })).items : []), [ispId, manage, id]);
  const [comment, setComment] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(kind: 'ack' | 'assign' | 'comment' | 'resolve', body?: object) {
    if (!id) return;
    setBusy(true);
    setActionError(null);
    const path = { params: { path: { isp_id: ispId, id } } };
    const r = kind === 'ack' ? await api.POST('/api/noc/{isp_id}/incidents/{id}/ack', path)
      : kind === 'assign' ? await api.POST('/api/noc/{isp_id}/incidents/{id}/assign', { ...path, body: body as { user_id: string | null } })
        : kind === 'comment' ? await api.POST('/api/noc/{isp_id}/incidents/{id}/comment', { ...path, body: body as { body: string } })
          : await api.POST('/api/noc/{isp_id}/incidents/{id}/resolve', { ...path, body: {} });
    setBusy(false);
    if (r.data) {
      setData(r.data as IncidentDetail);
      if (kind === 'comment') setComment('');
      onChanged();
    } else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <Dialog open={Boolean(id)} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="md" aria-labelledby="incident-title">
      <DialogTitle id="incident-title">{data ? `#${data.number} ${data.title}` : t('common.loading')}</DialogTitle>
      <DialogContent dividers>
        <ErrorAlert error={error} />
        {actionError ? <Alert severity="error" sx={{ mb: 2 }}>{actionError}</Alert> : null}
        {!data ? (error ? null : <Loading />) : (
          <Stack spacing={2}>
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
              <SeverityChip severity={data.severity} />
              <Chip size="small" variant="outlined" label={t(`noca.status.${data.status}`)} />
              {data.root_device_name ? <Chip size="small" variant="outlined" label={data.root_device_name} /> : null}
              <Chip size="small" variant="outlined" label={t('noca.incidents.escalation', { n: data.escalation_level })} />
            </Stack>
            {manage && data.status !== 'resolved' ? (
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
                {data.status === 'open' ? <Button variant="contained" disabled={busy} onClick={() => act('ack')} data-testid="incident-ack">{t('noca.incidents.ack')}</Button> : null}
                <TextField select size="small" label={t('noca.incidents.assignee')} value={data.assignee_id ?? ''} sx={{ minWidth: 200 }}
                  onChange={(e) => act('assign', { user_id: e.target.value || null })} disabled={busy}>
                  <MenuItem value="">{t('noca.incidents.unassigned')}</MenuItem>
                  {(staff.data ?? []).map((u) => <MenuItem key={u.id} value={u.id}>{u.name}</MenuItem>)}
                </TextField>
                <Button color="success" variant="outlined" disabled={busy} onClick={() => act('resolve')} data-testid="incident-resolve">{t('noca.incidents.resolve')}</Button>
              </Stack>
            ) : null}
            <Box>
              <Typography variant="subtitle2" component="h3">{t('noca.incidents.alerts')}</Typography>
              <List dense>
                {data.alerts.map((a) => (
                  <ListItem key={a.id} disableGutters>
                    <ListItemText primary={a.title} secondary={`${t(`noca.alerts.state.${a.state}`)} · ${fmt.dateTime(a.raised_at)}${a.detail ? ` · ${a.detail}` : ''}`} />
                  </ListItem>
                ))}
              </List>
            </Box>
            <Box>
              <Typography variant="subtitle2" component="h3">{t('noca.incidents.timeline')}</Typography>
              <List dense>
                {data.timeline.map((e) => (
                  <ListItem key={e.id} disableGutters>
                    <ListItemText primary={`${t(`noca.event.${e.kind}`)}${e.body ? `: ${e.body}` : ''}`} secondary={`${fmt.dateTime(e.at)}${e.actor_name ? ` · ${e.actor_name}` : ''}`} />
                  </ListItem>
                ))}
              </List>
            </Box>
            {manage ? (
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
                <TextField size="small" fullWidth multiline label={t('noca.incidents.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
                <Button variant="outlined" disabled={busy || !comment.trim()} onClick={() => act('comment', { body: comment.trim() })}>{t('noca.incidents.addComment')}</Button>
              </Stack>
            ) : null}
          </Stack>
        )}
      </DialogContent>
      <DialogActions><Button onClick={onClose}>{t('common.close')}</Button></DialogActions>
    </Dialog>
  );
}
