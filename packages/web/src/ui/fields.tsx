/** Form fields shared by the ISP settings and the create-ISP form. */
import { Autocomplete, Box, Stack, TextField } from '@mui/material';
import { useT } from '../i18n/index.tsx';

export function ColorField({ label, value, onChange, error, name }: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined; name: string }) {
  const t = useT();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Box component="input" type="color" value={/^#[0-9a-f]{6}$/i.test(value) ? value : '#000000'} onChange={(e) => onChange(e.target.value)}
        aria-label={t('fields.pick', { label })} sx={{ width: 56, height: 56, p: 0.5, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper', cursor: 'pointer', flexShrink: 0 }} />
      <TextField fullWidth label={label} name={name} value={value} onChange={(e) => onChange(e.target.value)} error={Boolean(error)} helperText={error ?? t('fields.hex')} />
    </Stack>
  );
}

const zones: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC'];
  } catch {
    return ['UTC'];
  }
})();

export function TimezoneField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const t = useT();
  const options = zones.includes('UTC') ? zones : ['UTC', ...zones];
  return (
    <Autocomplete options={options} value={value} onChange={(_e, v) => onChange(v ?? 'UTC')} disableClearable
      renderInput={(p) => <TextField {...p} label={t('fields.timezone')} name="timezone" error={Boolean(error)} helperText={error} />} />
  );
}

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'INR', 'AED', 'SAR', 'EGP', 'MXN', 'BRL', 'COP', 'ARS', 'CLP', 'NGN', 'KES', 'ZAR', 'XOF', 'MAD', 'PKR', 'BDT', 'IDR', 'PHP', 'JPY', 'CAD', 'AUD'];

export function CurrencyField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const t = useT();
  return (
    <Autocomplete freeSolo options={CURRENCIES} value={value} onInputChange={(_e, v) => onChange(v.toUpperCase())} disableClearable
      renderInput={(p) => <TextField {...p} label={t('fields.currency')} name="currency" error={Boolean(error)} helperText={error} slotProps={{ ...p.slotProps, htmlInput: { ...p.slotProps.htmlInput, maxLength: 3 } }} />} />
  );
}

/** An ISP's own host name for its portals (DNS must point it at this server). */
export function CustomDomainField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const t = useT();
  return (
    <TextField fullWidth label={t('fields.customDomain')} name="custom_domain" value={value} onChange={(e) => onChange(e.target.value)}
      error={Boolean(error)} helperText={error ?? t('fields.customDomainHelp')} slotProps={{ htmlInput: { inputMode: 'url', spellCheck: false } }} />
  );
}
