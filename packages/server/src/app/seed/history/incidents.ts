import type { Random } from './random.ts';

/**
 * The network incidents of one ISP's history, placed by its seed and kept out of the last two
 * weeks (the demo's own recent tickets stay on the first page): one NAS down for an evening,
 * two weeks of busy-hour saturation on the transit link while one member of its bond is
 * down, and a DDoS-like burst of inbound traffic for forty minutes.
 */
export type Incidents = {
  nasOutage: { day: number; nasIndex: number; fromHour: number; toHour: number };
  saturation: { from: number; to: number };
  ddos: { day: number; fromHour: number; toHour: number };
};

export function placeIncidents(rng: Random, totalDays: number, nasCount: number): Incidents {
  const span = Math.max(1, totalDays - 30);
  const at = (share: number, jitter: number) => Math.min(totalDays - 15, Math.max(1, Math.floor(span * share) + rng.int(-jitter, jitter)));
  const satFrom = at(0.55, 10);
  return {
    nasOutage: { day: at(0.35, 10), nasIndex: rng.int(0, nasCount - 1), fromHour: 19 + rng.int(0, 3) / 4, toHour: 23 + rng.int(1, 3) / 6 },
    saturation: { from: satFrom, to: Math.min(totalDays - 15, satFrom + rng.int(10, 16)) },
    ddos: { day: at(0.8, 10), fromHour: 14 + rng.int(0, 5) / 6, toHour: 14.67 + rng.int(0, 5) / 6 },
  };
}

export const inWindow = (hour: number, from: number, to: number) => hour >= from && hour < to;
