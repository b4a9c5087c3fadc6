/** NAS devices (routers sending RADIUS) with their online sessions; the shared secret is never shown. */
import { Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { api } from '../../api/client.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../ui/common.tsx';
import { useIsp } from './context.ts';

export default function NasPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/nas', { params: { path: { isp_id: ispId } } })), [ispId]);
  return (
    <>
      <PageHeader title={t('nav.nas')} subtitle={t('nas.subtitle')} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table aria-label={t('nav.nas')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('nas.name')}</TableCell>
                  <TableCell>{t('nas.address')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('nas.vendor')}</TableCell>
                  <TableCell align="right">{t('nas.online')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('subs.status')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((n) => (
                  <TableRow key={n.id}>
                    <TableCell>{n.name}{n.description ? <><br /><small style={{ color: '#555' }}>{n.description}</small></> : null}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{n.address}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{n.vendor}</TableCell>
                    <TableCell align="right">{fmt.number(n.sessions_online ?? 0)}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}><StatusChip status={n.status} /></TableCell>
                  </TableRow>
                ))}
                {!data.length ? <TableRow><TableCell colSpan={5} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('nas.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
    </>
  );
}
