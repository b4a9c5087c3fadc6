/** The monthly platform billing run: pick a month, bill every ISP on a plan. */
import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Checkbox, FormControlLabel, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';

export function RunCard({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [period, setPeriod] = useState(new Date().toISOString().slice(0, 7));
  const [issue, setIssue] = useState(true);
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    setMsg(null);
    const r = await api.POST('/api/founder/platform-billing/runs', { body: { period, issue } });
    setBusy(false);
    if (r.data) { setMsg({ severity: 'success', text: t('sb.runDone', { n: r.data.invoiced, s: r.data.skipped }) }); onDone(); }
    else setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
  }
  return (
    <Card sx={{ height: '100%' }}><CardContent>
      <Typography variant="h6" component="h2" gutterBottom>{t('sb.run')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('sb.runHint')}</Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField size="small" type="month" label={t('sb.period')} value={period} onChange={(e) => setPeriod(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <FormControlLabel control={<Checkbox checked={issue} onChange={(e) => setIssue(e.target.checked)} />} label={t('sb.issueNow')} />
        <Button variant="contained" onClick={() => void run()} disabled={busy || !/^\d{4}-\d{2}$/.test(period)} data-testid="platform-run">{t('sb.runButton')}</Button>
      </Box>
      {msg ? <Alert severity={msg.severity} sx={{ mt: 2 }} aria-live="polite">{msg.text}</Alert> : null}
    </CardContent></Card>
  );
}
