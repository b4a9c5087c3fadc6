/** Dependency-free charts (SVG and CSS), each with a hidden table for screen readers. */
import { Box, Stack, Typography, useTheme } from '@mui/material';
import { srOnly } from './common.tsx';
import { useFormat, useT } from '../i18n/index.tsx';

export type Point = { label: string; value: number };

/** Bars over time (e.g. new subscribers per day). */
export function TimeBars({ data, title, height = 160, format, hideTotal }: { data: Point[]; title: string; height?: number; format?: (n: number) => string; hideTotal?: boolean }) {
  const theme = useTheme();
  const fmt = useFormat();
  const t = useT();
  const max = Math.max(1, ...data.map((d) => d.value));
  const show = format ?? fmt.number;
  const n = Math.max(1, data.length);
  const W = 600;
  const gap = 2;
  const bw = W / n - gap;
  const total = data.reduce((s, d) => s + d.value, 0);
  const first = data[0]?.label;
  const last = data[data.length - 1]?.label;
  return (
    <Box>
      {/* Time runs left to right in every language; the dir attribute (not CSS, which the RTL plugin flips) keeps it so. */}
      <Box dir="ltr" aria-hidden="true">
        <svg viewBox={`0 0 ${W} ${height + 4}`} width="100%" height={height} preserveAspectRatio="none" role="presentation">
          {[0.25, 0.5, 0.75, 1].map((f) => (
            <line key={f} x1={0} x2={W} y1={height - f * height + 2} y2={height - f * height + 2} stroke={theme.palette.divider} strokeWidth={1} />
          ))}
          {data.map((d, i) => {
            const h = (d.value / max) * (height - 4);
            return (
              <rect key={d.label} x={i * (bw + gap)} y={height - h + 2} width={bw} height={Math.max(h, d.value ? 2 : 0)} rx={2} fill={theme.palette.primary.main}>
                <title>{`${d.label}: ${show(d.value)}`}</title>
              </rect>
            );
          })}
        </svg>
        <Stack direction="row" sx={{ justifyContent: 'space-between', mt: 0.5 }}>
          <Typography variant="caption" color="text.secondary">{first}</Typography>
          <Typography variant="caption" color="text.secondary">{t('chart.max', { n: show(max) })}</Typography>
          <Typography variant="caption" color="text.secondary">{last}</Typography>
        </Stack>
      </Box>
      {hideTotal ? null : <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{t('chart.total', { n: show(total) })}</Typography>}
      <div style={srOnly}>
        <table>
          <caption>{title}</caption>
          <tbody>{data.map((d) => <tr key={d.label}><th scope="row">{d.label}</th><td>{show(d.value)}</td></tr>)}</tbody>
        </table>
      </div>
    </Box>
  );
}

/** Horizontal bars for categories (by plan, by branch, by status). */
export function CategoryBars({ data, empty }: { data: Point[]; empty: string }) {
  const fmt = useFormat();
  const max = Math.max(1, ...data.map((d) => d.value));
  if (!data.length) return <Typography variant="body2" color="text.secondary">{empty}</Typography>;
  return (
    <Stack component="ul" spacing={1.25} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {data.map((d) => (
        <li key={d.label}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', mb: 0.25 }}>
            <Typography variant="body2" noWrap sx={{ minWidth: 0 }}>{d.label}</Typography>
            <Typography variant="body2" sx={{ fontWeight: 600, ml: 1 }}>{fmt.number(d.value)}</Typography>
          </Stack>
          <Box sx={{ height: 8, borderRadius: 4, bgcolor: 'action.hover', overflow: 'hidden' }}>
            <Box sx={{ width: `${(d.value / max) * 100}%`, height: '100%', bgcolor: 'secondary.main', borderRadius: 4 }} />
          </Box>
        </li>
      ))}
    </Stack>
  );
}
