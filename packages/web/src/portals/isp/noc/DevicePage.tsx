/** One device: its last poll, its interfaces with current rates, and traffic graphs (bps in/out) over a chosen range. */
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useParams, Link as RouterLink } from 'react-router-dom';
import {
  Alert, Box, Button, Grid, Link, MenuItem, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, ToggleButton, ToggleButtonGroup, Typography,
} from '@mui/material';
import RefreshIcon from '@mui/icons-material/Refresh';
import EditIcon from '@mui/icons-material/EditOutlined';
import { api, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, StatCard, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { DeviceStatus, useBps } from './format.tsx';
import DeviceDialog from './DeviceDialog.tsx';
import NeighboursCard from './NeighboursCard.tsx';
import CapacityWarnings from '../forecast/CapacityWarnings.tsx';
import { bandsOf, loadDeviceForecast } from '../forecast/link-forecast.ts';

const TrafficChart = lazy(() => import('./TrafficChart.tsx'));
const RANGES = { '1h': 3600, '6h': 6 * 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 } as const;
type Range = keyof typeof RANGES;

export default function DevicePage() {
  const t = useT();
  const fmt = useFormat();
  const bps = useBps();
  const { deviceId = '' } = useParams();
  const { ispId, base, can } = useIsp();
  const path = { isp_id: ispId, device_id: deviceId };
  const device = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/devices/{device_id}', { params: { path } })), [ispId, deviceId]);
  const ifaces = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/devices/{device_id}/interfaces', { params: { path } })), [ispId, deviceId]);
  const [picked, setPicked] = useState<string>('');
  const [range, setRange] = useState<Range>('6h');
  const [busy, setBusy] = useState(false);
  const [pollError, setPollError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  // The busiest interface by default, so the graph shows something useful at once.
  const iface = picked || ([...(ifaces.data ?? [])].sort((a, b) => ((b.in_bps ?? 0) + (b.out_bps ?? 0)) - ((a.in_bps ?? 0) + (a.out_bps ?? 0)))[0]?.id ?? '');
  const metrics = useLoad(async () => (iface ? ok(await api.GET('/api/noc/{isp_id}/devices/{device_id}/metrics', {
    params: { path, query: { metric: 'if_in_bps,if_out_bps', interface_id: iface, from: new Date(Date.now() - RANGES[range] * 1000).toISOString() } },
  })) : null), [ispId, deviceId, iface, range]);
  const forecast = useLoad(() => loadDeviceForecast(ispId, deviceId), [ispId, deviceId]);
  // The forecast (the next week, hourly) is drawn on the ranges whose points are that coarse or coarser.
  const showForecast = range === '24h' || range === '7d' || range === '30d';
  const bands = useMemo(() => (showForecast && forecast.data && iface ? bandsOf(forecast.data.links, iface, { in: t('forecast.chart.in'), out: t('forecast.chart.out') }) : []), [showForecast, forecast.data, iface, t]);
  const format = useCallback((v: number) => bps(v), [bps]);
  const series = useMemo(() => (metrics.data ? [
    { label: t('noc.iface.in'), color: '#1565c0', points: metrics.data.series[0]?.points ?? [] },
    { label: t('noc.iface.out'), color: '#c62828', points: metrics.data.series[1]?.points ?? [] },
  ] : []), [metrics.data, t]);

  async function pollNow() {
    setBusy(true);
    setPollError(null);
    const r = await api.POST('/api/noc/{isp_id}/devices/{device_id}/poll', { params: { path } });
    setBusy(false);
    if (r.data) {
      device.setData(r.data);
      await Promise.all([ifaces.reload(), metrics.reload()]);
    } else setPollError(problemDetail(r.error) ?? t('common.error'));
  }

  const d = device.data;
  const pct = (v: number | null) => (v === null ? '—' : `${fmt.number(Math.round(v * 10) / 10)} %`);
  const ifName = ifaces.data?.find((i) => i.id === iface)?.name ?? '';
  return (
    <>
      <PageHeader title={d?.name ?? t('noc.devices.title')}
        subtitle={<Link component={RouterLink} to={`${base}/noc/devices`}>{t('noc.devices.title')}</Link>}
        actions={d && can('noc:manage') ? (
          <>
            <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>
            <Button variant="contained" startIcon={<RefreshIcon />} onClick={pollNow} disabled={busy} data-testid="poll-now">{t('noc.device.pollNow')}</Button>
          </>
        ) : undefined} />
      <ErrorAlert error={device.error} onRetry={device.reload} />
      {pollError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setPollError(null)}>{pollError}</Alert> : null}
      {!d ? (device.error ? null : <Loading />) : (
        <>
          <Grid container spacing={2} sx={{ mb: 3 }}>
            <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('noc.device.status')} value={<DeviceStatus status={d.status} />} hint={fmt.dateTime(d.last_polled_at)} /></Grid>
            <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('noc.device.latency')} value={d.latency_ms === null ? '—' : `${fmt.number(Math.round(d.latency_ms * 10) / 10)} ms`} hint={`${t('noc.device.loss')}: ${pct(d.loss_percent)}`} /></Grid>
            <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('noc.device.cpu')} value={pct(d.cpu_percent)} hint={`${t('noc.device.memory')}: ${pct(d.memory_percent)}`} /></Grid>
            <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('noc.device.uptime')} value={d.uptime_s === null ? '—' : fmt.duration(d.uptime_s)} /></Grid>
          </Grid>
          {d.last_error ? <Alert severity={d.status === 'down' ? 'error' : 'warning'} sx={{ mb: 2 }}>{d.last_error}</Alert> : null}
          <Paper sx={{ p: 2, mb: 3 }}>
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 2, rowGap: 0.5, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0, wordBreak: 'break-word' } }}>
              <dt>{t('noc.device.mgmtIp')}</dt><dd>{d.mgmt_ip}</dd>
              <dt>{t('noc.device.kind')}</dt><dd>{t(`noc.kinds.${d.kind}`)} · {t(`noc.vendors.${d.vendor}`)}{d.model ? ` · ${d.model}` : ''}</dd>
              <dt>{t('noc.device.site')}</dt><dd>{d.site ?? '—'}</dd>
              <dt>{t('noc.device.sysName')}</dt><dd>{d.sys_name ?? '—'}</dd>
              <dt>{t('noc.device.sysDescr')}</dt><dd>{d.sys_descr ?? '—'}</dd>
              <dt>{t('noc.device.snmp')}</dt><dd>{d.snmp_version === 'none' ? t('noc.device.noSnmp') : `${d.snmp_version} :${d.snmp_port}`}</dd>
              <dt>{t('noc.device.parent')}</dt><dd>{d.parent_id ? <Link component={RouterLink} to={`${base}/noc/devices/${d.parent_id}`}>{t('noc.device.openParent')}</Link> : '—'}</dd>
            </Box>
          </Paper>

          <Paper sx={{ p: 2, mb: 3 }}>
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
              <Typography variant="h6" component="h2" sx={{ flex: 1, minWidth: 200 }}>{t('noc.device.traffic')}</Typography>
              <TextField select size="small" label={t('noc.iface.interface')} value={iface} onChange={(e) => setPicked(e.target.value)} sx={{ minWidth: 180 }}>
                {(ifaces.data ?? []).map((i) => <MenuItem key={i.id} value={i.id}>{i.name}</MenuItem>)}
              </TextField>
              <ToggleButtonGroup size="small" exclusive value={range} onChange={(_e, v: Range | null) => v && setRange(v)} aria-label={t('noc.device.range')}>
                {(Object.keys(RANGES) as Range[]).map((r) => <ToggleButton key={r} value={r}>{r}</ToggleButton>)}
              </ToggleButtonGroup>
            </Box>
            <ErrorAlert error={metrics.error} onRetry={metrics.reload} />
            <CapacityWarnings warnings={forecast.data?.warnings ?? []} links={forecast.data?.links ?? []} interfaceId={iface} />
            {!iface ? <Typography color="text.secondary">{t('noc.device.noInterfaces')}</Typography> : !metrics.data ? <Loading /> : (
              series.every((s) => s.points.length === 0)
                ? <Typography color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>{t('noc.device.noSamples')}</Typography>
                : <Suspense fallback={<Loading />}><TrafficChart series={series} bands={bands} format={format} label={t('noc.device.chartLabel', { name: ifName, range })} /></Suspense>
            )}
            {bands.length && forecast.data ? <Typography variant="caption" color="text.secondary">{t('forecast.chart.caption', { v: forecast.data.model_version })}</Typography> : null}
          </Paper>

          <Paper>
            <TableContainer>
              <Table size="small" aria-label={t('noc.device.interfaces')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('noc.iface.interface')}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noc.iface.oper')}</TableCell>
                    <TableCell align="right">{t('noc.iface.in')}</TableCell>
                    <TableCell align="right">{t('noc.iface.out')}</TableCell>
                    <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noc.iface.speed')}</TableCell>
                    <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('noc.iface.utilisation')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {(ifaces.data ?? []).map((i) => (
                    <TableRow key={i.id} selected={i.id === iface}>
                      <TableCell sx={{ wordBreak: 'break-word' }}>
                        <Link component="button" type="button" onClick={() => setPicked(i.id)}>{i.name}</Link>
                        {i.alias ? <Box component="small" sx={{ display: 'block', color: 'text.secondary' }}>{i.alias}</Box> : null}
                      </TableCell>
                      <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{i.oper_status ?? '—'}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{bps(i.in_bps)}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{bps(i.out_bps)}</TableCell>
                      <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{bps(i.speed_bps)}</TableCell>
                      <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{pct(i.utilisation_percent)}</TableCell>
                    </TableRow>
                  ))}
                  {!ifaces.data?.length ? <TableRow><TableCell colSpan={6} align="center" sx={{ py: 3, color: 'text.secondary' }}>{t('noc.device.noInterfaces')}</TableCell></TableRow> : null}
                </TableBody>
              </Table>
            </TableContainer>
          </Paper>
          <NeighboursCard ispId={ispId} deviceId={deviceId} base={base} reloadKey={d.last_polled_at} />
        </>
      )}
      <DeviceDialog open={editing} device={d ?? null} ispId={ispId} onClose={() => setEditing(false)} onSaved={(x) => { setEditing(false); device.setData(x); }} />
    </>
  );
}
