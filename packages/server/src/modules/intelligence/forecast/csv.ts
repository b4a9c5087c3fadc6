import type { Point } from './series.ts';

/**
 * Reads a `timestamp,value` CSV (NAB's format: a header line, then `YYYY-MM-DD HH:MM:SS` in UTC
 * or an ISO-8601 time, and a number). Throws with the file's line number on a malformed line.
 */
export function parseSeriesCsv(text: string, name = 'input'): Point[] {
  const lines = text.split(/\r?\n/);
  const points: Point[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const [ts, value, ...rest] = line.split(',');
    if (i === 0 && !/^\d/.test(ts ?? '')) continue; // the header
    if (rest.length || ts === undefined || value === undefined) throw new Error(`${name}:${i + 1}: expected "timestamp,value"`);
    const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(ts.trim()) ? `${ts.trim().replace(' ', 'T')}Z` : ts.trim();
    const t = Date.parse(iso);
    const v = Number(value);
    if (!Number.isFinite(t)) throw new Error(`${name}:${i + 1}: "${ts}" is not a time`);
    if (value.trim() === '' || !Number.isFinite(v)) throw new Error(`${name}:${i + 1}: "${value}" is not a number`);
    points.push({ t, v });
  }
  return points;
}
