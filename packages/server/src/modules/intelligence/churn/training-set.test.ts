import { describe, expect, it } from 'vitest';
import { sampleTrainingPoints, scoringPoints, trainingPoints } from './training-set.ts';
import type { Population } from './subscriber-facts.sql.ts';

const now = new Date('2026-06-01T00:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const person = (id: string, joined: string, left: string | null, status = left ? 'terminated' : 'active'): Population =>
  ({ subscriberId: id, branchId: null, status, joinedAt: day(joined), leftAt: left ? day(left) : null });

describe('training rows', () => {
  it('labels a snapshot 1 only when the subscriber left within the horizon after it, and never uses a later snapshot', () => {
    const pts = trainingPoints([person('a', '2025-01-01', '2026-04-20'), person('b', '2026-04-15', null), person('c', '2025-01-01', null, 'terminated')], now, 30, 3);
    // Snapshots: May 2, Apr 2, Mar 3. "a" left Apr 20: in (Apr 2, May 2] → 1 there, 0 on Mar 3, absent on May 2.
    const a = pts.filter((p) => p.subscriberId === 'a').map((p) => [p.asOf.toISOString().slice(0, 10), p.label]);
    expect(a).toEqual([['2026-04-02', 1], ['2026-03-03', 0]]);
    // "b" joined Apr 15: only the May 2 snapshot. "c" has no known leaving time: left out.
    expect(pts.filter((p) => p.subscriberId === 'b').map((p) => p.asOf.toISOString().slice(0, 10))).toEqual(['2026-05-02']);
    expect(pts.some((p) => p.subscriberId === 'c')).toBe(false);
    expect(scoringPoints([person('a', '2025-01-01', '2026-04-20'), person('b', '2026-04-15', null)], now).map((p) => p.subscriberId)).toEqual(['b']);
  });

  it('subsamples stayers beyond the cap, keeps every leaver, and says at what rate', () => {
    const pts = Array.from({ length: 10_000 }, (_, i) => ({ subscriberId: `s${i}`, asOf: now, label: (i % 100 === 0 ? 1 : 0) as 0 | 1 }));
    const { points, keptRate } = sampleTrainingPoints(pts, 2000, 1);
    expect(points.filter((p) => p.label === 1)).toHaveLength(100);
    expect(keptRate).toBeCloseTo(1900 / 9900, 6);
    expect(Math.abs(points.length - 2000)).toBeLessThan(150);
    expect(sampleTrainingPoints(pts.slice(0, 500), 2000, 1)).toMatchObject({ keptRate: 1 });
  });
});
