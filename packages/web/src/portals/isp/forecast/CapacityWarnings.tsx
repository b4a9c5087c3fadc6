/**
 * The device page's capacity outlook: warnings for the links whose busy hour reaches 80 % of
 * their speed within the warning window, and for the interface on the chart its outlook when later.
 */
import { Alert, Stack } from '@mui/material';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { useBps } from '../noc/format.tsx';
import type { LinkForecast } from './link-forecast.ts';

export default function CapacityWarnings({ warnings, links, interfaceId }: { warnings: readonly LinkForecast[]; links: readonly LinkForecast[]; interfaceId: string }) {
  const t = useT();
  const fmt = useFormat();
  const bps = useBps();
  const warned = new Set(warnings.map((w) => `${w.interface_id}-${w.direction}`));
  const later = links.filter((l) => l.interface_id === interfaceId && l.capacity?.days_to_threshold != null && !warned.has(`${l.interface_id}-${l.direction}`));
  const shown = [...warnings, ...later];
  if (!shown.length) return null;
  return (
    <Stack spacing={1} sx={{ mb: 2 }} data-testid="capacity-warnings">
      {shown.map((w) => {
        const c = w.capacity!;
        const days = c.days_to_threshold!;
        return (
          <Alert key={`${w.interface_id}-${w.direction}`} severity={!warned.has(`${w.interface_id}-${w.direction}`) ? 'info' : days <= 7 ? 'error' : 'warning'}>
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
