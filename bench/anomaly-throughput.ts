// Throughput of the anomaly detector on one core, and the size of one series' state.
// Target: keep up with 100,000 series at one point a minute, i.e. ≈1,667 points/s.
//
// Feeds every series of a NAB corpus (real data: `<input>/<category>/<file>.csv`) through a
// fresh detector, point by point as the worker does, `--repeat` times, timing only the detector
// (files are parsed before the clock starts). State size = bytes of the state serialised as JSON
// (what the worker stores per series), measured at the end of each series.
//   npx tsx bench/anomaly-throughput.ts [--input ../shared/data/nab/data] [--repeat 3]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDetectorState, observe, parseSeriesCsv } from '../packages/server/src/modules/intelligence/index.ts';

const { values } = parseArgs({ options: { input: { type: 'string', default: '../shared/data/nab/data' }, repeat: { type: 'string', default: '3' } } });
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be a whole number ≥ 1');

const series: number[][] = [];
for (const category of (await readdir(values.input!, { withFileTypes: true })).filter((d) => d.isDirectory())) {
  for (const f of (await readdir(join(values.input!, category.name))).filter((n) => n.endsWith('.csv'))) {
    series.push(parseSeriesCsv(await readFile(join(values.input!, category.name, f), 'utf8'), f).map((r) => r.value));
  }
}
const points = series.reduce((s, v) => s + v.length, 0);
console.log(`${series.length} series, ${points} points, ${repeat} passes`);

const sizes: number[] = [];
let alarms = 0;
const start = process.hrtime.bigint();
for (let r = 0; r < repeat; r++) {
  for (const values of series) {
    // The production default probation (750 points), as the worker runs it.
    const state = createDetectorState();
    for (const v of values) if (observe(state, v).alarm) alarms++;
    if (r === 0) sizes.push(Buffer.byteLength(JSON.stringify(state)));
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rate = (points * repeat) / seconds;
sizes.sort((a, b) => a - b);
const mean = sizes.reduce((s, x) => s + x, 0) / sizes.length;
console.log(`${Math.round(rate).toLocaleString('en')} points/s on one core (${seconds.toFixed(2)} s, ${alarms / repeat} alarms per pass)`);
console.log(`= ${Math.round(rate * 60).toLocaleString('en')} series at one point a minute (target 100,000 = 1,667 points/s)`);
console.log(`state per series (JSON): mean ${Math.round(mean)} B, median ${sizes[Math.floor(sizes.length / 2)]} B, max ${sizes[sizes.length - 1]} B`);
console.log(`100,000 series ≈ ${((mean * 100_000) / 1e6).toFixed(0)} MB of state`);
