/** Dunning settings: reminder days before and after the due date, grace period before suspension, SMS through the ISP's provider; run now. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardActions, CardContent, Checkbox, FormControlLabel, Grid, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../../api/client.ts';
import { useT } from '../../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { useIsp } from '../../context.ts';
import type { DunningSettings, SmsProvider } from './types.ts';

const parseDays = (s: string): number[] | null => {
  const parts = s.split(/[\s,]+/).filter(Boolean);
  if (parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  return parts.map(Number);
};

export default function DunningPage() {
  const t = useT();
  const { ispId, can, branchId } = useIsp();
  const manage = can('billing:configure') && !branchId;
  const settings = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/dunning/settings', { params: { path: { isp_id: ispId } } })), [ispId]);
  const sms = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/sms-provider', { params: { path: { isp_id: ispId } } })), [ispId]);
  const [ran, setRan] = useState<string | null>(null);

  async function runNow() {
    const r = await api.POST('/api/isp/{isp_id}/dunning/run', { params: { path: { isp_id: ispId } } });
    setRan(r.data ? t('pay.dunning.ranResult', { reminders: String(r.data.reminders), suspended: String(r.data.suspended), restored: String(r.data.restored) }) : problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <>
      <PageHeader title={t('nav.dunning')} subtitle={t('pay.dunning.subtitle')}
        actions={manage ? <Button variant="outlined" onClick={() => void runNow()}>{t('pay.dunning.runNow')}</Button> : undefined} />
      {ran ? <Alert severity="info" sx={{ mb: 2 }} onClose={() => setRan(null)}>{ran}</Alert> : null}
      <ErrorAlert error={settings.error ?? sms.error} onRetry={() => { void settings.reload(); void sms.reload(); }} />
      {!settings.data || !sms.data ? <Loading /> : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}><SettingsCard initial={settings.data} ispId={ispId} manage={manage} smsReady={Boolean(sms.data.provider)} /></Grid>
          <Grid size={{ xs: 12, md: 6 }}><SmsCard initial={sms.data} ispId={ispId} manage={manage} onSaved={() => void sms.reload()} /></Grid>
        </Grid>
      )}
    </>
  );
}

function SettingsCard({ initial, ispId, manage, smsReady }: { initial: DunningSettings; ispId: string; manage: boolean; smsReady: boolean }) {
  const t = useT();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [before, setBefore] = useState(initial.reminder_days_before.join(', '));
  const [after, setAfter] = useState(initial.reminder_days_after.join(', '));
  const [grace, setGrace] = useState(String(initial.grace_days));
  const [smsOn, setSmsOn] = useState(initial.sms_enabled);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    const b = parseDays(before);
    const a = parseDays(after);
    if (!b || !a || !/^\d{1,3}$/.test(grace)) return setMsg({ ok: false, text: t('pay.dunning.badDays') });
    const r = await api.PATCH('/api/isp/{isp_id}/dunning/settings', { params: { path: { isp_id: ispId } }, body: { enabled, reminder_days_before: b, reminder_days_after: a, grace_days: Number(grace), sms_enabled: smsOn } });
    setMsg(r.data ? { ok: true, text: t('pay.gw.saved') } : { ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }
  return (
    <Card component="form" onSubmit={save} noValidate>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('pay.dunning.settings')}</Typography>
        {msg ? <Alert severity={msg.ok ? 'success' : 'error'} sx={{ mb: 2 }}>{msg.text}</Alert> : null}
        <Stack spacing={2}>
          <FormControlLabel control={<Checkbox checked={enabled} onChange={(e) => setEnabled(e.target.checked)} name="enabled" disabled={!manage} />} label={t('pay.dunning.enabled')} />
          <TextField size="small" label={t('pay.dunning.before')} name="reminder_days_before" value={before} onChange={(e) => setBefore(e.target.value)} helperText={t('pay.dunning.daysHelp')} disabled={!manage} />
          <TextField size="small" label={t('pay.dunning.after')} name="reminder_days_after" value={after} onChange={(e) => setAfter(e.target.value)} helperText={t('pay.dunning.daysHelp')} disabled={!manage} />
          <TextField size="small" label={t('pay.dunning.grace')} name="grace_days" value={grace} onChange={(e) => setGrace(e.target.value)} helperText={t('pay.dunning.graceHelp')} disabled={!manage} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
          <FormControlLabel control={<Checkbox checked={smsOn} onChange={(e) => setSmsOn(e.target.checked)} name="sms_enabled" disabled={!manage || (!smsReady && !smsOn)} />} label={t('pay.dunning.sms')} />
        </Stack>
      </CardContent>
      {manage ? <CardActions><Button type="submit" variant="contained">{t('common.save')}</Button></CardActions> : null}
    </Card>
  );
}

function SmsCard({ initial, ispId, manage, onSaved }: { initial: SmsProvider; ispId: string; manage: boolean; onSaved: () => void }) {
  const t = useT();
  const [provider, setProvider] = useState(initial.provider ?? initial.available[0] ?? 'twilio');
  const [from, setFrom] = useState(initial.config.from ?? '');
  const [sid, setSid] = useState('');
  const [token, setToken] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    const secrets = Object.fromEntries(Object.entries({ account_sid: sid.trim(), auth_token: token.trim() }).filter(([, v]) => v));
    const r = await api.PATCH('/api/isp/{isp_id}/sms-provider', { params: { path: { isp_id: ispId } }, body: { provider, config: { from: from.trim() }, secrets } });
    if (r.data) { setSid(''); setToken(''); onSaved(); }
    setMsg(r.data ? { ok: true, text: t('pay.gw.saved') } : { ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }
  const setHelp = (k: string) => (initial.secrets_set.includes(k) ? t('pay.gw.secretSet') : t('pay.gw.secretMissing'));
  return (
    <Card component="form" onSubmit={save} noValidate>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('pay.dunning.smsProvider')}</Typography>
        {msg ? <Alert severity={msg.ok ? 'success' : 'error'} sx={{ mb: 2 }}>{msg.text}</Alert> : null}
        <Stack spacing={2}>
          <TextField select size="small" label={t('pay.dunning.provider')} name="provider" value={provider} onChange={(e) => setProvider(e.target.value)} disabled={!manage}>
            {initial.available.map((p) => <MenuItem key={p} value={p}>{p}</MenuItem>)}
          </TextField>
          <TextField size="small" label={t('pay.dunning.from')} name="from" value={from} onChange={(e) => setFrom(e.target.value)} disabled={!manage} />
          <TextField size="small" label="account_sid" name="account_sid" type="password" autoComplete="new-password" value={sid} onChange={(e) => setSid(e.target.value)} helperText={setHelp('account_sid')} disabled={!manage} />
          <TextField size="small" label="auth_token" name="auth_token" type="password" autoComplete="new-password" value={token} onChange={(e) => setToken(e.target.value)} helperText={setHelp('auth_token')} disabled={!manage} />
        </Stack>
      </CardContent>
      {manage ? <CardActions><Button type="submit" variant="contained">{t('common.save')}</Button></CardActions> : null}
    </Card>
  );
}
