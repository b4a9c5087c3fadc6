/** Sessions: who is online now (or the history), per NAS; NOC staff can disconnect a session. */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import {
  Alert, Button, Link, MenuItem, Paper, Snackbar, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TextField,
} from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import { useLive } from '../../../api/live.ts';
import { LiveBadge } from '../../../ui/LiveBadge.tsx';
import type { Session } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';

type State = 'online' | 'closed' | 'all';

export default function SessionsPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, base, can } = useIsp();
  const [state, setState] = useState<State>('online');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState(25);
  const [kick, setKick] = useState<Session | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { data, error, loading, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/sessions', {
    params: { path: { isp_id: ispId }, query: { state, limit: rows, offset: page * rows, ...(q ? { q } : {}) } },
  })), [ispId, state, q, page, rows]);

  const live = useLive(`/api/isp/${ispId}/live`, (e) => {
    if (e.event === 'session') void reload();
  }, () => void reload());

  async function disconnect(s: Session) {
    setKick(null);
    const r = await api.POST('/api/isp/{isp_id}/sessions/{session_id}/disconnect', { params: { path: { isp_id: ispId, session_id: s.id } }, body: {} });
    if (r.data) {
      setMsg(r.data.outcome || t('sessions.kickSent'));
      void reload();
    } else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  async function coa(s: Session) {
    setActionError(null);
    const r = await api.POST('/api/isp/{isp_id}/sessions/{session_id}/coa', { params: { path: { isp_id: ispId, session_id: s.id } }, body: {} });
    if (r.data) setMsg(r.data.outcome);
    else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <>
      <PageHeader title={t('nav.sessions')} subtitle={data ? t('sessions.count', { n: fmt.number(data.total) }) : undefined}
        actions={<Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}><LiveBadge live={live} /><Button onClick={() => void reload()}>{t('common.refresh')}</Button></Stack>} />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField size="small" label={t('common.search')} placeholder={t('sessions.searchHint')} value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} sx={{ flex: 2 }} />
          <TextField size="small" select label={t('sessions.state')} value={state} onChange={(e) => { setState(e.target.value as State); setPage(0); }} sx={{ flex: 1, minWidth: 160 }}>
            {(['online', 'closed', 'all'] as const).map((s) => <MenuItem key={s} value={s}>{t(`sessions.state_${s}`)}</MenuItem>)}
          </TextField>
        </Stack>
      </Paper>
      <ErrorAlert error={error} onRetry={reload} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      <Paper>
        <TableContainer>
          <Table size="small" aria-label={t('nav.sessions')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('subs.username')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('sessions.nas')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sessions.ip')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', lg: 'table-cell' } }}>{t('sessions.started')}</TableCell>
                <TableCell align="right">{t('sessions.duration')}</TableCell>
                <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sessions.traffic')}</TableCell>
                {can('nas:manage') ? <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {(data?.items ?? []).map((s) => (
                <TableRow key={s.id} hover>
                  <TableCell>
                    {s.subscriber_id ? <Link component={RouterLink} to={`${base}/subscribers/${s.subscriber_id}`} underline="hover">{s.username}</Link> : s.username}
                    {s.stop_time ? <><br /><small style={{ color: '#555' }}>{t('sessions.ended', { date: fmt.dateTime(s.stop_time) })}</small></> : null}
                  </TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{s.nas_name ?? s.nas_ip}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, fontFamily: 'monospace' }}>{s.framed_ip ?? '—'}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', lg: 'table-cell' } }}>{fmt.dateTime(s.start_time)}</TableCell>
                  <TableCell align="right">{fmt.duration(s.session_time)}</TableCell>
                  <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' }, whiteSpace: 'nowrap' }}>↓ {fmt.bytes(s.output_octets)} · ↑ {fmt.bytes(s.input_octets)}</TableCell>
                  {can('nas:manage') ? (
                    <TableCell align="right">
                      {!s.stop_time ? (
                        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'flex-end' }}>
                          <Button size="small" onClick={() => void coa(s)} data-testid={`coa-${s.id}`}>{t('sessions.coa')}</Button>
                          <Button size="small" color="error" onClick={() => setKick(s)}>{t('sessions.disconnect')}</Button>
                        </Stack>
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
              {data && !data.items.length ? <TableRow><TableCell colSpan={7} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('sessions.empty')}</TableCell></TableRow> : null}
            </TableBody>
          </Table>
        </TableContainer>
        {loading && !data ? <Loading /> : null}
        <TablePagination component="div" count={data?.total ?? 0} page={page} rowsPerPage={rows} rowsPerPageOptions={[25, 50, 100]}
          onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRows(Number(e.target.value)); setPage(0); }}
          labelRowsPerPage={t('common.rowsPerPage')}
          labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
          getItemAriaLabel={(type) => t(`common.page_${type}`)} />
      </Paper>
      <ConfirmDialog open={Boolean(kick)} title={t('sessions.kickTitle', { name: kick?.username ?? '' })} body={t('sessions.kickBody')}
        confirmLabel={t('sessions.disconnect')} danger onConfirm={() => kick && disconnect(kick)} onClose={() => setKick(null)} />
      <Snackbar open={Boolean(msg)} autoHideDuration={4000} onClose={() => setMsg(null)} message={msg} />
    </>
  );
}
