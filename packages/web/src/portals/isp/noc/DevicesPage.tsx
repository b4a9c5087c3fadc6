/** Device inventory: monitored routers, switches, OLTs…; noc:manage adds, edits and removes them. SNMP and API secrets are write-only. */
import { useState } from 'react';
import {
  Alert, Box, Button, IconButton, Link, MenuItem, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TextField, Tooltip,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/EditOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { Link as RouterLink } from 'react-router-dom';
import { api, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { DeviceStatus } from './format.tsx';
import DeviceDialog from './DeviceDialog.tsx';
import type { Device } from './types.ts';
import { DEVICE_STATUSES } from '../../../api/enums.ts';


export default function DevicesPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, base, can } = useIsp();
  const manage = can('noc:manage');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'' | (typeof DEVICE_STATUSES)[number]>('');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState(25);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/devices', {
    params: { path: { isp_id: ispId }, query: { limit: rows, offset: page * rows, sort: 'name', ...(q.trim() ? { q: q.trim() } : {}), ...(status ? { status } : {}) } },
  })), [ispId, q, status, page, rows]);
  const [editing, setEditing] = useState<Device | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Device | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function remove(d: Device) {
    setDeleting(null);
    const r = await api.DELETE('/api/noc/{isp_id}/devices/{device_id}', { params: { path: { isp_id: ispId, device_id: d.id } } });
    if (r.response.ok) await reload();
    else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <>
      <PageHeader title={t('noc.devices.title')} subtitle={t('noc.devices.subtitle')}
        actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="new-device">{t('noc.devices.new')}</Button> : undefined} />
      <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <TextField size="small" label={t('noc.devices.search')} value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} sx={{ minWidth: 220, flex: 1 }} />
        <TextField size="small" select label={t('noc.device.status')} value={status} onChange={(e) => { setStatus(e.target.value as typeof status); setPage(0); }} sx={{ minWidth: 160 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {DEVICE_STATUSES.map((s) => <MenuItem key={s} value={s}>{t(`noc.status.${s}`)}</MenuItem>)}
        </TextField>
      </Box>
      <ErrorAlert error={error} onRetry={reload} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table size="small" aria-label={t('noc.devices.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('noc.device.name')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noc.device.mgmtIp')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noc.device.kind')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noc.device.site')}</TableCell>
                  <TableCell>{t('noc.device.status')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', lg: 'table-cell' } }}>{t('noc.device.lastPolled')}</TableCell>
                  {manage ? <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell sx={{ wordBreak: 'break-word' }}><Link component={RouterLink} to={`${base}/noc/devices/${d.id}`}>{d.name}</Link></TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, fontFamily: 'monospace' }}>{d.mgmt_ip}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t(`noc.kinds.${d.kind}`)}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{d.site ?? '—'}</TableCell>
                    <TableCell><DeviceStatus status={d.status} /></TableCell>
                    <TableCell sx={{ display: { xs: 'none', lg: 'table-cell' } }}>{fmt.dateTime(d.last_polled_at)}</TableCell>
                    {manage ? (
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        <Tooltip title={t('common.edit')}><IconButton size="small" onClick={() => setEditing(d)} aria-label={`${t('common.edit')} ${d.name}`}><EditIcon /></IconButton></Tooltip>
                        <Tooltip title={t('common.delete')}><IconButton size="small" onClick={() => setDeleting(d)} aria-label={`${t('common.delete')} ${d.name}`}><DeleteIcon /></IconButton></Tooltip>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
                {!data.items.length ? <TableRow><TableCell colSpan={7} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('noc.devices.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination component="div" count={data.total} page={page} rowsPerPage={rows} rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRows(Number(e.target.value)); setPage(0); }}
            labelRowsPerPage={t('common.rowsPerPage')} labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from, to, count })} />
        </Paper>
      )}
      <DeviceDialog open={editing !== null} device={editing === 'new' ? null : editing} ispId={ispId}
        onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void reload(); }} />
      <ConfirmDialog open={Boolean(deleting)} title={t('noc.devices.deleteTitle')} body={t('noc.devices.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')} danger onConfirm={() => deleting && remove(deleting)} onClose={() => setDeleting(null)} />
    </>
  );
}
