/**
 * The private ranges that the server may reach when it calls a URL an ISP gave (a BTCPay server,
 * a NOC webhook receiver). Everything inside the platform's own network is refused otherwise.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../../ui/common.tsx';

const lines = (text: string) => text.split(/[\s,]+/).map((l) => l.trim()).filter(Boolean);

export function OutboundCard() {
  const t = useT();
  const { data, error, loading, setData } = useLoad(async () => ok(await api.GET('/api/founder/system/settings')), []);
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data) setText(data.outbound_allow_cidrs.join('\n'));
  }, [data]);

  async function save() {
    setBusy(true);
    setMsg(null);
    const r = await api.PATCH('/api/founder/system/settings', { body: { outbound_allow_cidrs: lines(text) } });
    setBusy(false);
    if (r.data) {
      setData(r.data);
      setFieldError(undefined);
      setMsg({ severity: 'success', text: t('settings.saved') });
    } else {
      setFieldError(fieldErrors(r.error).outbound_allow_cidrs);
      setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
    }
  }

  return (
    <Card><CardContent>
      <Typography variant="h6" component="h2" gutterBottom>{t('system.outbound.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('system.outbound.hint')}</Typography>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : data ? (
        <>
          <TextField fullWidth multiline minRows={3} name="outbound_allow_cidrs" label={t('system.outbound.label')} value={text}
            onChange={(e) => setText(e.target.value)} error={Boolean(fieldError)} helperText={fieldError ?? t('system.outbound.help')}
            slotProps={{ htmlInput: { spellCheck: false, dir: 'ltr' } }} />
          <Typography variant="body2" sx={{ mt: 1 }}>
            {data.outbound_allow_cidrs_env.length ? t('system.outbound.env', { list: data.outbound_allow_cidrs_env.join(', ') }) : t('system.outbound.envNone')}
          </Typography>
          <Button variant="contained" sx={{ mt: 2 }} onClick={() => void save()} disabled={busy} data-testid="outbound-save">{t('common.save')}</Button>
          {msg ? <Alert severity={msg.severity} sx={{ mt: 2 }} aria-live="polite">{msg.text}</Alert> : null}
        </>
      ) : null}
    </CardContent></Card>
  );
}
