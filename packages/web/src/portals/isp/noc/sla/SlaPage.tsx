/** SLA definitions (ISP-wide or per business customer) with this month's measurement, breaches and a per-day timeline. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Autocomplete, Box, Button, Card, CardActions, CardContent, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Grid, MenuItem, Stack, TextField,
  Tooltip, Typography, useMediaQuery, useTheme,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../../api/client.ts';
import { useFormat, useT } from '../../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { DeleteConfirm } from '../../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../../ui/crud/useCrud.ts';
import { useIsp } from '../../context.ts';
import { useDevices } from '../alerts/shared.tsx';
import type { Sla, SlaReport } from '../alerts/types.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(3)}%`);

export default function SlaPage() {
  const t = useT();
  const { ispId, can } = useIsp();
  const manage = can('noc:manage');
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/sla', { params: { path: { isp_id: ispId } } })), [ispId]);
  const crud = useCrud<Sla>({ reload, remove: (s) => api.DELETE('/api/noc/{isp_id}/sla/{id}', { params: { path: { isp_id: ispId, id: s.id } } }) });
  const [timeline, setTimeline] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('noca.nav.sla')} subtitle={t('noca.sla.subtitle')}
        actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-sla">{t('noca.sla.new')}</Button> : undefined} />
      <ErrorAlert error={error} onRetry={reload} />
      {crud.error ? <Alert severity="error" sx={{ mb: 2 }} onClose={crud.clearError}>{crud.error}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <Stack spacing={2}>
          {!data.length ? <Typography color="text.secondary">{t('noca.sla.empty')}</Typography> : null}
          {data.map((s) => (
            <Card key={s.id} variant="outlined">
              <CardContent>
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between' }}>
                  <Box>
                    <Typography variant="h6" component="h2" sx={{ wordBreak: 'break-word' }}>{s.name}</Typography>
                    <Typography variant="body2" color="text.secondary">{s.subscriber_name ? t('noca.sla.forCustomer', { name: s.subscriber_name }) : t('noca.sla.ispWide')}</Typography>
                  </Box>
                  <Box>{s.breached ? <Chip color="error" label={t('noca.sla.breached')} /> : <Chip color="success" variant="outlined" label={t('noca.sla.met')} />}</Box>
                </Stack>
                <Grid container spacing={2} sx={{ mt: 1 }}>
                  <Metric label={t('noca.sla.availability')} value={pct(s.month.availability)} target={`${s.availability_target}%`} />
                  <Metric label={t('noca.sla.latency')} value={s.month.latency_ms === null ? '—' : `${s.month.latency_ms.toFixed(1)} ms`} target={s.latency_target_ms ? `${s.latency_target_ms} ms` : '—'} />
                  <Metric label={t('noca.sla.mttr')} value={s.month.mttr_minutes === null ? '—' : `${Math.round(s.month.mttr_minutes)} min`} target={s.mttr_target_minutes ? `${s.mttr_target_minutes} min` : '—'} />
                </Grid>
                {s.breach_reason ? <Alert severity="error" sx={{ mt: 2 }}>{s.breach_reason}</Alert> : null}
                {timeline === s.id ? <Timeline sla={s} /> : null}
              </CardContent>
              <CardActions>
                <Button onClick={() => setTimeline(timeline === s.id ? null : s.id)} aria-expanded={timeline === s.id}>{t('noca.sla.timeline')}</Button>
                {manage ? <Button onClick={() => crud.edit(s)}>{t('common.edit')}</Button> : null}
                {manage ? <Button color="error" onClick={() => crud.askDelete(s)}>{t('common.delete')}</Button> : null}
              </CardActions>
            </Card>
          ))}
        </Stack>
      )}
      <SlaDialog open={crud.editing !== null} sla={crud.subject} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={() => t('noca.sla.deleteTitle')} body={(s) => s.name} />
    </>
  );
}

function Metric({ label, value, target }: { label: string; value: string; target: string }) {
  const t = useT();
  return (
    <Grid size={{ xs: 12, sm: 4 }}>
      <Typography variant="body2" color="text.secondary">{label}</Typography>
      <Typography variant="h6" component="p">{value}</Typography>
      <Typography variant="caption" color="text.secondary">{t('noca.sla.target', { target })}</Typography>
    </Grid>
  );
}

/** The last 30 days, one bar per day: green when the day met the target, red when not, grey without data. */
function Timeline({ sla }: { sla: Sla }) {
  const t = useT();
  const fmt = useFormat();
  const { ispId } = useIsp();
  const [from] = useState(() => new Date(Date.now() - 29 * 86400_000).toISOString().slice(0, 10) + 'T00:00:00Z');
  const { data, error } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/sla/{id}/report', { params: { path: { isp_id: ispId, id: sla.id }, query: { from } } })), [ispId, sla.id, from]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  const color = (d: SlaReport['days'][number]) => (d.availability === null ? '#bdbdbd' : d.availability >= sla.availability_target ? '#2e7d32' : '#c62828');
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3">{t('noca.sla.last30', { availability: pct(data.measured.availability) })}</Typography>
      <Box role="list" aria-label={t('noca.sla.timeline')} sx={{ display: 'flex', gap: '2px', alignItems: 'flex-end', height: 48, mt: 1 }}>
        {data.days.map((d) => {
          const label = `${fmt.day(d.date)}: ${d.availability === null ? t('noca.sla.noData') : pct(d.availability)}${d.down_s ? ` · ${t('noca.sla.down', { d: fmt.duration(d.down_s) })}` : ''}`;
          return (
            <Tooltip key={d.date} title={label}>
              <Box role="listitem" aria-label={label} tabIndex={0}
                sx={{ flex: 1, minWidth: 4, height: d.availability === null ? 12 : Math.max(8, 48 - (100 - d.availability) * 4), bgcolor: color(d), borderRadius: '2px' }} />
            </Tooltip>
          );
        })}
      </Box>
      <Stack direction="row" spacing={2} sx={{ mt: 1, flexWrap: 'wrap' }}>
        <Typography variant="caption">{fmt.day(data.days[0]?.date ?? data.from)}</Typography>
        <Typography variant="caption" sx={{ flex: 1, textAlign: 'end' }}>{fmt.day(data.days.at(-1)?.date ?? data.to)}</Typography>
      </Stack>
    </Box>
  );
}

