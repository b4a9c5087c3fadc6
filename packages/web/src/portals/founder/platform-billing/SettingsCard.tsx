/** The platform's own invoicing details: who bills the ISPs, in which currency, with which tax and series. */
import { useState } from 'react';
import { Alert, Button, Card, CardContent, Checkbox, FormControlLabel, Grid, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { paths } from '../../../api/schema';
import { useT } from '../../../i18n/index.tsx';

type Settings = paths['/api/founder/platform-billing/settings']['get']['responses'][200]['content']['application/json'];
type Text = 'legal_name' | 'address' | 'country' | 'region' | 'tax_id' | 'currency' | 'invoice_series' | 'tax_name' | 'tax_rate' | 'invoice_footer';
const TEXT: [Text, number][] = [['legal_name', 6], ['tax_id', 6], ['address', 12], ['country', 4], ['region', 4], ['currency', 4],
  ['invoice_series', 4], ['tax_name', 4], ['tax_rate', 4], ['invoice_footer', 12]];
const REQUIRED = new Set<Text>(['legal_name', 'currency', 'invoice_series', 'tax_rate']);

export function SettingsCard({ settings, onChange }: { settings: Settings; onChange: () => void }) {
  const t = useT();
  const [f, setF] = useState(() => ({
    ...Object.fromEntries(TEXT.map(([k]) => [k, settings[k] ?? ''])) as Record<Text, string>,
    payment_terms_days: String(settings.payment_terms_days), prices_include_tax: settings.prices_include_tax, tax_reverse_charge_b2b: settings.tax_reverse_charge_b2b,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    setMsg(null);
    const text = Object.fromEntries(TEXT.map(([k]) => [k, REQUIRED.has(k) ? f[k].trim() : f[k].trim() || null]));
    const r = await api.PATCH('/api/founder/platform-billing/settings', { body: {
      ...text, payment_terms_days: Number(f.payment_terms_days), prices_include_tax: f.prices_include_tax, tax_reverse_charge_b2b: f.tax_reverse_charge_b2b,
    } as Partial<Settings> });
    setBusy(false);
    if (r.data) {
      setErrors({});
      setMsg({ severity: 'success', text: t('settings.saved') });
      onChange();
    } else {
      setErrors(fieldErrors(r.error));
      setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
    }
  }
  return (
    <Card><CardContent>
      <Typography variant="h6" component="h2" gutterBottom>{t('sb.settings.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('sb.settings.hint')}</Typography>
      <Grid container spacing={2}>
        {TEXT.map(([k, md]) => (
          <Grid key={k} size={{ xs: 12, sm: md === 12 ? 12 : 6, md }}>
            <TextField fullWidth size="small" name={k} label={t(`sb.settings.${k}`)} value={f[k]} required={REQUIRED.has(k)}
              multiline={k === 'address' || k === 'invoice_footer'} onChange={(e) => setF((x) => ({ ...x, [k]: e.target.value }))}
              error={Boolean(errors[k])} helperText={errors[k]} />
          </Grid>
        ))}
        <Grid size={{ xs: 12, sm: 6, md: 4 }}>
          <TextField fullWidth size="small" type="number" name="payment_terms_days" label={t('sb.settings.payment_terms_days')} value={f.payment_terms_days}
            onChange={(e) => setF((x) => ({ ...x, payment_terms_days: e.target.value }))} error={Boolean(errors.payment_terms_days)} helperText={errors.payment_terms_days}
            slotProps={{ htmlInput: { min: 0, max: 365 } }} />
        </Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          <FormControlLabel control={<Checkbox checked={f.prices_include_tax} onChange={(e) => setF((x) => ({ ...x, prices_include_tax: e.target.checked }))} />} label={t('sb.settings.prices_include_tax')} />
          <FormControlLabel control={<Checkbox checked={f.tax_reverse_charge_b2b} onChange={(e) => setF((x) => ({ ...x, tax_reverse_charge_b2b: e.target.checked }))} />} label={t('sb.settings.tax_reverse_charge_b2b')} />
        </Grid>
      </Grid>
      <Button variant="contained" sx={{ mt: 2 }} onClick={() => void save()} disabled={busy} data-testid="platform-settings-save">{t('common.save')}</Button>
      {msg ? <Alert severity={msg.severity} sx={{ mt: 2 }} aria-live="polite">{msg.text}</Alert> : null}
    </CardContent></Card>
  );
}
