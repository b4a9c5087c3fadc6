/** The daily automatic billing run: on or off, its hour in the ISP's time zone, the next and the last automatic run. */
import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, FormControlLabel, MenuItem, Switch, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, ok, useLoad } from '../../../ui/common.tsx';

const hours = Array.from({ length: 24 }, (_, h) => h);
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

export function BillingScheduleCard({ ispId, manage, refreshKey }: { ispId: string; manage: boolean; refreshKey: number }) {
  const t = useT();
  const fmt = useFormat();
  const { data, error, reload, setData } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/billing-runs/schedule', { params: { path: { isp_id: ispId } } })), [ispId, refreshKey]);
  const [edit, setEdit] = useState<{ enabled: boolean; hour: number } | null>(null);
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const form = edit ?? (data ? { enabled: data.enabled, hour: data.hour } : null);

  async function save() {
    if (!form) return;
    setBusy(true);
    setMsg(null);
    const r = await api.PATCH('/api/isp/{isp_id}/billing-runs/schedule', { params: { path: { isp_id: ispId } }, body: form });
    setBusy(false);
    if (r.data) { setData(r.data); setEdit(null); setMsg({ severity: 'success', text: t('runs.schedule.saved') }); }
    else setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
  }
  const last = data?.last_automatic_run;
  return (
    <Card sx={{ mb: 2 }} data-testid="billing-schedule"><CardContent>
      <Typography variant="h6" component="h2">{t('runs.schedule.title')}</Typography>
      <ErrorAlert error={error} onRetry={reload} />
      {data && form ? (
        <>
          <Typography variant="body2" sx={{ my: 1 }}>{data.enabled ? t('runs.schedule.help', { time: hh(data.hour), zone: data.timezone }) : t('runs.schedule.off')}</Typography>
          {manage ? (
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
              <FormControlLabel control={<Switch checked={form.enabled} onChange={(e) => setEdit({ ...form, enabled: e.target.checked })} name="auto_run_enabled" />} label={t('runs.schedule.enabled')} />
              <TextField select size="small" label={t('runs.schedule.hour')} name="auto_run_hour" value={form.hour} disabled={!form.enabled} onChange={(e) => setEdit({ ...form, hour: Number(e.target.value) })} sx={{ minWidth: 120 }}>
                {hours.map((h) => <MenuItem key={h} value={h}>{hh(h)}</MenuItem>)}
              </TextField>
              <Button variant="outlined" onClick={() => void save()} disabled={busy || !edit}>{t('runs.schedule.save')}</Button>
            </Box>
          ) : null}
          {msg ? <Alert severity={msg.severity} sx={{ mb: 1 }} onClose={() => setMsg(null)}>{msg.text}</Alert> : null}
          {data.next_run_at ? <Typography variant="body2" color="text.secondary">{t('runs.schedule.next', { date: fmt.dateTime(data.next_run_at) })}</Typography> : null}
          <Typography variant="body2" color="text.secondary" data-testid="last-automatic-run">
            {last ? t('runs.schedule.last', { date: fmt.dateTime(last.started_at), invoiced: fmt.number(last.invoiced), status: t(`runs.status.${last.status}`) }) : t('runs.schedule.never')}
          </Typography>
        </>
      ) : null}
    </CardContent></Card>
  );
}
