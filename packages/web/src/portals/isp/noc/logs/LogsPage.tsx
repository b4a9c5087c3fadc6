/** Syslog and SNMP trap search: text, kind, severity, device, time range; newest first. */
import { useState } from 'react';
import { Box, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TextField } from '@mui/material';
import { api } from '../../../../api/client.ts';
import { useFormat, useT } from '../../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { useIsp } from '../../context.ts';
import { fromLocalInput, useDevices } from '../alerts/shared.tsx';

export default function LogsPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId } = useIsp();
  const devices = useDevices(ispId);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<'' | 'syslog' | 'trap'>('');
  const [severity, setSeverity] = useState('');
  const [deviceId, setDeviceId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState(50);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/logs', {
    params: { path: { isp_id: ispId }, query: {
      limit: rows, offset: page * rows, ...(q.trim() ? { q: q.trim() } : {}), ...(kind ? { kind } : {}), ...(severity ? { severity: Number(severity) } : {}),
      ...(deviceId ? { device_id: deviceId } : {}), ...(from ? { from: fromLocalInput(from) } : {}), ...(to ? { to: fromLocalInput(to) } : {}),
    } },
  })), [ispId, q, kind, severity, deviceId, from, to, page, rows]);
  const reset = <T,>(fn: (v: T) => void) => (v: T) => { fn(v); setPage(0); };

  return (
    <>
      <PageHeader title={t('noca.nav.logs')} subtitle={t('noca.logs.subtitle')} />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <TextField size="small" label={t('common.search')} value={q} onChange={(e) => reset(setQ)(e.target.value)} sx={{ flex: 2, minWidth: 180 }} />
          <TextField size="small" select label={t('noca.logs.kind')} value={kind} onChange={(e) => reset(setKind)(e.target.value as '')} sx={{ minWidth: 140 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            <MenuItem value="syslog">{t('noca.logs.syslog')}</MenuItem>
            <MenuItem value="trap">{t('noca.logs.trap')}</MenuItem>
          </TextField>
          <TextField size="small" select label={t('noca.logs.severity')} value={severity} onChange={(e) => reset(setSeverity)(e.target.value)} sx={{ minWidth: 160 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {[0, 1, 2, 3, 4, 5, 6, 7].map((s) => <MenuItem key={s} value={String(s)}>{t(`noca.logs.sev.${s}`)}</MenuItem>)}
          </TextField>
          <TextField size="small" select label={t('noca.alerts.device')} value={deviceId} onChange={(e) => reset(setDeviceId)(e.target.value)} sx={{ minWidth: 160 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {devices.map((d) => <MenuItem key={d.id} value={d.id}>{d.name}</MenuItem>)}
          </TextField>
          <TextField size="small" type="datetime-local" label={t('noca.logs.from')} value={from} onChange={(e) => reset(setFrom)(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField size="small" type="datetime-local" label={t('noca.logs.to')} value={to} onChange={(e) => reset(setTo)(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        </Stack>
      </Paper>
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table size="small" aria-label={t('noca.nav.logs')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('noca.logs.received')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.alerts.device')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.logs.severity')}</TableCell>
                  <TableCell>{t('noca.logs.message')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(m.received_at)}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{m.device_name ?? m.source_ip}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t(`noca.logs.sev.${m.severity}`)}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-word', fontFamily: 'monospace', fontSize: 13 }}>
                      {m.community_mismatch ? <Chip size="small" color="warning" variant="outlined" sx={{ marginInlineEnd: 1 }} label={t('noca.logs.communityMismatch')} title={t('noca.logs.communityMismatchHint')} /> : null}
                      <Box component="span" sx={{ color: '#555' }}>{m.kind === 'trap' ? 'TRAP ' : ''}{m.app ? `${m.app}: ` : ''}</Box>{m.message}
                    </TableCell>
                  </TableRow>
                ))}
                {!data.items.length ? <TableRow><TableCell colSpan={4} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('noca.logs.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination component="div" count={data.total} page={page} rowsPerPage={rows} rowsPerPageOptions={[25, 50, 100, 200]}
            onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRows(Number(e.target.value)); setPage(0); }}
            labelRowsPerPage={t('common.rowsPerPage')}
            labelDisplayedRows={({ from: a, to: b, count }) => t('common.rangeOf', { from: fmt.number(a), to: fmt.number(b), count: fmt.number(count) })}
            getItemAriaLabel={(type) => t(`common.page_${type}`)} />
        </Paper>
      )}
    </>
  );
}
