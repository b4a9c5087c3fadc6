/**
 * SLA arithmetic, pure. A service measured over several devices (a customer's access path)
 * is down while any of them is down; time with no known status counts neither way, so
 * availability = up / (up + down).
 */
export type Status = 'up' | 'down' | 'unknown';
export type StatusChange = { deviceId: string; status: Status; at: number };
export type Day = { date: string; up_s: number; down_s: number; unknown_s: number; availability: number | null };

const dayMs = 86400_000;

/** Per-UTC-day up/down seconds in [from, to); `changes` may start before `from` (the state at `from`). */
export function dailyTimeline(deviceIds: readonly string[], changes: readonly StatusChange[], from: number, to: number): Day[] {
  const state = new Map<string, Status>(deviceIds.map((d) => [d, 'unknown']));
  const sorted = [...changes].filter((c) => state.has(c.deviceId)).sort((a, b) => a.at - b.at);
  let i = 0;
  for (; i < sorted.length && sorted[i]!.at <= from; i++) state.set(sorted[i]!.deviceId, sorted[i]!.status);
  const overall = (): Status => {
    const v = [...state.values()];
    return v.includes('down') ? 'down' : v.includes('up') ? 'up' : 'unknown';
  };
  const days: Day[] = [];
  for (let dayStart = Math.floor(from / dayMs) * dayMs; dayStart < to; dayStart += dayMs) {
    const start = Math.max(dayStart, from);
    const end = Math.min(dayStart + dayMs, to);
    const acc = { up: 0, down: 0, unknown: 0 };
    let t = start;
    while (t < end) {
      const next = i < sorted.length && sorted[i]!.at < end ? sorted[i]!.at : end;
      acc[overall()] += (next - t) / 1000;
      t = next;
      while (i < sorted.length && sorted[i]!.at <= t && t < end) {
        state.set(sorted[i]!.deviceId, sorted[i]!.status);
        i++;
      }
    }
    const known = acc.up + acc.down;
    days.push({ date: new Date(dayStart).toISOString().slice(0, 10), up_s: Math.round(acc.up), down_s: Math.round(acc.down), unknown_s: Math.round(acc.unknown), availability: known > 0 ? (acc.up / known) * 100 : null });
  }
  return days;
}

export function availabilityOf(days: readonly Day[]): number | null {
  const up = days.reduce((s, d) => s + d.up_s, 0);
  const down = days.reduce((s, d) => s + d.down_s, 0);
  return up + down > 0 ? (up / (up + down)) * 100 : null;
}

export type Targets = { availability: number; latencyMs: number | null; mttrMinutes: number | null };
export type Measured = { availability: number | null; latencyMs: number | null; mttrMinutes: number | null };

/** The targets a measurement misses; no data is no breach (it is shown as "no data" instead). */
export function breaches(t: Targets, m: Measured): string[] {
  const out: string[] = [];
  if (m.availability !== null && m.availability < t.availability) out.push(`availability ${m.availability.toFixed(3)}% < ${t.availability}%`);
  if (t.latencyMs !== null && m.latencyMs !== null && m.latencyMs > t.latencyMs) out.push(`latency ${m.latencyMs.toFixed(1)} ms > ${t.latencyMs} ms`);
  if (t.mttrMinutes !== null && m.mttrMinutes !== null && m.mttrMinutes > t.mttrMinutes) out.push(`MTTR ${m.mttrMinutes.toFixed(0)} min > ${t.mttrMinutes} min`);
  return out;
}
