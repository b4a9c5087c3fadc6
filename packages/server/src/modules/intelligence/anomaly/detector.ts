/**
 * A streaming anomaly detector for one time series: plain numbers in, a score in [0, 1] out, no
 * clock and no database. Causal: the score of a point depends only on that point and the ones
 * before it (and on the parameters fixed when the state was created).
 *
 * How it works, in the spirit of ARTime and CAD-OSE from the Numenta Anomaly Benchmark (our own
 * code, written from their ideas):
 *  - the series is cut into buckets of `step` points; each bucket is summarised by its mean, or
 *    by its extreme point when that extreme stands out (spikes must survive the summary);
 *  - during the probation period (the first `probation` points, which score 0) the detector
 *    learns the series' range, then describes every bucket by the last `window` bucket levels
 *    (in units of that range) and their shape;
 *  - it keeps a bounded memory of the distinct patterns seen so far (prototypes). A pattern
 *    farther than the learned radius from every prototype is novel: it scores above 0.5 and
 *    joins the memory, so the same new behaviour does not alarm twice;
 *  - after an alarm, and while novel patterns keep arriving, further alarms are held back unless
 *    they are clearly more extreme, because one event should raise one alert.
 */
import { bucketSummary, createBuckets, type Buckets } from './buckets.ts';
import { addPrototype, createMemory, nearest, type PatternMemory } from './pattern-memory.ts';

export const anomalyModelVersion = 'astranetix-anomaly-1';

export interface DetectorParams {
  /** Points at the start that only teach the detector (score 0). */
  probation: number;
  /** Bucket levels per pattern. */
  window: number;
  /** Patterns the probation period should hold (sets the bucket size). */
  patternsPerProbation: number;
  /** Most prototypes kept per series (bounds the state). */
  maxPrototypes: number;
  /** Quantile of the probation patterns' nearest-neighbour distances that sets the radius. */
  radiusQuantile: number;
  /** Multiplier on that quantile. */
  radiusFactor: number;
  /** Smallest radius, in units of the probation range (keeps flat series quiet). */
  minRadius: number;
  /** Buckets after an alarm (and after any novelty) during which alarms are held back. */
  restraint: number;
  /** How much more distant than the last alarm a pattern must be to alarm during restraint. */
  restraintEscalation: number;
  /** Novelty (distance in radii) below which nothing alarms. */
  alarmFloor: number;
  /** Buckets over which recent novelties are counted (decay time constant). */
  noveltyMemory: number;
  /** How strongly recent novelties lower an alarm's score. */
  chattiness: number;
  /** Normalised distance from the running median within which a level counts as the median. */
  snap: number;
  /** Step of the running median estimate, in units of the probation range. */
  medianStep: number;
  noveltyRestraint: number;
  /** Weight of the shape part of a pattern against its level part. */
  shapeWeight: number;
}

export const defaultDetectorParams: DetectorParams = {
  probation: 750,
  window: 8,
  patternsPerProbation: 104,
  maxPrototypes: 96,
  radiusQuantile: 0.75,
  radiusFactor: 2,
  minRadius: 0.03,
  restraint: 30,
  restraintEscalation: 1.3,
  shapeWeight: 1,
  alarmFloor: 1,
  noveltyMemory: 300,
  chattiness: 1,
  snap: 0.075,
  medianStep: 0.003,
  noveltyRestraint: 10,
};

export interface DetectorState {
  params: DetectorParams;
  /** Points seen. */
  n: number;
  step: number;
  buckets: Buckets;
  /** Bucket values held until the probation period ends (raw units). */
  learning: number[];
  /** Range learned in probation: normalised = (raw - lo) / scale. */
  lo: number;
  scale: number;
  /** Last `window` normalised bucket levels. */
  recent: number[];
  radius: number;
  memory: PatternMemory;
  /** Buckets processed since probation; the index of the last alarm and of the last novelty. */
  bucketIndex: number;
  lastAlarm: number;
  lastAlarmDistance: number;
  lastNovelty: number;
  /** Running median of the normalised levels. */
  median: number | null;
  /** Exponentially decayed count of recent novel buckets. */
  recentNovelties: number;
}

export interface Observation {
  /** 0 = as expected; > 0.5 = an anomaly (higher = farther from every known pattern). */
  score: number;
  /** Distance to the nearest known pattern in radii (> 1: a new pattern); 0 while learning. */
  novelty: number;
  /** Whether this point raised an alarm (score > 0). */
  alarm: boolean;
  /** The bucket level the detector judged (raw units; the bucket's mean or its spike), at bucket ends. */
  level: number | null;
  /** The band the detector expected this point's bucket level in (raw units), once it knows. */
  expected: { low: number; high: number } | null;
}

/** A bucket index long before any real one (finite, so the state survives JSON). */
const neverBucket = -1e9;

export function createDetectorState(overrides: Partial<DetectorParams> = {}): DetectorState {
  const params = { ...defaultDetectorParams, ...overrides };
  if (!(params.probation >= params.window * 2)) throw new Error('probation must be at least twice the window');
  const step = Math.max(1, Math.round(params.probation / params.patternsPerProbation));
  return {
    params,
    n: 0,
    step,
    buckets: createBuckets(),
    learning: [],
    lo: 0,
    scale: 1,
    recent: [],
    radius: 0,
    memory: createMemory(params.window * 2, params.maxPrototypes),
    bucketIndex: 0,
    lastAlarm: neverBucket,
    lastAlarmDistance: 0,
    lastNovelty: neverBucket,
    recentNovelties: 0,
    median: null,
  };
}

