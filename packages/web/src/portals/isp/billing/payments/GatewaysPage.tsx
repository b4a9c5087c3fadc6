/** Online payment gateways of the ISP: public settings shown, keys write-only (only whether each is set), webhook URL to enter at the gateway. */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardActions, CardContent, Checkbox, Chip, FormControlLabel, Grid, Stack, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../../api/client.ts';
import { useT } from '../../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { useIsp } from '../../context.ts';
import type { Gateway } from './types.ts';

export default function GatewaysPage() {
  const t = useT();
  const { ispId, can, branchId } = useIsp();
  const manage = can('billing:configure') && !branchId;
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/payment-gateways', { params: { path: { isp_id: ispId } } })), [ispId]);
  return (
    <>
      <PageHeader title={t('nav.gateways')} subtitle={t('pay.gw.subtitle')} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Grid container spacing={2}>
          {data.map((g) => <Grid key={g.provider} size={{ xs: 12, md: 6 }}><GatewayCard gateway={g} ispId={ispId} manage={manage} onSaved={() => void reload()} /></Grid>)}
        </Grid>
      )}
    </>
  );
}

function GatewayCard({ gateway: g, ispId, manage, onSaved }: { gateway: Gateway; ispId: string; manage: boolean; onSaved: () => void }) {
  const t = useT();
  const [config, setConfig] = useState<Record<string, string>>(g.config);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [enabled, setEnabled] = useState(g.configured ? g.enabled : true);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [removing, setRemoving] = useState(false);
  const webhook = `${window.location.origin}${g.webhook_path}`;

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const filled = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim()));
    const r = await api.PATCH('/api/isp/{isp_id}/payment-gateways/{provider}', { params: { path: { isp_id: ispId, provider: g.provider } }, body: { enabled, config, secrets: filled } });
    if (r.data) {
      setSecrets({});
      setMessage({ ok: true, text: t('pay.gw.saved') });
      onSaved();
    } else setMessage({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }
  async function remove() {
    setRemoving(false);
    const r = await api.DELETE('/api/isp/{isp_id}/payment-gateways/{provider}', { params: { path: { isp_id: ispId, provider: g.provider } } });
    if (r.response.ok) onSaved();
    else setMessage({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }

  return (
    <Card component="form" onSubmit={save} noValidate sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2">{g.display_name}</Typography>
          <Chip size="small" color={g.configured && g.enabled ? 'success' : 'default'} label={g.configured ? (g.enabled ? t('pay.gw.enabled') : t('pay.gw.disabled')) : t('pay.gw.notConfigured')} />
        </Stack>
        {message ? <Alert severity={message.ok ? 'success' : 'error'} sx={{ mb: 2 }}>{message.text}</Alert> : null}
        <Stack spacing={2}>
          {g.public_fields.map((f) => (
            <TextField key={f} size="small" label={f} name={`${g.provider}-${f}`} value={config[f] ?? ''} disabled={!manage} onChange={(e) => setConfig((c) => ({ ...c, [f]: e.target.value }))} />
          ))}
          {g.secret_fields.map((f) => (
            <TextField key={f} size="small" type="password" autoComplete="new-password" label={f} name={`${g.provider}-${f}`} value={secrets[f] ?? ''} disabled={!manage}
              onChange={(e) => setSecrets((s) => ({ ...s, [f]: e.target.value }))} helperText={g.secrets_set.includes(f) ? t('pay.gw.secretSet') : t('pay.gw.secretMissing')} />
          ))}
          {manage ? <FormControlLabel control={<Checkbox checked={enabled} onChange={(e) => setEnabled(e.target.checked)} name={`${g.provider}-enabled`} />} label={t('pay.gw.enable')} /> : null}
          <Box>
            <Typography variant="caption" color="text.secondary" component="p">{t('pay.gw.webhook')}</Typography>
            <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{webhook}</Typography>
          </Box>
        </Stack>
      </CardContent>
      {manage ? (
        <CardActions>
          <Button type="submit" variant="contained">{t('common.save')}</Button>
          {g.configured ? <Button color="error" onClick={() => setRemoving(true)}>{t('common.delete')}</Button> : null}
        </CardActions>
      ) : null}
      <ConfirmDialog open={removing} title={t('pay.gw.removeTitle')} body={t('pay.gw.removeBody', { name: g.display_name })} confirmLabel={t('common.delete')} danger
        onConfirm={() => void remove()} onClose={() => setRemoving(false)} />
    </Card>
  );
}
