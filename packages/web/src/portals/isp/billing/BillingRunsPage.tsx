/** Billing runs: start one for a day and watch its progress (polled), with the history below. */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Card, Chip, CardContent, LinearProgress, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import type { BillingRun } from './types.ts';
import { BillingScheduleCard } from './BillingScheduleCard.tsx';

export default function BillingRunsPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, can } = useIsp();
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const [current, setCurrent] = useState<BillingRun | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/billing-runs', { params: { path: { isp_id: ispId }, query: { limit: 20, offset: 0 } } })), [ispId]);

  useEffect(() => {
    if (!current || current.status !== 'running') return;
    const timer = setTimeout(async () => {
      const r = await api.GET('/api/isp/{isp_id}/billing-runs/{run_id}', { params: { path: { isp_id: ispId, run_id: current.id } } });
      if (r.data) {
        setCurrent(r.data);
        if (r.data.status !== 'running') void reload();
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [current, ispId, reload]);

  async function start() {
    setErr(null);
    const r = await api.POST('/api/isp/{isp_id}/billing-runs', { params: { path: { isp_id: ispId } }, body: { as_of: asOf } });
    if (r.data) { setCurrent(r.data); void reload(); } else setErr(problemDetail(r.error) ?? t('common.error'));
  }
  const pct = current ? (current.total ? Math.min(100, Math.round((current.processed / current.total) * 100)) : current.status === 'running' ? 0 : 100) : 0;
  return (
    <>
      <BillingScheduleCard ispId={ispId} manage={can('billing:configure')} refreshKey={data?.total ?? 0} />
      {can('billing:configure') ? (
        <Card sx={{ mb: 2 }}><CardContent>
          <Typography variant="body2" sx={{ mb: 2 }}>{t('runs.help')}</Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
            <TextField size="small" type="date" label={t('runs.asOf')} value={asOf} onChange={(e) => setAsOf(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
            <Button variant="contained" onClick={() => void start()} disabled={current?.status === 'running'} data-testid="start-run">{t('runs.start')}</Button>
          </Box>
          {err ? <Alert severity="error" sx={{ mt: 2 }}>{err}</Alert> : null}
          {current ? (
            <Box sx={{ mt: 2 }} aria-live="polite">
              <LinearProgress variant="determinate" value={pct} aria-label={t('runs.progress')} />
              <Typography variant="body2" sx={{ mt: 1 }}>
                {t('runs.progressText', { processed: current.processed, total: current.total, invoiced: current.invoiced, failed: current.failed })} · {t(`runs.status.${current.status}`)}
              </Typography>
              {current.error ? <Alert severity="warning" sx={{ mt: 1 }}>{current.error}</Alert> : null}
            </Box>
          ) : null}
        </CardContent></Card>
      ) : null}
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Paper><TableContainer>
          <Table size="small" aria-label={t('runs.title')}>
            <TableHead><TableRow>
              <TableCell>{t('runs.asOf')}</TableCell>
              <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('runs.started')}</TableCell>
              <TableCell align="right">{t('runs.invoiced')}</TableCell>
              <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('runs.failed')}</TableCell>
              <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('runs.amount')}</TableCell>
              <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('runs.schedule.trigger.label')}</TableCell>
              <TableCell>{t('subs.status')}</TableCell>
            </TableRow></TableHead>
            <TableBody>
              {data.items.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.as_of}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{fmt.dateTime(r.started_at)}</TableCell>
                  <TableCell align="right">{fmt.number(r.invoiced)}</TableCell>
                  <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{fmt.number(r.failed)}</TableCell>
                  <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' }, whiteSpace: 'nowrap' }}>{fmt.money(r.total_amount, r.currency)}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t(`runs.schedule.trigger.${r.trigger}`)}</TableCell>
                  <TableCell><Chip size="small" variant="outlined" color={r.status === "failed" ? "error" : r.status === "completed" ? "success" : "info"} label={t(`runs.status.${r.status}`)} /></TableCell>
                </TableRow>
              ))}
              {!data.items.length ? <TableRow><TableCell colSpan={7} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('runs.empty')}</TableCell></TableRow> : null}
            </TableBody>
          </Table>
        </TableContainer></Paper>
      )}
    </>
  );
}