/** The probation period NAB gives every detector: 15 % of the file, at most 750 points. */
export function nabProbation(length: number): number {
  return Math.max(16, Math.min(750, Math.floor(0.15 * length)));
}

const quiet: Observation = { score: 0, alarm: false, expected: null, novelty: 0, level: null };

/** Feeds one value; mutates the state and returns this point's observation. */
export function observe(state: DetectorState, value: number): Observation {
  state.n++;
  const level = bucketSummary(state.buckets, value, state.step);
  if (level === null) return quiet;
  if (state.n <= state.params.probation) {
    state.learning.push(level);
    if (state.n + state.step > state.params.probation) finishProbation(state);
    return quiet;
  }
  return scoreBucket(state, level);
}

function finishProbation(state: DetectorState): void {
  const { params } = state;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of state.learning) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo;
  state.lo = lo;
  state.scale = span > 0 ? span : Math.max(Math.abs(lo), 1);
  const patterns: Float64Array[] = [];
  for (const v of state.learning) {
    const f = pushLevel(state, v);
    if (f) patterns.push(f);
  }
  state.learning = [];
  // The radius: how far a probation pattern usually lies from its nearest other pattern.
  const nn: number[] = [];
  for (let i = 0; i < patterns.length; i++) {
    let best = Infinity;
    for (let j = 0; j < patterns.length; j++) if (j !== i) best = Math.min(best, distance(patterns[i]!, patterns[j]!));
    if (Number.isFinite(best)) nn.push(best);
  }
  nn.sort((a, b) => a - b);
  const q = nn.length ? nn[Math.min(nn.length - 1, Math.floor(params.radiusQuantile * nn.length))]! : 0;
  state.radius = Math.max(params.minRadius, q * params.radiusFactor);
  for (const p of patterns) {
    const near = nearest(state.memory, p);
    if (near.distance > state.radius) addPrototype(state.memory, p, 0);
  }
}

function scoreBucket(state: DetectorState, level: number): Observation {
  const { params } = state;
  const i = ++state.bucketIndex;
  const pattern = pushLevel(state, level);
  if (!pattern) return { ...quiet, level };
  const near = nearest(state.memory, pattern);
  const expected = near.index >= 0 ? expectedBand(state, near.index) : null;
  const novelty = near.distance / state.radius;
  if (novelty > 1) addPrototype(state.memory, pattern, i);
  else state.memory.lastUsed[near.index] = i;
  const recent = state.recentNovelties;
  state.recentNovelties = recent * (1 - 1 / params.noveltyMemory) + (novelty > 1 ? 1 : 0);
  const restrained = i - state.lastAlarm <= params.restraint || i - state.lastNovelty <= params.noveltyRestraint;
  if (novelty > 1) state.lastNovelty = i;
  if (novelty < params.alarmFloor) return { score: 0, alarm: false, expected, novelty, level };
  if (restrained && near.distance < state.lastAlarmDistance * params.restraintEscalation) {
    return { score: 0, alarm: false, expected, novelty, level };
  }
  state.lastAlarm = i;
  state.lastAlarmDistance = near.distance;
  // Up to 0.5 at the radius, towards 1 as the pattern gets farther from everything known;
  // discounted by how many new patterns the series has shown lately, because in a series that
  // keeps changing each change surprises less.
  return { score: novelty / (novelty + 1 + params.chattiness * recent), alarm: true, expected, novelty, level };
}

/** Appends a level to the recent window; returns the pattern once the window is full. */
function pushLevel(state: DetectorState, raw: number): Float64Array | null {
  const w = state.params.window;
  let v = (raw - state.lo) / state.scale;
  // Levels close to the running median are the series' usual noise: snap them to it so noise
  // does not read as new patterns (ARTime's idea). The median is tracked by small steps.
  state.median = state.median === null ? v : state.median + Math.sign(v - state.median) * state.params.medianStep;
  if (Math.abs(v - state.median) < state.params.snap) v = state.median;
  state.recent.push(v);
  if (state.recent.length > w) state.recent.shift();
  if (state.recent.length < w) return null;
  const f = new Float64Array(w * 2);
  let mn = Infinity;
  for (let k = 0; k < w; k++) {
    const v = state.recent[k]!;
    f[k] = v;
    mn = Math.min(mn, v);
  }
  for (let k = 0; k < w; k++) f[w + k] = (state.recent[k]! - mn) * state.params.shapeWeight;
  return f;
}

function expectedBand(state: DetectorState, index: number): { low: number; high: number } {
  const w = state.params.window;
  const last = state.memory.patterns[index * w * 2 + w - 1]!;
  return { low: state.lo + (last - state.radius) * state.scale, high: state.lo + (last + state.radius) * state.scale };
}

export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s = Math.max(s, Math.abs(a[k]! - b[k]!));
  return s;
}
