/** Account security: TOTP enrolment with the QR code, recovery codes shown once, turning MFA off. */
import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../api/client.ts';
import type { MfaSetup } from '../api/types.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useT } from '../i18n/index.tsx';
import { PageHeader } from './common.tsx';
import { PasswordChangeCard } from './PasswordChangeCard.tsx';

export default function SecurityPage() {
  const t = useT();
  const { me, reload } = useAuth();
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [disableOpen, setDisableOpen] = useState(false);
  const [password, setPassword] = useState('');

  async function start() {
    setError(null);
    const r = await api.POST('/api/auth/mfa/setup');
    if (r.data) setSetup(r.data);
    else setError(problemDetail(r.error) ?? t('common.error'));
  }
  async function confirm() {
    setError(null);
    const r = await api.POST('/api/auth/mfa/confirm', { body: { code: code.trim() } });
    if (r.data) {
      setCodes(r.data.recovery_codes);
      setSetup(null);
      setCode('');
      await reload();
    } else setError(problemDetail(r.error) ?? t('security.badCode'));
  }
  async function disable() {
    setError(null);
    const r = await api.POST('/api/auth/mfa/disable', { body: { password } });
    setDisableOpen(false);
    setPassword('');
    if (r.response.ok) await reload();
    else setError(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <>
      <PageHeader title={t('nav.security')} subtitle={me?.email ?? undefined} />
      {me?.mfa_setup_required && !me.mfa_enabled ? <Alert severity="warning" sx={{ mb: 2 }}>{t('security.required')}</Alert> : null}
      {error ? <Alert severity="error" sx={{ mb: 2 }} role="alert">{error}</Alert> : null}
      <Card sx={{ maxWidth: 720 }}>
        <CardContent>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="h6" component="h2">{t('security.mfa')}</Typography>
            <Chip size="small" color={me?.mfa_enabled ? 'success' : 'default'} variant="outlined" label={me?.mfa_enabled ? t('security.on') : t('security.off')} />
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('security.mfaHelp')}</Typography>
          {codes ? (
            <Alert severity="success" sx={{ mb: 2 }}>
              <Typography sx={{ mb: 1 }}>{t('security.recoveryHelp')}</Typography>
              <Box component="ul" sx={{ columns: 2, fontFamily: 'monospace', m: 0, pl: 2 }} data-testid="recovery-codes">
                {codes.map((c) => <li key={c}>{c}</li>)}
              </Box>
            </Alert>
          ) : null}
          {setup ? (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3} sx={{ alignItems: { sm: 'flex-start' } }}>
              <Box component="img" src={setup.qr_code_data_url} alt={t('security.qrAlt')} sx={{ width: 200, height: 200, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }} />
              <Stack spacing={2} sx={{ flex: 1 }}>
                <Typography variant="body2">{t('security.scan')}</Typography>
                <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{t('security.secret')}: {setup.secret}</Typography>
                <TextField label={t('security.code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
                <Stack direction="row" spacing={1}>
                  <Button variant="contained" onClick={confirm} disabled={code.trim().length < 6}>{t('security.confirm')}</Button>
                  <Button onClick={() => setSetup(null)}>{t('common.cancel')}</Button>
                </Stack>
              </Stack>
            </Stack>
          ) : me?.mfa_enabled ? (
            <Button color="error" variant="outlined" onClick={() => setDisableOpen(true)}>{t('security.disable')}</Button>
          ) : (
            <Button variant="contained" onClick={start}>{t('security.enable')}</Button>
          )}
        </CardContent>
      </Card>
      <Box sx={{ mt: 2 }}><PasswordChangeCard /></Box>
      <Dialog open={disableOpen} onClose={() => setDisableOpen(false)} aria-labelledby="mfa-off-title">
        <DialogTitle id="mfa-off-title">{t('security.disable')}</DialogTitle>
        <DialogContent>
          <TextField sx={{ mt: 1 }} fullWidth type="password" autoComplete="current-password" label={t('login.password')} value={password} onChange={(e) => setPassword(e.target.value)} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDisableOpen(false)}>{t('common.cancel')}</Button>
          <Button color="error" variant="contained" onClick={disable} disabled={!password}>{t('security.disable')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
