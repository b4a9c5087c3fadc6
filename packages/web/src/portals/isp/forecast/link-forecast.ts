/** The device page's link forecasts: the network forecast of one device, as chart bands and capacity warnings. */
import { api } from '../../../api/client.ts';
import { ok } from '../../../ui/common.tsx';
import type { ChartBand } from '../noc/TrafficChart.tsx';

export type NetworkForecast = Awaited<ReturnType<typeof loadDeviceForecast>>;
export type LinkForecast = NetworkForecast['links'][number];

export async function loadDeviceForecast(ispId: string, deviceId: string) {
  return ok(await api.GET('/api/ai/predict/network/{tenant_id}', { params: { path: { tenant_id: ispId }, query: { device_id: deviceId, horizon_hours: 168, warn_days: 30 } } }));
}

/** The interface's forecasts as bands (80 % interval) for the traffic chart, in and out. */
export function bandsOf(links: readonly LinkForecast[], interfaceId: string, labels: { in: string; out: string }): ChartBand[] {
  return links.filter((l) => l.interface_id === interfaceId && l.forecast).map((l) => {
    const f = l.forecast!;
    const start = Date.parse(f.start);
    return {
      label: labels[l.direction],
      color: l.direction === 'in' ? '#1565c0' : '#c62828',
      points: f.mean.map((mean, h) => ({ ts: new Date(start + h * f.step_s * 1000).toISOString(), mean, lower: f.lower80[h]!, upper: f.upper80[h]! })),
    };
  });
}
