/** Change the own password: the current one is required; the server logs out the other sessions and returns fresh tokens for this one. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../api/client.ts';
import { setTokens } from '../api/tokens.ts';
import { useT } from '../i18n/index.tsx';

export function PasswordChangeCard() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(false);
    if (next !== again) {
      setErrors({ again: t('pw.mismatch') });
      return;
    }
    setBusy(true);
    const r = await api.POST('/api/me/password', { body: { current_password: current, new_password: next } });
    setBusy(false);
    if (r.data) {
      setTokens(r.data);
      setCurrent('');
      setNext('');
      setAgain('');
      setErrors({});
      setDone(true);
      return;
    }
    const f = fieldErrors(r.error);
    setErrors(f);
    if (f.current_password) setErrors({ ...f, current_password: t('pw.wrongCurrent') });
    else if (!Object.keys(f).length) setError(r.response.status === 429 ? t('login.locked') : (problemDetail(r.error) ?? t('common.error')));
  }

  return (
    <Card sx={{ maxWidth: 720 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('pw.title')}</Typography>
        <Stack component="form" spacing={2} onSubmit={submit} noValidate sx={{ maxWidth: 420 }}>
          {done ? <Alert severity="success" role="status">{t('pw.done')}</Alert> : null}
          {error ? <Alert severity="error" role="alert">{error}</Alert> : null}
          <TextField name="current_password" type="password" autoComplete="current-password" label={t('pw.current')} value={current} required
            onChange={(e) => setCurrent(e.target.value)} error={Boolean(errors.current_password)} helperText={errors.current_password} />
          <TextField name="new_password" type="password" autoComplete="new-password" label={t('pw.new')} value={next} required
            onChange={(e) => setNext(e.target.value)} error={Boolean(errors.new_password)} helperText={errors.new_password ?? t('pw.rule')} />
          <TextField name="new_password_again" type="password" autoComplete="new-password" label={t('pw.again')} value={again} required
            onChange={(e) => setAgain(e.target.value)} error={Boolean(errors.again)} helperText={errors.again} />
          <div><Button type="submit" variant="contained" disabled={busy || !current || !next || !again}>{t('pw.submit')}</Button></div>
        </Stack>
      </CardContent>
    </Card>
  );
}
