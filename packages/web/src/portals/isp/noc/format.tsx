/** Small NOC formatting helpers shared by the dashboard and device pages. */
import { Chip, type ChipProps } from '@mui/material';
import { useFormat, useT } from '../../../i18n/index.tsx';

const units = ['b/s', 'kb/s', 'Mb/s', 'Gb/s', 'Tb/s'];

/** Bits per second in SI steps (network links are sold in decimal units). */
export function useBps() {
  const fmt = useFormat();
  return (bps: number | null | undefined) => {
    if (bps === null || bps === undefined) return '—';
    let v = bps;
    let i = 0;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return `${fmt.number(Math.round(v * 10) / 10)} ${units[i]}`;
  };
}

const color: Record<string, ChipProps['color']> = { up: 'success', down: 'error', unknown: 'default' };

export function DeviceStatus({ status }: { status: string }) {
  const t = useT();
  return <Chip size="small" variant="outlined" color={color[status] ?? 'default'} label={t(`noc.status.${status}`)} />;
}
