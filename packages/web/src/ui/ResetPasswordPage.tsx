/** The page behind the password-reset e-mail link: /reset-password (founders) or /t/{slug}/reset-password (an ISP's staff and subscribers, branded). */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Alert, Box, Button, Link, Stack, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { AuthCard } from './AuthCard.tsx';
import { BrandMark } from './BrandMark.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { useBrand } from './theme.tsx';

export default function ResetPasswordPage({ slug }: { slug?: string | undefined }) {
  const t = useT();
  const { brand } = useBrand();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const loginPath = slug ? `/t/${slug}/login` : '/login';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFieldError(null);
    if (password !== again) {
      setFieldError(t('pw.mismatch'));
      return;
    }
    setBusy(true);
    const r = await api.POST('/api/auth/password/reset', { body: { token, password } });
    setBusy(false);
    if (r.response.ok) {
      setDone(true);
      return;
    }
    const f = fieldErrors(r.error);
    if (f.password) setError(`${t('pw.new')}: ${f.password}`);
    else if (f.token || r.response.status === 400) setError(problemDetail(r.error)?.includes('invalid') ? t('reset.invalid') : (problemDetail(r.error) ?? t('reset.invalid')));
    else setError(t('common.error'));
  }

  return (
    <AuthCard>
      <Stack spacing={1} sx={{ alignItems: 'center', mb: 3 }}>
        <BrandMark size={56} />
        <Typography variant="h5" component="h1" sx={{ textAlign: 'center' }}>{t('reset.title')}</Typography>
        <Typography variant="body2" color="text.secondary">{brand.name}</Typography>
      </Stack>
      {done ? (
        <Stack spacing={2}>
          <Alert severity="success" role="status">{t('reset.done')}</Alert>
          <Button component={RouterLink} to={loginPath} variant="contained" data-testid="reset-login">{t('login.submit')}</Button>
        </Stack>
      ) : !token ? (
        <Alert severity="error" role="alert">{t('reset.invalid')}</Alert>
      ) : (
        <Box component="form" onSubmit={submit} noValidate>
          <Stack spacing={2}>
            {error ? <Alert severity="error" role="alert">{error}</Alert> : null}
            <TextField label={t('pw.new')} type="password" autoComplete="new-password" required name="password" autoFocus value={password}
              onChange={(e) => setPassword(e.target.value)} helperText={t('pw.rule')} />
            <TextField label={t('pw.again')} type="password" autoComplete="new-password" required name="password_again" value={again}
              onChange={(e) => setAgain(e.target.value)} error={Boolean(fieldError)} helperText={fieldError} />
            <Button type="submit" variant="contained" size="large" disabled={busy || !password || !again}>{t('reset.submit')}</Button>
          </Stack>
        </Box>
      )}
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap', mt: 2 }}>
        <Link component={RouterLink} to={loginPath} variant="body2">{t('reset.backToLogin')}</Link>
        <LanguageSelect />
      </Stack>
    </AuthCard>
  );
}
