/** The login page: the platform's at /login, an ISP's (with its branding) at /t/{slug}/login. */
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle,
  Link, Stack, TextField, Typography,
} from '@mui/material';
import { api } from '../api/client.ts';
import { homeOf, useAuth } from '../auth/AuthProvider.tsx';
import { useT } from '../i18n/index.tsx';
import { AuthCard } from './AuthCard.tsx';
import { BrandMark } from './BrandMark.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { useBrand } from './theme.tsx';

export default function LoginPage({ slug }: { slug?: string | undefined }) {
  const t = useT();
  const { brand } = useBrand();
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [forgotOpen, setForgotOpen] = useState(false);

  if (me) return <Navigate to={homeOf(me)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await login({ email: email.trim(), password, totp: needTotp && totp ? totp.trim() : undefined, isp: slug });
    setBusy(false);
    if (r.ok) {
      const from = (location.state as { from?: string } | null)?.from;
      const home = homeOf(r.me);
      navigate(from && from.startsWith(home) ? from : home, { replace: true });
      return;
    }
    if (r.mfaRequired) {
      if (needTotp) setError(t('login.badCode'));
      setNeedTotp(true);
      return;
    }
    setError(r.status === 401 ? t('login.invalid') : r.status === 429 ? t('login.locked') : (r.message ?? t('common.error')));
  }

  return (
    <>
      <AuthCard>
        <Stack spacing={1} sx={{ alignItems: 'center', mb: 3 }}>
          <BrandMark size={56} />
          <Typography variant="h5" component="h1" sx={{ textAlign: 'center' }}>{brand.name}</Typography>
          <Typography variant="body2" color="text.secondary">{slug ? t('login.subtitleIsp') : t('login.subtitlePlatform')}</Typography>
        </Stack>
        <Box component="form" onSubmit={submit} noValidate>
          <Stack spacing={2}>
            {error ? <Alert severity="error" role="alert">{error}</Alert> : null}
            <TextField label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus name="email" />
            <TextField label={t('login.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} name="password" />
            {needTotp ? (
              <TextField label={t('login.totp')} helperText={t('login.totpHelp')} autoComplete="one-time-code" value={totp} onChange={(e) => setTotp(e.target.value)} name="totp" autoFocus slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
            ) : null}
            <Button type="submit" variant="contained" size="large" disabled={busy || !email || !password}>
              {busy ? t('login.signingIn') : t('login.submit')}
            </Button>
            <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
              <Link component="button" type="button" variant="body2" onClick={() => setForgotOpen(true)}>{t('login.forgot')}</Link>
              <LanguageSelect />
            </Stack>
          </Stack>
        </Box>
      </AuthCard>
      <ForgotDialog open={forgotOpen} onClose={() => setForgotOpen(false)} slug={slug} initialEmail={email} />
    </>
  );
}

function ForgotDialog({ open, onClose, slug, initialEmail }: { open: boolean; onClose: () => void; slug?: string | undefined; initialEmail: string }) {
  const t = useT();
  const [email, setEmail] = useState(initialEmail);
  const [sent, setSent] = useState(false);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="forgot-title" fullWidth maxWidth="xs">
      <DialogTitle id="forgot-title">{t('login.forgotTitle')}</DialogTitle>
      <DialogContent>
        {sent ? (
          <Alert severity="success">{t('login.forgotSent')}</Alert>
        ) : (
          <>
            <DialogContentText sx={{ mb: 2 }}>{t('login.forgotHelp')}</DialogContentText>
            <TextField label={t('login.email')} type="email" fullWidth value={email} onChange={(e) => setEmail(e.target.value)} />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
        {!sent ? (
          <Button variant="contained" disabled={!email} onClick={async () => {
            await api.POST('/api/auth/password/forgot', { body: { email, isp: slug } });
            setSent(true);
          }}>{t('login.forgotSend')}</Button>
        ) : null}
      </DialogActions>
    </Dialog>
  );
}
