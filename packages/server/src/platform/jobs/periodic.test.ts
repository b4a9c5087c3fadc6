import { describe, expect, it } from 'vitest';
import { startPeriodic } from './periodic.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('periodic jobs', () => {
  it('never overlaps a slow run, survives a failure and stops', async () => {
    let started = 0;
    let concurrent = 0;
    let most = 0;
    const errors: unknown[] = [];
    const stop = startPeriodic(async () => {
      started++;
      concurrent++;
      most = Math.max(most, concurrent);
      await sleep(35);
      concurrent--;
      if (started === 1) throw new Error('first run fails');
    }, 10, (e) => errors.push(e), true);
    await sleep(150);
    stop();
    const after = started;
    await sleep(60);
    expect(most).toBe(1);
    expect(started).toBeGreaterThanOrEqual(2);
    expect(started).toBe(after);
    expect(errors).toHaveLength(1);
  });
});
