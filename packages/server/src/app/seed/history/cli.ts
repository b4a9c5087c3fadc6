import { parseArgs } from 'node:util';
import type { AppContext } from '../../context.ts';
import { generateHistory } from './orchestrator.ts';

export const seedHistoryUsage = 'seed-history [--months 18] [--subscribers 2000] [--seed demo] [--end YYYY-MM-DD] [--isps demo,in,eu]';

/**
 * `seed-history`: the demo platform's past in the configured database (the demo data first when
 * the database is empty). Returns the exit code; bad options are a message and 2.
 */
export async function seedHistoryCommand(args: string[], open: () => Promise<AppContext>, close: (ctx: AppContext) => Promise<void>, print: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: {
      months: { type: 'string', default: '18' }, subscribers: { type: 'string', default: '2000' }, seed: { type: 'string', default: 'demo' },
      end: { type: 'string' }, isps: { type: 'string', default: 'demo,in,eu' },
    } }));
  } catch (err) {
    print(`${(err as Error).message}\nusage: ${seedHistoryUsage}`);
    return 2;
  }
  const months = Number(values.months);
  const subscribers = Number(values.subscribers);
  const isps = values.isps.split(',').map((s) => s.trim());
  const problems = [
    !Number.isInteger(months) || months < 1 || months > 60 ? '--months must be a whole number from 1 to 60' : null,
    !Number.isInteger(subscribers) || subscribers < 3 || subscribers > 1_000_000 ? '--subscribers must be a whole number from 3 to 1,000,000' : null,
    values.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.end) ? '--end must be a date, YYYY-MM-DD' : null,
    isps.some((k) => !['demo', 'in', 'eu'].includes(k)) ? '--isps takes demo, in and eu, comma-separated' : null,
  ].filter((p): p is string => p !== null);
  if (problems.length) {
    print(`${problems.join('\n')}\nusage: ${seedHistoryUsage}`);
    return 2;
  }
  // The history ends at noon UTC of the day given, or now.
  const end = values.end ? new Date(`${values.end}T12:00:00Z`) : new Date();
  const ctx = await open();
  try {
    const r = await generateHistory(ctx, { months, subscribers, seed: values.seed, end, isps: isps as ('demo' | 'in' | 'eu')[], log: print });
    for (const i of r.isps) print(`  ${i.slug}: ${JSON.stringify(i.stats)}`);
    print(`History of ${months} months, ${subscribers} subscriber accounts, seed "${values.seed}": ${(r.ms / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await close(ctx);
  }
}
