/** ISP settings: branding (name, logo, colours), language, currency, time zone, MFA policy, contact. */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, FormControlLabel, Grid, MenuItem, Switch, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../api/client.ts';
import type { IspPatchBody, Locale } from '../../api/types.ts';
import { LOCALES, useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/common.tsx';
import { ColorField, CurrencyField, TimezoneField } from '../../ui/fields.tsx';
import { useBrand } from '../../ui/theme.tsx';
import { useIsp } from './context.ts';

export default function SettingsPage() {
  const t = useT();
  const { isp, ispId, reloadIsp } = useIsp();
  const { setBrand } = useBrand();
  const [f, setF] = useState({
    display_name: isp.display_name, logo_url: isp.logo_url ?? '', primary_color: isp.primary_color, secondary_color: isp.secondary_color,
    default_locale: isp.default_locale as Locale, currency: isp.currency, timezone: isp.timezone, require_mfa: isp.require_mfa, contact_email: isp.contact_email ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMsg(null);
    const body: IspPatchBody = {
      display_name: f.display_name.trim(), logo_url: f.logo_url.trim() || null, primary_color: f.primary_color, secondary_color: f.secondary_color,
      default_locale: f.default_locale, currency: f.currency, timezone: f.timezone, require_mfa: f.require_mfa, contact_email: f.contact_email.trim() || null,
    };
    const r = await api.PATCH('/api/isp/{isp_id}', { params: { path: { isp_id: ispId } }, body });
    setBusy(false);
    if (r.data) {
      setBrand({ name: r.data.display_name, logoUrl: r.data.logo_url, primary: r.data.primary_color, secondary: r.data.secondary_color });
      await reloadIsp();
      setMsg({ ok: true, text: t('settings.saved') });
      return;
    }
    const fe = fieldErrors(r.error);
    setErrors(fe);
    setMsg({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }

  return (
    <>
      <PageHeader title={t('nav.settings')} subtitle={isp.portal_url} />
      <Box component="form" onSubmit={submit} noValidate>
        {msg ? <Alert severity={msg.ok ? 'success' : 'error'} sx={{ mb: 2 }} role="status">{msg.text}</Alert> : null}
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <Card sx={{ height: '100%' }}><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('settings.branding')}</Typography>
              <Grid container spacing={2}>
                <Grid size={12}><TextField fullWidth required label={t('fields.displayName')} value={f.display_name} onChange={(e) => set('display_name', e.target.value)} error={Boolean(errors.display_name)} helperText={errors.display_name} /></Grid>
                <Grid size={12}><TextField fullWidth label={t('fields.logoUrl')} value={f.logo_url} onChange={(e) => set('logo_url', e.target.value)} error={Boolean(errors.logo_url)} helperText={errors.logo_url ?? t('fields.logoHelp')} /></Grid>
                <Grid size={{ xs: 12, sm: 6 }}><ColorField name="primary_color" label={t('fields.primary')} value={f.primary_color} onChange={(v) => set('primary_color', v)} error={errors.primary_color} /></Grid>
                <Grid size={{ xs: 12, sm: 6 }}><ColorField name="secondary_color" label={t('fields.secondary')} value={f.secondary_color} onChange={(v) => set('secondary_color', v)} error={errors.secondary_color} /></Grid>
              </Grid>
            </CardContent></Card>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <Card sx={{ height: '100%' }}><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('settings.regional')}</Typography>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, sm: 6 }}>
                  <TextField select fullWidth label={t('fields.defaultLanguage')} value={f.default_locale} onChange={(e) => set('default_locale', e.target.value as Locale)}>
                    {LOCALES.map((l) => <MenuItem key={l} value={l}>{t(`lang.${l}`)}</MenuItem>)}
                  </TextField>
                </Grid>
                <Grid size={{ xs: 12, sm: 6 }}><CurrencyField value={f.currency} onChange={(v) => set('currency', v)} error={errors.currency} /></Grid>
                <Grid size={12}><TimezoneField value={f.timezone} onChange={(v) => set('timezone', v)} error={errors.timezone} /></Grid>
                <Grid size={12}><TextField fullWidth type="email" label={t('fields.contactEmail')} value={f.contact_email} onChange={(e) => set('contact_email', e.target.value)} error={Boolean(errors.contact_email)} helperText={errors.contact_email} /></Grid>
              </Grid>
            </CardContent></Card>
          </Grid>
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
