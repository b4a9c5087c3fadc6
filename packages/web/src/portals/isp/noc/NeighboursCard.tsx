/** The LLDP neighbours a device reported at its last poll, linked to the devices they were matched to. */
import { Link as RouterLink } from 'react-router-dom';
import { Box, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorAlert, ok, useLoad } from '../../../ui/common.tsx';

export default function NeighboursCard({ ispId, deviceId, base, reloadKey }: { ispId: string; deviceId: string; base: string; reloadKey: unknown }) {
  const t = useT();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/devices/{device_id}/neighbours', { params: { path: { isp_id: ispId, device_id: deviceId } } })), [ispId, deviceId, reloadKey]);
  return (
    <Paper sx={{ mt: 3 }}>
      <Typography variant="subtitle1" component="h2" sx={{ px: 2, pt: 1.5 }}>{t('noca.topology.lldp.neighbours')}</Typography>
      <ErrorAlert error={error} onRetry={reload} />
      <TableContainer>
        <Table size="small" aria-label={t('noca.topology.lldp.neighbours')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('noca.topology.lldp.localPort')}</TableCell>
              <TableCell>{t('noca.topology.lldp.neighbour')}</TableCell>
              <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.topology.lldp.remotePort')}</TableCell>
              <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noca.topology.lldp.chassis')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(data ?? []).map((n) => (
              <TableRow key={n.id}>
                <TableCell sx={{ wordBreak: 'break-all' }}>{n.local_port ?? n.local_port_desc ?? '—'}</TableCell>
                <TableCell sx={{ wordBreak: 'break-word' }}>
                  {n.remote_device_id
                    ? <Link component={RouterLink} to={`${base}/noc/devices/${n.remote_device_id}`}>{n.remote_device_name}</Link>
                    : (n.sys_name ?? n.chassis_id)}
                  <Box component="small" sx={{ display: 'block', color: 'text.secondary' }}>
                    {n.matched_by ? t(`noca.topology.lldp.matched.${n.matched_by}`) : t('noca.topology.legend.external')}
                    {n.mgmt_ip ? ` · ${n.mgmt_ip}` : ''}
                  </Box>
                </TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, wordBreak: 'break-all' }}>{n.port_id}{n.port_desc && n.port_desc !== n.port_id ? ` (${n.port_desc})` : ''}</TableCell>
                <TableCell sx={{ display: { xs: 'none', md: 'table-cell' }, wordBreak: 'break-all' }}>{n.chassis_id}</TableCell>
              </TableRow>
            ))}
            {data && !data.length ? <TableRow><TableCell colSpan={4} align="center" sx={{ py: 3, color: 'text.secondary' }}>{t('noca.topology.lldp.noNeighbours')}</TableCell></TableRow> : null}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
