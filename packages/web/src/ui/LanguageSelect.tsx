import { MenuItem, TextField } from '@mui/material';
import { LOCALES, isLocale, useI18n } from '../i18n/index.tsx';

export function LanguageSelect({ size = 'small', fullWidth }: { size?: 'small' | 'medium'; fullWidth?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <TextField
      select
      size={size}
      fullWidth={fullWidth}
      label={t('common.language')}
      value={locale}
      onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
      slotProps={{ select: { inputProps: { 'data-testid': 'language-select' } } }}
      sx={{ minWidth: 140 }}
    >
      {LOCALES.map((l) => (
        <MenuItem key={l} value={l} lang={l}>{t(`lang.${l}`)}</MenuItem>
      ))}
    </TextField>
  );
}
