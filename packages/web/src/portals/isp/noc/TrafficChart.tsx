/** Interface traffic over time (bits per second in and out) drawn with uPlot, sized to its container. */
import { useEffect, useRef } from 'react';
import { Box } from '@mui/material';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartSeries = { label: string; color: string; points: { ts: string; avg: number }[] };
/** A forecast: a dashed line with its prediction interval shaded between `lower` and `upper`. */
export type ChartBand = { label: string; color: string; points: { ts: string; mean: number; lower: number; upper: number }[] };

export default function TrafficChart({ series, label, format, bands = [] }: { series: ChartSeries[]; label: string; format: (v: number) => string; bands?: ChartBand[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // One x axis for all series: the union of their timestamps, gaps as null.
    const xs = [...new Set([...series, ...bands].flatMap((s) => s.points.map((p) => Date.parse(p.ts) / 1000)))].sort((a, b) => a - b);
    const column = (points: { ts: string }[], pick: (i: number) => number) => {
      const at = new Map(points.map((p, i) => [Date.parse(p.ts) / 1000, pick(i)]));
      return xs.map((x) => at.get(x) ?? null);
    };
    const ys = series.map((s) => column(s.points, (i) => s.points[i]!.avg));
    // Per band three series: its mean, then its upper and lower bound (filled between by uPlot's bands).
    for (const b of bands) ys.push(column(b.points, (i) => b.points[i]!.mean), column(b.points, (i) => b.points[i]!.upper), column(b.points, (i) => b.points[i]!.lower));
    const value = (_u: uPlot, v: number | null) => (v === null ? '—' : format(v));
    const bandSeries = bands.flatMap((b) => [
      { label: b.label, stroke: b.color, width: 2, dash: [6, 4], value },
      { label: `${b.label} ↑`, stroke: `${b.color}55`, width: 1, value },
      { label: `${b.label} ↓`, stroke: `${b.color}55`, width: 1, value },
    ]);
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 260,
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, value })), ...bandSeries],
      bands: bands.map((b, k) => ({ series: [series.length + 3 * k + 2, series.length + 3 * k + 3] as [number, number], fill: `${b.color}22` })),
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
  }, [series, bands, format]);
  // The bounds of a band are drawn, not read: their rows leave the legend (row 1 is the time).
  const boundRows = Object.fromEntries(bands.flatMap((_b, k) => [2 + series.length + 3 * k + 1, 2 + series.length + 3 * k + 2])
    .map((row) => [`& .u-legend tr:nth-of-type(${row})`, { display: 'none' }]));
  return <Box ref={box} role="img" aria-label={label} sx={{ width: '100%', overflow: 'hidden', '& .u-legend': { fontSize: 13 }, ...boundRows }} />;
}
