import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseSeriesCsv } from './csv.ts';
import { regularise, type RegularSeries } from './series.ts';

/**
 * The series a backtest reads from disk: every `*.csv` of the directories given (NAB's
 * `data/<category>` folders) and the files given, each averaged onto an hourly grid. NAB's
 * traffic series are irregular 5-minute samples over two to eight weeks: hourly means keep the
 * daily and weekly shapes that capacity planning is about and give the seasonal-naive yardstick
 * a period of 24.
 */
export function readSeriesFiles(inputs: readonly string[], step: number): { name: string; series: RegularSeries }[] {
  const out: { name: string; series: RegularSeries }[] = [];
  for (const input of inputs) {
    const files = statSync(input).isDirectory()
      ? readdirSync(input).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(input, f))
      : [input];
    for (const file of files) {
      const name = `${path.basename(path.dirname(file))}/${path.basename(file, '.csv')}`;
      out.push({ name, series: regularise(parseSeriesCsv(readFileSync(file, 'utf8'), file), step) });
    }
  }
  return out;
}
