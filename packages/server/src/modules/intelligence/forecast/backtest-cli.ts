import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import { backtestSeries, formatBacktest, type BacktestRow } from './backtest.ts';
import { readSeriesFiles } from './backtest-files.ts';
import { forecastModelVersion } from './model.ts';
import { regularise, type RegularSeries } from './series.ts';

export const forecastBacktestUsage = 'forecast-backtest [--input <dir or csv>]... [--demo] [--horizon 24] [--origins 3]';

const HOUR = 3_600_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
/** NAB's traffic and cloud folders beside the checkout, the ones present. */
const nabDefaults = ['realTraffic', 'realAWSCloudwatch'].map((c) => path.join(repoRoot, '../shared/data/nab/data', c)).filter((d) => existsSync(d));

/**
 * `forecast-backtest`: the forecaster against the seasonal-naive forecast (period 24 h) on the
 * held-back tails of hourly series — CSV files or folders (NAB's `timestamp,value`), by default
 * NAB's realTraffic and realAWSCloudwatch, and with `--demo` every interface's hourly in/out
 * traffic in the configured database's NOC rollups (e.g. written by `seed-history`).
 */
export async function forecastBacktestCommand(args: string[], open: () => Promise<AppContext>, close: (ctx: AppContext) => Promise<void>, print: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: {
      input: { type: 'string', multiple: true }, demo: { type: 'boolean', default: false },
      horizon: { type: 'string', default: '24' }, origins: { type: 'string', default: '3' },
    } }));
  } catch (err) {
    print(`${(err as Error).message}\nusage: ${forecastBacktestUsage}`);
    return 2;
  }
  const horizon = Number(values.horizon);
  const origins = Number(values.origins);
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const inputs = (values.input ?? (values.demo ? [] : nabDefaults)).map((i) => path.resolve(cwd, i));
  const problems = [
    !Number.isInteger(horizon) || horizon < 1 || horizon > 24 * 28 ? '--horizon must be a whole number of hours from 1 to 672' : null,
    !Number.isInteger(origins) || origins < 1 || origins > 60 ? '--origins must be a whole number from 1 to 60' : null,
    ...inputs.filter((i) => !existsSync(i)).map((i) => `${i}: no such file or folder`),
    inputs.length === 0 && !values.demo ? "no input: NAB's folders are not beside the checkout; give --input or --demo" : null,
  ].filter((p): p is string => p !== null);
  if (problems.length) {
    print(`${problems.join('\n')}\nusage: ${forecastBacktestUsage}`);
    return 2;
  }
  const setup = { horizon, origins, period: 24 };
  const series: { name: string; series: RegularSeries }[] = [];
  try {
    series.push(...readSeriesFiles(inputs, HOUR));
  } catch (err) {
    print((err as Error).message);
    return 2;
  }
  if (values.demo) {
    const ctx = await open();
    try {
      series.push(...(await demoInterfaceSeries(ctx)));
    } finally {
      await close(ctx);
    }
  }
  const table: BacktestRow[] = [];
  const skipped: string[] = [];
  for (const s of series) {
    const row = backtestSeries(s.name, s.series, setup);
    if (row) table.push(row);
    else skipped.push(s.name);
  }
  print(`Model ${forecastModelVersion}; hourly means; seasonal naive with a period of 24 h; horizon ${horizon} h from each of the last ${origins} origins (rolling, ${horizon} h apart)`);
  print(formatBacktest(table));
  if (skipped.length) print(`Too short for this setup (less than 4 days before the held-back tail): ${skipped.join(', ')}`);
  return 0;
}

/** Every interface's hourly mean in- and outbound bits per second from noc_metrics_1h, across ISPs. */
async function demoInterfaceSeries(ctx: AppContext): Promise<{ name: string; series: RegularSeries }[]> {
  const points = await withScope(ctx.db, platformScope, (tx) => rows<{ isp: string; device: string; iface: string; metric: string; bucket: string | Date; avg: number }>(tx, sql`
    SELECT i.slug AS isp, d.name AS device, f.name AS iface, m.metric, m.bucket, m.avg
    FROM noc_metrics_1h m JOIN noc_interfaces f ON f.id = m.interface_id JOIN noc_devices d ON d.id = m.device_id JOIN isps i ON i.id = m.isp_id
    WHERE m.metric IN ('if_in_bps', 'if_out_bps') ORDER BY i.slug, d.name, f.name, m.metric, m.bucket`));
  const byName = new Map<string, { t: number; v: number }[]>();
  for (const p of points) {
    const name = `demo/${p.isp}/${p.device}/${p.iface}/${p.metric === 'if_in_bps' ? 'in' : 'out'}`;
    let list = byName.get(name);
    if (!list) byName.set(name, (list = []));
    list.push({ t: new Date(p.bucket).getTime(), v: Number(p.avg) });
  }
  return [...byName].map(([name, pts]) => ({ name, series: regularise(pts, HOUR) }));
}
