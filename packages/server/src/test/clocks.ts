import type { Clock } from '../platform/clock/clock.ts';

/** A clock that stands at `at` and moves on with the real time, so time still passes in a test. */
export function clockAt(at: string | Date): Clock {
  const offset = new Date(at).getTime() - Date.now();
  if (Number.isNaN(offset)) throw new Error(`clockAt: not a date: ${String(at)}`);
  return () => new Date(Date.now() + offset);
}

/** A clock that stands still at `at`: for figures computed from "now" that a test compares. */
export function clockStoppedAt(at: string | Date): Clock {
  const t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`clockStoppedAt: not a date: ${String(at)}`);
  return () => new Date(t);
}
