/**
 * Which (subscriber, moment) rows the per-ISP model learns from. Snapshots every `horizonDays`
 * back from `now − horizonDays`: at each, every subscriber who had joined and not yet left is a
 * row, labelled 1 if they left within the horizon after it. So the model's probability means
 * "leaves within the next horizonDays", and only snapshots whose horizon has fully passed count.
 */
import { seededRandom } from './boosting.ts';
import type { Population } from './subscriber-facts.sql.ts';

export interface TrainingPoint {
  subscriberId: string;
  asOf: Date;
  label: 0 | 1;
}

const DAY = 86_400_000;

export function trainingPoints(population: readonly Population[], now: Date, horizonDays: number, snapshots: number): TrainingPoint[] {
  const points: TrainingPoint[] = [];
  for (let k = 1; k <= snapshots; k++) {
    const at = new Date(now.getTime() - k * horizonDays * DAY);
    const end = at.getTime() + horizonDays * DAY;
    for (const p of population) {
      if (p.joinedAt.getTime() >= at.getTime()) continue;
      if (p.leftAt && p.leftAt.getTime() <= at.getTime()) continue;
      // A terminated account without a known leaving time cannot be placed: left out.
      if (p.status === 'terminated' && !p.leftAt) continue;
      const left = p.leftAt !== null && p.leftAt.getTime() <= end;
      points.push({ subscriberId: p.subscriberId, asOf: at, label: left ? 1 : 0 });
    }
  }
  return points;
}

/**
 * Keeps every leaver's row and a seeded random share of the stayers' rows when there are more
 * than `maxRows` (a large ISP has tens of thousands of subscriber-months, nearly all stayers).
 * `keptRate` is that share: log(keptRate) added to the model's log-odds undoes the sampling.
 */
export function sampleTrainingPoints(points: readonly TrainingPoint[], maxRows: number, seed: number): { points: TrainingPoint[]; keptRate: number } {
  const positives = points.filter((p) => p.label === 1);
  const negatives = points.length - positives.length;
  if (points.length <= maxRows || negatives === 0) return { points: [...points], keptRate: 1 };
  const keptRate = Math.max(1, maxRows - positives.length) / negatives;
  const random = seededRandom(seed);
  return { points: points.filter((p) => p.label === 1 || random() < keptRate), keptRate };
}

/** The subscribers to score now: everyone not terminated. */
export function scoringPoints(population: readonly Population[], now: Date): { subscriberId: string; asOf: Date }[] {
  return population.filter((p) => p.status !== 'terminated').map((p) => ({ subscriberId: p.subscriberId, asOf: now }));
}
