/** A small "live" indicator: a pulsing dot while the event stream is connected, else "refreshed every 30 s". */
import { Box, Chip } from '@mui/material';
import { useT } from '../i18n/index.tsx';

export function LiveBadge({ live }: { live: boolean }) {
  const t = useT();
  return (
    <Chip component="span" size="small" variant="outlined" color={live ? 'success' : 'default'} data-testid="live-badge" data-live={live ? 'on' : 'off'}
      icon={<Box component="span" aria-hidden sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: live ? 'success.main' : 'grey.500', ml: 1,
        '@media (prefers-reduced-motion: no-preference)': live ? { animation: 'anxPulse 1.6s ease-in-out infinite' } : {},
        '@keyframes anxPulse': { '0%, 100%': { opacity: 1 }, '50%': { opacity: 0.3 } } }} />}
      label={live ? t('live.on') : t('live.off')} />
  );
}
