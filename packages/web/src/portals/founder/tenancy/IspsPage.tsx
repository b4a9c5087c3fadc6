/** All ISPs with their figures: search, status filter, suspend/resume, open the ISP's portal. */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import {
  Alert, Button, Chip, Link, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TextField, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, problemDetail } from '../../../api/client.ts';
import type { IspListItem } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';

type Status = 'active' | 'suspended' | 'terminated';

/** The NOC health score, coloured by the NOC dashboard's bands. */
function HealthScore({ score }: { score: number | null }) {
  const t = useT();
  const fmt = useFormat();
  if (score === null) return <Typography variant="body2" color="text.secondary">{t('founder.healthNone')}</Typography>;
  const color = score >= 90 ? 'success' : score >= 70 ? 'warning' : 'error';
  return <Chip size="small" variant="outlined" color={color} label={fmt.number(score)} />;
}

export default function IspsPage() {
  const t = useT();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState(25);
  const [acting, setActing] = useState<{ isp: IspListItem; action: 'suspend' | 'resume' } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { data, error, loading, reload } = useLoad(async () => ok(await api.GET('/api/founder/isp/list', {
    params: { query: { limit: rows, offset: page * rows, sort: '-created_at', ...(q ? { q } : {}), ...(status ? { status } : {}) } },
  })), [q, status, page, rows]);

  async function act() {
    if (!acting) return;
    const { isp, action } = acting;
    setActing(null);
    const path = action === 'suspend' ? '/api/founder/isp/{isp_id}/suspend' : '/api/founder/isp/{isp_id}/resume';
    const r = await api.POST(path, { params: { path: { isp_id: isp.id } } });
    if (r.data) void reload();
    else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <>
      <PageHeader title={t('nav.isps')} subtitle={data ? t('founder.ispCount', { n: fmt.number(data.total) }) : undefined}
        actions={<Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to="/founder/isps/new">{t('nav.createIsp')}</Button>} />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField size="small" label={t('common.search')} value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} sx={{ flex: 2 }} />
          <TextField size="small" select label={t('subs.status')} value={status} onChange={(e) => { setStatus(e.target.value as Status | ''); setPage(0); }} sx={{ flex: 1, minWidth: 160 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {(['active', 'suspended', 'terminated'] as const).map((s) => <MenuItem key={s} value={s}>{t(`status.${s}`)}</MenuItem>)}
          </TextField>
        </Stack>
      </Paper>
      <ErrorAlert error={error} onRetry={reload} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      <Paper>
        <TableContainer>
          <Table aria-label={t('nav.isps')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('founder.isp')}</TableCell>
                <TableCell align="right">{t('nav.subscribers')}</TableCell>
                <TableCell align="right">{t('founder.revenue')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }} align="right">{t('founder.health')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }} align="right">{t('nav.branches')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }} align="right">{t('nav.staff')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('founder.plan')}</TableCell>
                <TableCell>{t('subs.status')}</TableCell>
                <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(data?.items ?? []).map((i) => (
                <TableRow key={i.id} hover>
                  <TableCell>
                    <Link component={RouterLink} to={`/founder/isps/${i.id}`} underline="hover" sx={{ fontWeight: 600 }}>{i.display_name}</Link>
                    <br /><small style={{ color: '#555' }}><Link component={RouterLink} to={`/t/${i.slug}`} color="inherit">/t/{i.slug}</Link> · {i.currency} · {i.timezone}</small>
                  </TableCell>
                  <TableCell align="right">{fmt.number(i.subscribers_total)}<br /><small style={{ color: '#555' }}>{t('founder.activeN', { n: fmt.number(i.subscribers_active) })}</small></TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{fmt.money(i.revenue_this_month, i.currency)}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }} align="right"><HealthScore score={i.health_score} /></TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }} align="right">{fmt.number(i.branches)}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }} align="right">{fmt.number(i.staff)}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{i.billing_plan ?? '—'}</TableCell>
                  <TableCell><StatusChip status={i.status} /></TableCell>
                  <TableCell align="right">
                    {i.status === 'active' ? <Button size="small" color="warning" onClick={() => setActing({ isp: i, action: 'suspend' })}>{t('founder.suspend')}</Button> : null}
                    {i.status === 'suspended' ? <Button size="small" color="success" onClick={() => setActing({ isp: i, action: 'resume' })}>{t('founder.resume')}</Button> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {loading && !data ? <Loading /> : null}
        <TablePagination component="div" count={data?.total ?? 0} page={page} rowsPerPage={rows} rowsPerPageOptions={[10, 25, 50]}
          onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRows(Number(e.target.value)); setPage(0); }}
          labelRowsPerPage={t('common.rowsPerPage')}
          labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
          getItemAriaLabel={(type) => t(`common.page_${type}`)} />
      </Paper>
      <ConfirmDialog open={Boolean(acting)} title={acting ? t(`founder.${acting.action}Title`, { name: acting.isp.display_name }) : ''}
        body={acting ? t(`founder.${acting.action}Body`) : ''} confirmLabel={acting ? t(`founder.${acting.action}`) : ''} danger={acting?.action === 'suspend'}
        onConfirm={act} onClose={() => setActing(null)} />
    </>
  );
}
