/** NOC dashboard: devices up/down, network health per ISP and per site (with its formula), busiest links, sessions per NAS. */
import { Box, Grid, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, StatCard, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { DeviceStatus, useBps } from './format.tsx';
import { AlertSummary } from './AlertSummary.tsx';

const tone = (score: number | null) => (score === null ? 'default' : score >= 90 ? 'success' : score >= 70 ? 'warning' : 'error');

export default function NocDashboardPage() {
  const t = useT();
  const fmt = useFormat();
  const bps = useBps();
  const { ispId, base } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/dashboard', { params: { path: { isp_id: ispId } } })), [ispId]);
  const score = (s: number | null) => (s === null ? '—' : fmt.number(s));

  return (
    <>
      <PageHeader title={t('noc.dashboard.title')} subtitle={t('noc.dashboard.subtitle')} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <>
          <Grid container spacing={2} sx={{ mb: 3 }}>
            <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('noc.dashboard.devices')} value={fmt.number(data.devices.total)} /></Grid>
            <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('noc.status.up')} value={fmt.number(data.devices.up)} tone="success" /></Grid>
            <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('noc.status.down')} value={fmt.number(data.devices.down)} tone={data.devices.down ? 'error' : 'default'} /></Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <StatCard label={t('noc.dashboard.health')} value={score(data.health.isp.score)} tone={tone(data.health.isp.score)}
                hint={data.devices.unknown ? t('noc.dashboard.unknown', { count: data.devices.unknown }) : undefined} />
            </Grid>
          </Grid>
          <AlertSummary data={data} base={base} />

          <Paper sx={{ p: 2, mb: 3 }}>
            <Typography variant="h6" component="h2" gutterBottom>{t('noc.dashboard.healthBySite')}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="health-formula">{t('noc.dashboard.formula')}: {t('noc.dashboard.formulaText')}</Typography>
            <TableContainer>
              <Table size="small" aria-label={t('noc.dashboard.healthBySite')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('noc.device.site')}</TableCell>
                    <TableCell align="right">{t('noc.dashboard.score')}</TableCell>
                    <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noc.dashboard.availability')}</TableCell>
                    <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noc.dashboard.reachability')}</TableCell>
                    <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noc.dashboard.headroom')}</TableCell>
                    <TableCell align="right">{t('noc.dashboard.upDown')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.health.sites.map((s) => (
                    <TableRow key={s.site ?? '—'}>
                      <TableCell>{s.site ?? t('noc.dashboard.noSite')}</TableCell>
                      <TableCell align="right"><strong>{score(s.score)}</strong></TableCell>
                      <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{s.availability === null ? '—' : `${fmt.number(Math.round(s.availability * 1000) / 10)} %`}</TableCell>
                      <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{s.reachability === null ? '—' : `${fmt.number(Math.round(s.reachability * 1000) / 10)} %`}</TableCell>
                      <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{s.link_headroom === null ? '—' : `${fmt.number(Math.round(s.link_headroom * 1000) / 10)} %`}</TableCell>
                      <TableCell align="right">{fmt.number(s.devices_up)} / {fmt.number(s.devices_down)}</TableCell>
                    </TableRow>
                  ))}
                  {!data.health.sites.length ? <TableRow><TableCell colSpan={6} align="center" sx={{ py: 3, color: 'text.secondary' }}>{t('noc.devices.empty')}</TableCell></TableRow> : null}
                </TableBody>
              </Table>
            </TableContainer>
          </Paper>

          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 7 }}>
              <Paper sx={{ p: 2 }}>
                <Typography variant="h6" component="h2" gutterBottom>{t('noc.dashboard.busiest')}</Typography>
                <TableContainer>
                  <Table size="small" aria-label={t('noc.dashboard.busiest')}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('noc.dashboard.link')}</TableCell>
                        <TableCell align="right">{t('noc.iface.in')}</TableCell>
                        <TableCell align="right">{t('noc.iface.out')}</TableCell>
                        <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noc.iface.utilisation')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {data.busiest_links.map((l) => (
                        <TableRow key={l.interface_id}>
                          <TableCell sx={{ wordBreak: 'break-word' }}>
                            <Link component={RouterLink} to={`${base}/noc/devices/${l.device_id}`}>{l.device_name}</Link> · {l.interface_name}
                          </TableCell>
                          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{bps(l.in_bps)}</TableCell>
                          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{bps(l.out_bps)}</TableCell>
                          <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{l.utilisation_percent === null ? '—' : `${fmt.number(Math.round(l.utilisation_percent * 10) / 10)} %`}</TableCell>
                        </TableRow>
                      ))}
                      {!data.busiest_links.length ? <TableRow><TableCell colSpan={4} align="center" sx={{ py: 3, color: 'text.secondary' }}>{t('noc.dashboard.noTraffic')}</TableCell></TableRow> : null}
                    </TableBody>
                  </Table>
                </TableContainer>
              </Paper>
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <Paper sx={{ p: 2 }}>
                <Typography variant="h6" component="h2" gutterBottom>{t('noc.dashboard.sessionsPerNas')}</Typography>
                <TableContainer>
                  <Table size="small" aria-label={t('noc.dashboard.sessionsPerNas')}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('nav.nas')}</TableCell>
                        <TableCell align="right">{t('nas.online')}</TableCell>
                        <TableCell>{t('noc.device.status')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {data.sessions_per_nas.map((n) => (
                        <TableRow key={n.nas_id}>
                          <TableCell sx={{ wordBreak: 'break-word' }}>{n.device_id ? <Link component={RouterLink} to={`${base}/noc/devices/${n.device_id}`}>{n.name}</Link> : n.name}</TableCell>
                          <TableCell align="right">{fmt.number(n.sessions_online)}</TableCell>
                          <TableCell>{n.device_status ? <DeviceStatus status={n.device_status} /> : <Box component="span" sx={{ color: 'text.secondary' }}>{t('noc.dashboard.notMonitored')}</Box>}</TableCell>
                        </TableRow>
                      ))}
                      {!data.sessions_per_nas.length ? <TableRow><TableCell colSpan={3} align="center" sx={{ py: 3, color: 'text.secondary' }}>{t('nas.empty')}</TableCell></TableRow> : null}
                    </TableBody>
                  </Table>
                </TableContainer>
              </Paper>
            </Grid>
          </Grid>
        </>
      )}
    </>
  );
}
