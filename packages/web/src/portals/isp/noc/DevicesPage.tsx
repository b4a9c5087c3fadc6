/** Device inventory: monitored routers, switches, OLTs…; noc:manage adds, edits and removes them. SNMP and API secrets are write-only. */
import { useState } from 'react';
import { Box, Button, Link, MenuItem, TablePagination, TextField } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { CrudTable } from '../../../ui/crud/CrudTable.tsx';
import { DeleteConfirm } from '../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../ui/crud/useCrud.ts';
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
  const crud = useCrud<Device>({ reload, remove: (d) => api.DELETE('/api/noc/{isp_id}/devices/{device_id}', { params: { path: { isp_id: ispId, device_id: d.id } } }) });

  return (
    <>
      <PageHeader title={t('noc.devices.title')} subtitle={t('noc.devices.subtitle')}
        actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-device">{t('noc.devices.new')}</Button> : undefined} />
      <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <TextField size="small" label={t('noc.devices.search')} value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} sx={{ minWidth: 220, flex: 1 }} />
        <TextField size="small" select label={t('noc.device.status')} value={status} onChange={(e) => { setStatus(e.target.value as typeof status); setPage(0); }} sx={{ minWidth: 160 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {DEVICE_STATUSES.map((s) => <MenuItem key={s} value={s}>{t(`noc.status.${s}`)}</MenuItem>)}
        </TextField>
      </Box>
      <CrudTable crud={crud} rows={data?.items} loadError={error} onRetry={reload} label={t('noc.devices.title')} rowKey={(d) => d.id} empty={t('noc.devices.empty')}
        actions={manage ? { name: (d) => d.name, edit: true, remove: true } : null}
        columns={[
          { header: t('noc.device.name'), sx: { wordBreak: 'break-word' }, cell: (d) => <Link component={RouterLink} to={`${base}/noc/devices/${d.id}`}>{d.name}</Link> },
          { header: t('noc.device.mgmtIp'), from: 'sm', sx: { fontFamily: 'monospace' }, cell: (d) => d.mgmt_ip },
          { header: t('noc.device.kind'), from: 'md', cell: (d) => t(`noc.kinds.${d.kind}`) },
          { header: t('noc.device.site'), from: 'md', cell: (d) => d.site ?? '—' },
          { header: t('noc.device.status'), cell: (d) => <DeviceStatus status={d.status} /> },
          { header: t('noc.device.lastPolled'), from: 'lg', cell: (d) => fmt.dateTime(d.last_polled_at) },
        ]}
        footer={data ? (
          <TablePagination component="div" count={data.total} page={page} rowsPerPage={rows} rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRows(Number(e.target.value)); setPage(0); }}
            labelRowsPerPage={t('common.rowsPerPage')} labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from, to, count })} />
        ) : null} />
      <DeviceDialog open={crud.editing !== null} device={crud.subject} ispId={ispId} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={() => t('noc.devices.deleteTitle')} body={(d) => t('noc.devices.deleteBody', { name: d.name })} />
    </>
  );
}
