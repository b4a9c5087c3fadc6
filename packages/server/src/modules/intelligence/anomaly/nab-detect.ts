/**
 * `nab-detect`: runs the anomaly detector over a Numenta Anomaly Benchmark corpus
 * (`<input>/<category>/<file>.csv`, columns timestamp,value) and writes NAB's results format
 * (`<output>/<category>/<name>_<file>.csv`: timestamp,value,anomaly_score,label with label 0).
 * One parameter set for every file; the only per-file input is NAB's probation period (15 % of
 * the file's length, as NAB gives every detector), never its labels.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDetectorState, nabProbation, observe, type DetectorParams } from './detector.ts';

export const nabDetectUsage = 'nab-detect --input DIR --output DIR [--name NAME]';

export class NabInputError extends Error {}

export interface SeriesRow {
  timestamp: string;
  value: number;
}

/** Parses a NAB data file; throws NabInputError naming the file and line of the first bad row. */
export function parseSeriesCsv(text: string, file: string): SeriesRow[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.trim().toLowerCase();
  if (header !== 'timestamp,value') throw new NabInputError(`${file}: the first line must be "timestamp,value", found "${lines[0] ?? ''}"`);
  const rows: SeriesRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const parts = line.split(',');
    if (parts.length !== 2) throw new NabInputError(`${file}:${i + 1}: expected 2 columns, found ${parts.length}`);
    const value = Number(parts[1]);
    if (parts[1]!.trim() === '' || !Number.isFinite(value)) throw new NabInputError(`${file}:${i + 1}: value "${parts[1]}" is not a number`);
    if (!parts[0]) throw new NabInputError(`${file}:${i + 1}: empty timestamp`);
    rows.push({ timestamp: parts[0], value });
  }
  if (rows.length === 0) throw new NabInputError(`${file}: no data rows`);
  return rows;
}

/** Scores one series from a fresh detector state, one score per row. */
export function scoreSeries(values: readonly number[], params: Partial<DetectorParams> = {}): number[] {
  const state = createDetectorState({ ...params, probation: nabProbation(values.length) });
  return values.map((v) => observe(state, v).score);
}

export function formatResultsCsv(rows: readonly SeriesRow[], scores: readonly number[]): string {
  const out = ['timestamp,value,anomaly_score,label'];
  for (let i = 0; i < rows.length; i++) out.push(`${rows[i]!.timestamp},${rows[i]!.value},${round(scores[i]!)},0`);
  return out.join('\n') + '\n';
}

function round(x: number): string {
  return x === 0 ? '0' : x.toFixed(6);
}

export async function nabDetect(input: string, output: string, name: string, log: (line: string) => void, tuning: Partial<DetectorParams> = {}): Promise<number> {
  const categories = (await readdir(input, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  let files = 0;
  let points = 0;
  for (const category of categories) {
    const csvs = (await readdir(join(input, category))).filter((f) => f.endsWith('.csv')).sort();
    if (!csvs.length) continue;
    await mkdir(join(output, category), { recursive: true });
    for (const f of csvs) {
      const rows = parseSeriesCsv(await readFile(join(input, category, f), 'utf8'), join(category, f));
      const scores = scoreSeries(rows.map((r) => r.value), tuning);
      await writeFile(join(output, category, `${name}_${f}`), formatResultsCsv(rows, scores));
      files++;
      points += rows.length;
    }
  }
  if (files === 0) throw new NabInputError(`${input} has no <category>/<file>.csv files`);
  log(`Scored ${files} files (${points} points) into ${output}`);
  return files;
}

/** The command line: validates arguments, returns the process exit code. */
export async function nabDetectCommand(args: string[], log: (line: string) => void, fail: (line: string) => void): Promise<number> {
  let values: { input?: string; output?: string; name?: string };
  try {
    values = parseArgs({ args, options: { input: { type: 'string' }, output: { type: 'string' }, name: { type: 'string', default: 'astranetix' } } }).values;
  } catch (e) {
    fail(`${(e as Error).message}\nusage: ${nabDetectUsage}`);
    return 2;
  }
  if (!values.input || !values.output) {
    fail(`nab-detect needs --input and --output\nusage: ${nabDetectUsage}`);
    return 2;
  }
  if (!/^[A-Za-z0-9_-]+$/.test(values.name ?? '')) {
    fail('--name must be letters, digits, _ or - (it prefixes every results file)');
    return 2;
  }
  // `npm run cli -w …` runs in the package's folder; paths are meant from where npm was started.
  const base = process.env.INIT_CWD ?? process.cwd();
  const input = resolve(base, values.input);
  const output = resolve(base, values.output);
  const st = await stat(input).catch(() => null);
  if (!st?.isDirectory()) {
    fail(`--input ${values.input} is not a directory`);
    return 2;
  }
  try {
    await nabDetect(input, output, values.name!, log);
  } catch (e) {
    if (e instanceof NabInputError) {
      fail(e.message);
      return 1;
    }
    throw e;
  }
  return 0;
}