type Option = { id: string; label: string };
function SlaDialog({ open, sla, onClose, onSaved }: { open: boolean; sla: Sla | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const { ispId } = useIsp();
  const devices = useDevices(ispId);
  const [name, setName] = useState('');
  const [deviceIds, setDeviceIds] = useState<string[]>([]);
  const [customer, setCustomer] = useState<Option | null>(null);
  const [customerQ, setCustomerQ] = useState('');
  const [availability, setAvailability] = useState('99.9');
  const [latency, setLatency] = useState('');
  const [mttr, setMttr] = useState('');
  const [emails, setEmails] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  const customers = useLoad(async () => (open ? ok(await api.GET('/api/isp/{isp_id}/subscribers', { params: { path: { isp_id: ispId }, query: { limit: 20, ...(customerQ ? { q: customerQ } : {}) } } })).items : []), [ispId, customerQ, open]);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setErrors({});
      setGeneral(null);
      setName(sla?.name ?? '');
      setDeviceIds(sla?.device_ids ?? []);
      setCustomer(sla?.subscriber_id ? { id: sla.subscriber_id, label: sla.subscriber_name ?? sla.subscriber_id } : null);
      setAvailability(String(sla?.availability_target ?? '99.9'));
      setLatency(sla?.latency_target_ms ? String(sla.latency_target_ms) : '');
      setMttr(sla?.mttr_target_minutes ? String(sla.mttr_target_minutes) : '');
      setEmails(sla?.notify_emails.join(', ') ?? '');
    }
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      name: name.trim(), device_ids: deviceIds, subscriber_id: customer?.id ?? null, availability_target: Number(availability),
      latency_target_ms: latency ? Number(latency) : null, mttr_target_minutes: mttr ? Number(mttr) : null, notify_emails: emails.split(/[,\s]+/).filter(Boolean),
    };
    const r = sla
      ? await api.PATCH('/api/noc/{isp_id}/sla/{id}', { params: { path: { isp_id: ispId, id: sla.id } }, body })
      : await api.POST('/api/noc/{isp_id}/sla', { params: { path: { isp_id: ispId } }, body });
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }
  const err = (k: string, help?: string) => ({ error: Boolean(errors[k]), helperText: errors[k] ?? help });
  const options: Option[] = (customers.data ?? []).map((s) => ({ id: s.id, label: `${s.first_name} ${s.last_name} (${s.username})` }));
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="sla-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="sla-title">{sla ? t('noca.sla.edit') : t('noca.sla.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={12}><TextField fullWidth required autoFocus label={t('noca.rules.name')} value={name} onChange={(e) => setName(e.target.value)} {...err('name')} /></Grid>
            <Grid size={12}>
              <Autocomplete options={options} value={customer} onChange={(_e, v) => setCustomer(v)} onInputChange={(_e, v, reason) => { if (reason === 'input') setCustomerQ(v); }}
                isOptionEqualToValue={(a, b) => a.id === b.id} filterOptions={(x) => x}
                renderInput={(p) => <TextField {...p} label={t('noca.sla.customer')} helperText={errors.subscriber_id ?? t('noca.sla.customerHelp')} error={Boolean(errors.subscriber_id)} />} />
            </Grid>
            <Grid size={12}>
              <TextField select fullWidth required label={t('noca.sla.devices')} value={deviceIds} {...err('device_ids', t('noca.sla.devicesHelp'))}
                onChange={(e) => setDeviceIds(typeof e.target.value === 'string' ? e.target.value.split(',') : e.target.value as unknown as string[])}
                slotProps={{ select: { multiple: true, renderValue: (v) => (v as string[]).map((id) => devices.find((d) => d.id === id)?.name ?? id).join(', ') } }}>
                {devices.map((d) => <MenuItem key={d.id} value={d.id}>{d.name}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}><TextField fullWidth required type="number" label={t('noca.sla.availabilityTarget')} value={availability} onChange={(e) => setAvailability(e.target.value)} {...err('availability_target')} /></Grid>
            <Grid size={{ xs: 12, sm: 4 }}><TextField fullWidth type="number" label={t('noca.sla.latencyTarget')} value={latency} onChange={(e) => setLatency(e.target.value)} {...err('latency_target_ms')} /></Grid>
            <Grid size={{ xs: 12, sm: 4 }}><TextField fullWidth type="number" label={t('noca.sla.mttrTarget')} value={mttr} onChange={(e) => setMttr(e.target.value)} {...err('mttr_target_minutes')} /></Grid>
            <Grid size={12}><TextField fullWidth label={t('noca.sla.notify')} value={emails} onChange={(e) => setEmails(e.target.value)} {...err('notify_emails', t('noca.sla.notifyHelp'))} /></Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained">{t('common.save')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
