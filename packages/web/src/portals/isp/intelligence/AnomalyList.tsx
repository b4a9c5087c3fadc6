/** The anomalies found on the chart's series: when, which direction, what was seen against the band expected, and how sure. */
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useFormat, useT } from '../../../i18n/index.tsx';

type Anomaly = { id: string; at: string; metric: string; observed: number; expected_low: number | null; expected_high: number | null; score: number; model_version: string };

export default function AnomalyList({ items, format }: { items: Anomaly[]; format: (v: number) => string }) {
  const t = useT();
  const fmt = useFormat();
  if (!items.length) return <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{t('intelligence.anomaly.none')}</Typography>;
  return (
    <>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>{t('intelligence.anomaly.title')}</Typography>
      <Table size="small" aria-label={t('intelligence.anomaly.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('intelligence.anomaly.at')}</TableCell>
            <TableCell>{t('intelligence.anomaly.direction')}</TableCell>
            <TableCell align="right">{t('intelligence.anomaly.observed')}</TableCell>
            <TableCell align="right">{t('intelligence.anomaly.band')}</TableCell>
            <TableCell align="right">{t('intelligence.anomaly.score')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((a) => (
            <TableRow key={a.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(a.at)}</TableCell>
              <TableCell>{a.metric === 'if_in_bps' ? t('noc.iface.in') : t('noc.iface.out')}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{format(a.observed)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{a.expected_low === null || a.expected_high === null ? '—' : `${format(Math.max(0, a.expected_low))} – ${format(a.expected_high)}`}</TableCell>
              <TableCell align="right" title={a.model_version}>{fmt.number(Math.round(a.score * 100) / 100)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
