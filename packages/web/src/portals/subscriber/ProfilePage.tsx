/** The subscriber's own profile: contact details and language (saved on the account), and the password. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardContent, Grid, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../api/client.ts';
import type { OwnProfile, OwnProfileBody } from '../../api/types.ts';
import { isLocale, LOCALES, useI18n } from '../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, PageHeader, useLoad } from '../../ui/common.tsx';
import { PasswordChangeCard } from '../../ui/PasswordChangeCard.tsx';
import { useSubscriber } from './context.ts';

type Form = { first_name: string; last_name: string; email: string; phone: string; address: string; city: string; locale: string };

const toForm = (p: OwnProfile): Form => ({
  first_name: p.first_name, last_name: p.last_name, email: p.email ?? '', phone: p.phone ?? '', address: p.address ?? '', city: p.city ?? '', locale: p.locale ?? '',
});

export default function SubscriberProfilePage() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/me/profile')), []);
  return (
    <>
      <PageHeader title={t('self.profile')} subtitle={t('self.profileEditHelp')} />
      <ErrorAlert error={error} onRetry={reload} />
      {data ? <ProfileForm profile={data} /> : error ? null : <Loading />}
      <PasswordChangeCard />
    </>
  );
}

function ProfileForm({ profile }: { profile: OwnProfile }) {
  const { t, setLocale } = useI18n();
  const { reload } = useSubscriber();
  const [form, setForm] = useState<Form>(() => toForm(profile));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (name: keyof Form, label: string, extra: { type?: string; autoComplete?: string; required?: boolean } = {}) => (
    <TextField fullWidth name={name} label={label} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      error={Boolean(errors[name])} helperText={errors[name]} {...extra} />
  );

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const body: OwnProfileBody = {
      first_name: form.first_name.trim(), last_name: form.last_name.trim(), email: form.email.trim(),
      phone: form.phone.trim() || null, address: form.address.trim() || null, city: form.city.trim() || null,
      locale: isLocale(form.locale) ? form.locale : null,
    };
    const r = await api.PATCH('/api/me/profile', { body });
    setBusy(false);
    if (r.data) {
      setErrors({});
      setForm(toForm(r.data));
      setMessage({ ok: true, text: t('self.saved') });
      if (isLocale(r.data.locale)) setLocale(r.data.locale);
      reload();
      return;
    }
    setErrors(fieldErrors(r.error));
    setMessage({ ok: false, text: r.response.status === 409 ? t('self.emailTaken') : (problemDetail(r.error) ?? t('common.error')) });
  }

  return (
    <Card sx={{ mb: 2, maxWidth: 720 }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('subs.account')} {profile.account_number} · {t('subs.username')} {profile.username}
        </Typography>
        <Stack component="form" spacing={2} onSubmit={save} noValidate>
          {message ? <Alert severity={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid={message.ok ? 'profile-saved' : 'profile-error'}>{message.text}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}>{field('first_name', t('subs.firstName'), { required: true, autoComplete: 'given-name' })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{field('last_name', t('subs.lastName'), { required: true, autoComplete: 'family-name' })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{field('email', t('subs.email'), { type: 'email', required: true, autoComplete: 'email' })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{field('phone', t('subs.phone'), { type: 'tel', autoComplete: 'tel' })}</Grid>
            <Grid size={{ xs: 12, sm: 8 }}>{field('address', t('subs.address'), { autoComplete: 'street-address' })}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{field('city', t('subs.city'), { autoComplete: 'address-level2' })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth name="locale" label={t('common.language')} value={form.locale} onChange={(e) => setForm({ ...form, locale: e.target.value })}
                slotProps={{ select: { displayEmpty: true, inputProps: { 'data-testid': 'profile-locale' } }, inputLabel: { shrink: true } }}>
                <MenuItem value="">{t('subs.ispDefault')}</MenuItem>
                {LOCALES.map((l) => <MenuItem key={l} value={l} lang={l}>{t(`lang.${l}`)}</MenuItem>)}
              </TextField>
            </Grid>
          </Grid>
          <div><Button type="submit" variant="contained" disabled={busy}>{t('common.save')}</Button></div>
        </Stack>
      </CardContent>
    </Card>
  );
}
