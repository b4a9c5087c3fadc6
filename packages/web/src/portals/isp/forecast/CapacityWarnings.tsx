/** The device page's capacity warnings: the links whose busy hour reaches 80 % of their speed soon. */
import { Alert, Stack } from '@mui/material';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { useBps } from '../noc/format.tsx';
import type { LinkForecast } from './link-forecast.ts';

export default function CapacityWarnings({ warnings }: { warnings: readonly LinkForecast[] }) {
  const t = useT();
  const fmt = useFormat();
  const bps = useBps();
  if (!warnings.length) return null;
  return (
    <Stack spacing={1} sx={{ mb: 2 }} data-testid="capacity-warnings">
      {warnings.map((w) => {
        const c = w.capacity!;
        const days = c.days_to_threshold!;
        return (
          <Alert key={`${w.interface_id}-${w.direction}`} severity={days <= 7 ? 'error' : 'warning'}>
            {days === 0
              ? t('forecast.capacity.over', { link: w.interface_name, dir: t(`forecast.dir.${w.direction}`) })
              : t('forecast.capacity.crosses', { link: w.interface_name, dir: t(`forecast.dir.${w.direction}`), n: fmt.number(days) })}
            {' '}
            {t('forecast.capacity.why', { busy: bps(c.busy_hour_bps), trend: bps(c.trend_bps_per_day), speed: bps(w.speed_bps), days: fmt.number(c.days_of_history) })}
          </Alert>
        );
      })}
    </Stack>
  );
}
