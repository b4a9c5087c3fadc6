/** Create an ISP: slug (its URL), branding, currency, language, time zone, and its first admin account. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Alert, Box, Button, Card, CardContent, Grid, Link, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { CreateIspBody, Isp, Locale } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { PageHeader } from '../../../ui/common.tsx';
import { BrandingCard, ispSettingsBody, RegionalCard, SaasFields, useSaasPlanChoice, useSettingsForm } from '../../../ui/IspSettingsForm.tsx';

const slugify = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').replace(/-+/g, '-').slice(0, 63);

export default function CreateIspPage() {
  const { t, locale } = useI18n();
  const { f, setF, set, errors, setErrors, busy, send } = useSettingsForm(() => ({
    display_name: '', slug: '', logo_url: '', primary_color: '#1565c0', secondary_color: '#00897b', currency: 'USD', default_locale: locale as Locale,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', require_mfa: false, contact_email: '',
    admin_name: '', admin_email: '', admin_password: '',
  }));
  const [slugTouched, setSlugTouched] = useState(false);
  const [general, setGeneral] = useState<string | null>(null);
  const [created, setCreated] = useState<Isp | null>(null);
  const saas = useSaasPlanChoice(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setGeneral(null);
    const body: CreateIspBody = {
      ...ispSettingsBody(f), slug: f.slug, require_mfa: f.require_mfa,
      admin: { name: f.admin_name.trim(), email: f.admin_email.trim(), password: f.admin_password },
    };
    const r = await send(() => api.POST('/api/founder/isp/create', { body }));
    if (r.data) {
      // The ISP exists either way; a refused plan assignment is said, and can be redone on its page.
      const refused = await saas.assign(r.data.id);
      if (refused) setGeneral(refused);
      setCreated(r.data);
      return;
    }
    const fe = fieldErrors(r.error);
    // Admin fields come back as /body/admin/email: show them on the admin inputs.
    for (const er of (r.error as { errors?: { pointer: string; detail: string }[] } | undefined)?.errors ?? []) {
      const m = /\/admin\/(\w+)/.exec(er.pointer);
      if (m?.[1]) fe[`admin_${m[1]}`] = er.detail;
    }
    setErrors(fe);
    setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  const portal = `${window.location.origin}/t/${f.slug || '…'}`;
  if (created) {
    return (
      <>
        <PageHeader title={t('createIsp.doneTitle')} />
        <Alert severity="success" sx={{ mb: 2 }} role="status">{t('createIsp.done', { name: created.display_name })}</Alert>
        {general ? <Alert severity="warning" sx={{ mb: 2 }} role="alert">{general}</Alert> : null}
        <Card sx={{ maxWidth: 640 }}><CardContent>
          <Typography variant="body2" color="text.secondary">{t('createIsp.portalUrl')}</Typography>
          <Link component={RouterLink} to={`/t/${created.slug}/login`} data-testid="portal-link">{`${window.location.origin}/t/${created.slug}`}</Link>
          <Box sx={{ mt: 2, display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="contained" component={RouterLink} to="/founder/isps">{t('nav.isps')}</Button>
            <Button onClick={() => { setCreated(null); setGeneral(null); setSlugTouched(false); setF((x) => ({ ...x, display_name: '', slug: '', admin_name: '', admin_email: '', admin_password: '' })); }}>{t('createIsp.another')}</Button>
          </Box>
        </CardContent></Card>
      </>
    );
  }

  const err = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  return (
    <>
      <PageHeader title={t('nav.createIsp')} subtitle={t('createIsp.subtitle')} />
      <Box component="form" onSubmit={submit} noValidate>
        {general ? <Alert severity="error" sx={{ mb: 2 }} role="alert">{general}</Alert> : null}
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <BrandingCard title={t('createIsp.identity')} f={f} set={set} errors={errors} autoFocus
              onNameChange={(v) => { set('display_name', v); if (!slugTouched) set('slug', slugify(v)); }}>
              <Grid size={12}>
                <TextField fullWidth required label={t('fields.slug')} name="slug" value={f.slug} error={Boolean(errors.slug)} helperText={errors.slug ?? t('createIsp.slugHelp', { url: portal })}
                  onChange={(e) => { setSlugTouched(true); set('slug', slugify(e.target.value)); }} />
              </Grid>
            </BrandingCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <RegionalCard f={f} set={set} errors={errors}><SaasFields f={f} set={set} saas={saas} /></RegionalCard>
          </Grid>
          <Grid size={12}>
            <Card><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('createIsp.admin')}</Typography>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, md: 4 }}><TextField fullWidth required label={t('staff.name')} name="admin_name" value={f.admin_name} onChange={(e) => set('admin_name', e.target.value)} {...err('admin_name')} /></Grid>
                <Grid size={{ xs: 12, md: 4 }}><TextField fullWidth required type="email" label={t('login.email')} name="admin_email" value={f.admin_email} onChange={(e) => set('admin_email', e.target.value)} {...err('admin_email')} /></Grid>
                <Grid size={{ xs: 12, md: 4 }}><TextField fullWidth required type="password" autoComplete="new-password" label={t('login.password')} name="admin_password" value={f.admin_password} onChange={(e) => set('admin_password', e.target.value)} {...err('admin_password')} /></Grid>
              </Grid>
            </CardContent></Card>
          </Grid>
        </Grid>
        <Box sx={{ mt: 2, display: 'flex', justifyContent: 'flex-end' }}>
          <Button type="submit" variant="contained" size="large" disabled={busy}>{t('nav.createIsp')}</Button>
        </Box>
      </Box>
    </>
  );
}
