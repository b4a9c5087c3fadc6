/** Interface traffic over time (bits per second in and out) drawn with uPlot, sized to its container. */
import { useEffect, useRef } from 'react';
import { Box } from '@mui/material';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartSeries = { label: string; color: string; points: { ts: string; avg: number }[]; dots?: boolean };

/**
 * `series` with `dots` are drawn as points only (anomalies and the band the detector expected
 * at them), the others as lines.
 */
export default function TrafficChart({ series, label, format }: { series: ChartSeries[]; label: string; format: (v: number) => string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // One x axis for all series: the union of their timestamps, gaps as null.
    const xs = [...new Set(series.flatMap((s) => s.points.map((p) => Date.parse(p.ts) / 1000)))].sort((a, b) => a - b);
    const ys = series.map((s) => {
      const at = new Map(s.points.map((p) => [Date.parse(p.ts) / 1000, p.avg]));
      return xs.map((x) => at.get(x) ?? null);
    });
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 260,
      series: [{}, ...series.map((s) => ({
        label: s.label, stroke: s.color, width: 2, value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        ...(s.dots ? { paths: () => null, points: { show: true, size: 9, fill: s.color, stroke: s.color } } : {}),
      }))],
      axes: [{}, { size: 80, values: (_u: uPlot, vals: number[]) => vals.map((v) => format(v)) }],
      scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      legend: { live: true },
    };
    const plot = new uPlot(opts, [xs, ...ys] as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 260 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [series, format]);
  return <Box ref={box} role="img" aria-label={label} sx={{ width: '100%', overflow: 'hidden', '& .u-legend': { fontSize: 13 } }} />;
}
