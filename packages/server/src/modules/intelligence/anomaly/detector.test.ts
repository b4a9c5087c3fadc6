import { describe, expect, it } from 'vitest';
import { createDetectorState, observe, type DetectorState } from './detector.ts';

/** A day-shaped wave with small deterministic noise (a linear congruential generator). */
function series(n: number, seed = 7): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(50 + 20 * Math.sin((2 * Math.PI * i) / 288) + (x / 2147483648 - 0.5) * 2);
  }
  return out;
}

function run(values: readonly number[], state: DetectorState = createDetectorState({ probation: 600 })): number[] {
  return values.map((v) => observe(state, v).score);
}

describe('anomaly detector', () => {
  it('is causal: changing later values leaves every earlier score unchanged', () => {
    const a = series(3000);
    a[2000] = 400; // an anomaly before the cut, so earlier scores are not all zero
    const b = [...a];
    for (let i = 2500; i < b.length; i++) b[i] = b[i]! * 3 + 100;
    const sa = run(a);
    const sb = run(b);
    expect(sa.slice(0, 2500)).toEqual(sb.slice(0, 2500));
    expect(sa.slice(2500)).not.toEqual(sb.slice(2500));
    expect(Math.max(...sa.slice(0, 2500))).toBeGreaterThan(0.5);
  });

  it('raises one alarm at a spike and none on the normal wave around it', () => {
    const v = series(4000);
    v[3000] = 200;
    const scores = run(v);
    const alarms = scores.flatMap((s, i) => (s > 0 ? [i] : []));
    expect(alarms.length).toBeGreaterThan(0);
    // The bucket holding the spike alarms; nothing else within a day before it.
    expect(alarms.some((i) => i >= 3000 && i < 3010)).toBe(true);
    expect(alarms.filter((i) => i >= 2700 && i < 3000)).toEqual([]);
  });

  it('stays quiet on a flat line and scores 0 through the probation period', () => {
    const scores = run(Array.from({ length: 3000 }, () => 5));
    expect(scores.every((s) => s === 0)).toBe(true);
    const spiky = series(3000);
    spiky[100] = 1e6;
    expect(run(spiky).slice(0, 600).every((s) => s === 0)).toBe(true);
  });

  it('resumes from its state serialised as JSON with the same scores', () => {
    const v = series(3000);
    v[2200] = 300;
    const whole = run(v);
    const first = createDetectorState({ probation: 600 });
    const head = run(v.slice(0, 1700), first);
    const resumed = JSON.parse(JSON.stringify(first)) as DetectorState;
    expect([...head, ...run(v.slice(1700), resumed)]).toEqual(whole);
  });

  it('gives an expected band that holds the normal value once it has learned', () => {
    const v = series(3000);
    const state = createDetectorState({ probation: 600 });
    let last = null;
    for (const x of v) {
      const o = observe(state, x);
      if (o.expected) last = { o, x };
    }
    expect(last).not.toBeNull();
    expect(last!.o.expected!.low).toBeLessThan(last!.o.expected!.high);
  });
});
