/** ISP settings: branding (name, logo, colours), language, currency, time zone, MFA policy, contact. */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, FormControlLabel, Grid, Switch, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import type { IspPatchBody } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { PageHeader } from '../../../ui/common.tsx';
import { BrandingCard, ispSettingsBody, ispSettingsOf, RegionalCard, useSettingsForm } from '../../../ui/IspSettingsForm.tsx';
import { CustomDomainField } from '../../../ui/fields.tsx';
import { useBrand } from '../../../ui/theme.tsx';
import { useIsp } from '../context.ts';

export default function SettingsPage() {
  const t = useT();
  const { isp, ispId, reloadIsp } = useIsp();
  const { setBrand } = useBrand();
  const { f, set, errors, busy, send } = useSettingsForm(() => ({ ...ispSettingsOf(isp), require_mfa: isp.require_mfa, custom_domain: isp.custom_domain ?? '' }));
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMsg(null);
    const body: IspPatchBody = { ...ispSettingsBody(f), require_mfa: f.require_mfa, custom_domain: f.custom_domain.trim().toLowerCase() || null };
    const r = await send(() => api.PATCH('/api/isp/{isp_id}', { params: { path: { isp_id: ispId } }, body }));
    if (r.data) {
      setBrand({ name: r.data.display_name, logoUrl: r.data.logo_url, primary: r.data.primary_color, secondary: r.data.secondary_color });
      await reloadIsp();
      setMsg({ ok: true, text: t('settings.saved') });
      return;
    }
    setMsg({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }

  return (
    <>
      <PageHeader title={t('nav.settings')} subtitle={isp.portal_url} />
      <Box component="form" onSubmit={submit} noValidate>
        {msg ? <Alert severity={msg.ok ? 'success' : 'error'} sx={{ mb: 2 }} role="status">{msg.text}</Alert> : null}
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <BrandingCard title={t('settings.branding')} f={f} set={set} errors={errors}>
              <Grid size={12}><CustomDomainField value={f.custom_domain} onChange={(v) => set('custom_domain', v)} error={errors.custom_domain} /></Grid>
            </BrandingCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}><RegionalCard f={f} set={set} errors={errors} /></Grid>
          <Grid size={12}>
            <Card><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('settings.security')}</Typography>
              <FormControlLabel control={<Switch checked={f.require_mfa} onChange={(e) => set('require_mfa', e.target.checked)} />} label={t('fields.requireMfa')} />
              <Typography variant="body2" color="text.secondary">{t('fields.requireMfaHelp')}</Typography>
            </CardContent></Card>
          </Grid>
        </Grid>
        <Box sx={{ mt: 2, display: 'flex', justifyContent: 'flex-end' }}>
          <Button type="submit" variant="contained" size="large" disabled={busy}>{t('common.save')}</Button>
        </Box>
      </Box>
    </>
  );
}
