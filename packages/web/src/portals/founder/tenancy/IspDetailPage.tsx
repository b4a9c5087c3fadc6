/** One ISP for the founder: edit its settings (branding, currency, locale, time zone, custom domain, plan), suspend, resume or terminate it. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import {
  Alert, Box, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Grid, Link,
  Stack, TextField, Typography,
} from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import type { Isp, IspPatchBody } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { CustomDomainField } from '../../../ui/fields.tsx';
import { BrandingCard, ispSettingsBody, ispSettingsOf, RegionalCard, SaasFields, useSaasPlanChoice, useSettingsForm } from '../../../ui/IspSettingsForm.tsx';

export default function IspDetailPage() {
  const t = useT();
  const { ispId = '' } = useParams();
  const { data, error, reload, setData } = useLoad(async () => ok(await api.GET('/api/founder/isp/{isp_id}', { params: { path: { isp_id: ispId } } })), [ispId]);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <Box sx={{ mb: 1 }}><Link component={RouterLink} to="/founder/isps">{t('founder.backToIsps')}</Link></Box>
      <ErrorAlert error={error} onRetry={reload} />
      {saved ? <Alert severity="success" sx={{ mb: 2 }} role="status" onClose={() => setSaved(false)} data-testid="isp-saved">{t('settings.saved')}</Alert> : null}
      {data ? <IspEditor key={data.updated_at} isp={data} onChanged={(x) => { setData(x); setSaved(true); }} /> : error ? null : <Loading />}
    </>
  );
}

function IspEditor({ isp, onChanged }: { isp: Isp; onChanged: (isp: Isp) => void }) {
  const t = useT();
  const fmt = useFormat();
  const { f, set, errors, busy, send } = useSettingsForm(() => ({ ...ispSettingsOf(isp), custom_domain: isp.custom_domain ?? '', require_mfa: isp.require_mfa }));
  const saas = useSaasPlanChoice(isp.id);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [acting, setActing] = useState<'suspend' | 'resume' | null>(null);
  const [terminating, setTerminating] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setMsg(null);
    const body: IspPatchBody = { ...ispSettingsBody(f), custom_domain: f.custom_domain.trim().toLowerCase() || null, require_mfa: f.require_mfa };
    const r = await send(() => api.PATCH('/api/founder/isp/{isp_id}', { params: { path: { isp_id: isp.id } }, body }));
    if (r.data) {
      const refused = await saas.assign(isp.id);
      if (refused) setMsg({ ok: false, text: refused });
      else onChanged(r.data);
      return;
    }
    setMsg({ ok: false, text: r.response.status === 409 ? t('founder.domainTaken') : (problemDetail(r.error) ?? t('common.error')) });
  }

  async function setStatus(verb: 'suspend' | 'resume' | 'terminate') {
    setActing(null);
    setTerminating(false);
    const path = verb === 'suspend' ? '/api/founder/isp/{isp_id}/suspend' : verb === 'resume' ? '/api/founder/isp/{isp_id}/resume' : '/api/founder/isp/{isp_id}/terminate';
    const r = await api.POST(path, { params: { path: { isp_id: isp.id } } });
    if (r.data) onChanged(r.data);
    else setMsg({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }

  const terminated = isp.status === 'terminated';
  return (
    <>
      <PageHeader title={isp.display_name} subtitle={<Link href={isp.portal_url} data-testid="isp-portal-url">{isp.portal_url}</Link>}
        actions={<StatusChip status={isp.status} />} />
      {msg ? <Alert severity={msg.ok ? 'success' : 'error'} sx={{ mb: 2 }} role="alert">{msg.text}</Alert> : null}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('fields.slug')}: {isp.slug} · {t('subs.created')}: {fmt.date(isp.created_at)}
      </Typography>
      <Box component="form" onSubmit={save} noValidate>
        <fieldset disabled={terminated} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <BrandingCard title={t('settings.branding')} f={f} set={set} errors={errors}>
                <Grid size={12}><CustomDomainField value={f.custom_domain} onChange={(v) => set('custom_domain', v)} error={errors.custom_domain} /></Grid>
              </BrandingCard>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <RegionalCard f={f} set={set} errors={errors}><SaasFields f={f} set={set} saas={saas} /></RegionalCard>
            </Grid>
          </Grid>
          <Box sx={{ mt: 2, display: 'flex', justifyContent: 'flex-end' }}>
            <Button type="submit" variant="contained" disabled={busy || terminated}>{t('common.save')}</Button>
          </Box>
        </fieldset>
      </Box>
      <Card sx={{ mt: 2, borderColor: 'error.light' }}>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('founder.statusTitle')}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t(`founder.statusHelp_${isp.status}`)}</Typography>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
            {isp.status === 'active' ? <Button variant="outlined" color="warning" onClick={() => setActing('suspend')}>{t('founder.suspend')}</Button> : null}
            {isp.status === 'suspended' ? <Button variant="outlined" color="success" onClick={() => setActing('resume')}>{t('founder.resume')}</Button> : null}
            {!terminated ? <Button variant="contained" color="error" onClick={() => setTerminating(true)} data-testid="terminate-isp">{t('founder.terminate')}</Button> : null}
          </Stack>
        </CardContent>
      </Card>
      <ConfirmDialog open={Boolean(acting)} title={acting ? t(`founder.${acting}Title`, { name: isp.display_name }) : ''}
        body={acting ? t(`founder.${acting}Body`) : ''} confirmLabel={acting ? t(`founder.${acting}`) : ''} danger={acting === 'suspend'}
        onConfirm={() => acting && void setStatus(acting)} onClose={() => setActing(null)} />
      <TerminateDialog open={terminating} isp={isp} onClose={() => setTerminating(false)} onConfirm={() => void setStatus('terminate')} />
    </>
  );
}

/** Terminating cannot be undone: the founder types the slug to confirm. */
function TerminateDialog({ open, isp, onClose, onConfirm }: { open: boolean; isp: Isp; onClose: () => void; onConfirm: () => void }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="terminate-title">
      <DialogTitle id="terminate-title">{t('founder.terminateTitle', { name: isp.display_name })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('founder.terminateBody')}</DialogContentText>
        <TextField fullWidth autoFocus name="confirm_slug" label={t('founder.typeSlug', { slug: isp.slug })} value={typed} onChange={(e) => setTyped(e.target.value)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color="error" disabled={typed.trim() !== isp.slug} onClick={onConfirm}>{t('founder.terminate')}</Button>
      </DialogActions>
    </Dialog>
  );
}
