import { describe, expect, it } from 'vitest';
import { seededRandom, defaultBoostingOptions } from './boosting.ts';
import { fitAndScore, type FitJob } from './fit-and-score.ts';
import { fitInThread } from './fit-in-thread.ts';

function job(): FitJob {
  const random = seededRandom(11);
  const inputs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 300; i++) {
    const tenure = random() * 24;
    const tickets = Math.floor(random() * 5);
    inputs.push([tenure, tickets]);
    labels.push(random() < 1 / (1 + Math.exp(tenure / 6 - tickets)) ? 1 : 0);
  }
  return {
    featureNames: ['tenure', 'tickets'], inputs, labels, groups: inputs.map((_, i) => `s${i}`), folds: 3, seed: 5, logitOffset: 0,
    options: { logisticL2: 0.01, logisticWeight: 0.5, boosting: { ...defaultBoostingOptions, trees: 20 } },
    scoring: [[1, 4], [20, 0]],
  };
}

describe('fitting in a worker thread', () => {
  it('gives exactly the numbers of fitting in-process, so the thread changes where the work runs, not its result', async () => {
    const j = job();
    const inThread = await fitInThread(j);
    expect(inThread).toEqual(fitAndScore(j));
    // A new subscriber with many tickets is riskier than a loyal one without.
    expect(inThread.explained[0]!.probability).toBeGreaterThan(inThread.explained[1]!.probability);
  });

  it("rejects with the thread's own message when the job cannot be fitted", async () => {
    await expect(fitInThread({ ...job(), labels: new Array(300).fill(0) })).rejects.toThrow(/both churners and stayers/);
  });
});
