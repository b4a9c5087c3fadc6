/**
 * Bucketing for the anomaly detector: `step` raw points become one level. The level is the
 * bucket's mean, unless its most extreme point (the one farther from the running average)
 * stands out by more than 10 % of the mean: then that point, so a one-point spike survives.
 */
export interface Buckets {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Running average of bucket means (halving weight), the reference for "extreme". */
  average: number | null;
}

export function createBuckets(): Buckets {
  return { count: 0, sum: 0, min: 0, max: 0, average: null };
}

/** Adds a value; returns the bucket's level when this value completes a bucket, else null. */
export function bucketSummary(b: Buckets, value: number, step: number): number | null {
  b.min = b.count === 0 ? value : Math.min(b.min, value);
  b.max = b.count === 0 ? value : Math.max(b.max, value);
  b.count++;
  b.sum += value;
  if (b.count < step) return null;
  const mean = b.sum / b.count;
  b.average = b.average === null ? mean : (b.average + mean) / 2;
  let level = Math.abs(b.max - b.average) >= Math.abs(b.min - b.average) ? b.max : b.min;
  if (Math.abs(level - mean) < 0.1 * Math.abs(mean)) level = mean;
  b.count = 0;
  b.sum = 0;
  return level;
}
