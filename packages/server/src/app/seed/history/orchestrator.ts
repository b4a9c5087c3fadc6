import type { AppContext } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { AccountingWriter, type AcctRecord } from '../../../modules/aaa/index.ts';
import { rollupMetrics } from '../../../modules/noc/index.ts';
import { hasAnyFounder, seedDemoData } from '../demo-data.ts';
import { Random } from './random.ts';
import { ispProfiles, type IspProfile } from './profiles.ts';
import { setUpIsp } from './setup.ts';
import { addDays, addMonths, daysBetween, localDay, localInstant } from './calendar.ts';
import { campaigns, drawSignupDays, signupWeights } from './population.ts';
import { decideDay, leave, signUp } from './lifecycle.ts';
import { billingRunOfDay, dunningOfDay } from './billing.ts';
import { installationTicket, suspensionTickets, ticketsOfDay } from './tickets.ts';
import { accountingOfDay, demandOfDay } from './accounting.ts';
import { carryOfDay, loadNoc, pollsOfDay, type NocState } from './noc.ts';
import { placeIncidents } from './incidents.ts';
import { PastMailer, schedule, type IspRun, type SimSub } from './run-state.ts';

export type HistoryOptions = {
  months: number;
  /** Subscriber accounts the history opens across its ISPs (the base they start with included). */
  subscribers: number;
  seed: string;
  /** The instant the history ends at: "now" of the generated world. */
  end: Date;
  isps?: readonly IspProfile['key'][];
  log?: (line: string) => void;
  /** Asked between units of work; the server's first start passes "wait while people are served". */
  pause?: () => Promise<void>;
};

export type HistoryResult = { ms: number; isps: { slug: string; stats: IspRun['stats'] }[]; mailsHeld: number; phases: Record<string, number> };

/** Share of a history's accounts the ISP already had on its first day. */
const BASE_SHARE = 0.45;

/**
 * Writes the past of the demo platform: for each ISP, day by day from `months` before `end`,
 * sign-ups, plan changes and departures, the daily billing run, payments and dunning, the
 * support desk, RADIUS accounting and NOC polls, all through the services with the simulated
 * time on their context. Deterministic for a seed (ids and audit times aside).
 */
export async function generateHistory(base: AppContext, opts: HistoryOptions): Promise<HistoryResult> {
  if (base.config.env === 'production') throw new Error('Refusing to generate a demo history with NODE_ENV=production');
  if (!Number.isInteger(opts.months) || opts.months < 1 || opts.months > 60) throw new Error('months: a whole number from 1 to 60');
  if (!Number.isInteger(opts.subscribers) || opts.subscribers < 3) throw new Error('subscribers: a whole number, at least 3');
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const pause = opts.pause ?? (() => Promise.resolve());
  if (!(await hasAnyFounder(base))) await seedDemoData(base);
  const rootRng = new Random(opts.seed);
  const mailer = new PastMailer();
  const seedActor = { ...systemActor, email: 'seed-history' };
  const profiles = ispProfiles.filter((p) => !opts.isps || opts.isps.includes(p.key));
  const shares = profiles.reduce((a, p) => a + p.share, 0);
  const runs: { r: IspRun; noc: NocState; signups: Map<number, number>; nextN: number }[] = [];
  let remaining = opts.subscribers;
  for (const [k, p] of profiles.entries()) {
    const count = k === profiles.length - 1 ? remaining : Math.max(1, Math.round((opts.subscribers * p.share) / shares));
    remaining -= count;
    const rng = rootRng.fork(p.key);
    const clock = { now: opts.end.getTime() };
    const ctx: AppContext = { ...base, mailer, clock: () => new Date(clock.now) };
    const isp = await setUpIsp(ctx, seedActor, p, rng.fork('setup'));
    const endDay = localDay(opts.end, p.timezone);
    const firstDay = addMonths(endDay, -opts.months);
    const days = Array.from({ length: daysBetween(firstDay, endDay) + 1 }, (_, i) => addDays(firstDay, i));
    const prices = isp.plans.map((x) => x.priceMinor).sort((a, b) => a - b);
    const r: IspRun = {
      isp, ctx, rng, days, yearsIn: (i) => i / 365, endMs: opts.end.getTime(), subs: [], byId: new Map(), dayStart: localInstant(firstDay, 0, p.timezone).getTime(), clock, pause,
      agenda: new Map(), seq: 0, incidents: placeIncidents(rng.fork('incidents'), days.length, isp.net.nases.length),
      medianPrice: prices[prices.length >> 1]!, load: [], carried: 1, open: new Map(),
      stats: { signups: 0, churned: 0, terminatedForDebt: 0, planChanges: 0, payments: 0, failedPayments: 0, tickets: 0, records: 0, polls: 0 },
    };
    const baseCount = Math.round(count * BASE_SHARE);
    const signups = new Map<number, number>();
    for (const d of drawSignupDays(rng.fork('signups'), signupWeights(p, days, campaigns(rng.fork('campaigns'), days.length)), count - baseCount)) signups.set(d, (signups.get(d) ?? 0) + 1);
    // The base the ISP had before the history: accounts opened up to four years earlier.
    const baseRng = rng.fork('base');
    for (let n = 0; n < baseCount; n++) {
      await pause();
      const s = await signUp(r, n, 0, 0.2 + (n / baseCount) * 0.5, addDays(firstDay, -baseRng.int(20, 1500)));
      s.resume = 0;
    }
    runs.push({ r, noc: await loadNoc(r), signups, nextN: baseCount });
    log(`history: ${p.name} (${p.currency}, ${p.timezone}): ${count} subscriber accounts over ${days.length} days from ${firstDay}`);
  }

  const phases: Record<string, number> = { setup: performance.now() - started, events: 0, accounting: 0, noc: 0, rollup: 0 };
  const timed = async <T>(phase: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await f();
    } finally {
      phases[phase] = (phases[phase] ?? 0) + performance.now() - t;
    }
  };
  const writer = new AccountingWriter(base.db, base.db.kind === 'postgres' ? 3 : 1);
  // A rollup's work grows with the days since the last one; on the embedded database, where it
  // holds the one thread for its whole transaction, short ones keep people's pages quick.
  const rollupEvery = base.db.kind === 'postgres' ? 28 : 2;
  const totalDays = Math.max(...runs.map((x) => x.r.days.length));
  for (let i = 0; i < totalDays; i++) {
    const pending: Promise<void>[] = [];
    // On PostgreSQL the day's records go to the writer at once (its lanes overlap them with the
    // NOC pass). On the embedded database, whose one thread people's pages share, they wait for
    // the end of the day and go in slices, with a pause for people between.
    const held: AcctRecord[] = [];
    const submit = base.db.kind === 'postgres' ? (rec: AcctRecord) => void pending.push(writer.submit(rec)) : (rec: AcctRecord) => void held.push(rec);
    // One day of one ISP; on PostgreSQL the ISPs' days run side by side (each ISP's own steps stay in order).
    const dayOf = async (run: (typeof runs)[number]) => {
      const { r } = run;
      if (i >= r.days.length) return;
      const day = r.days[i]!;
      r.dayStart = localInstant(day, 0, r.isp.profile.timezone).getTime();
      for (let k = 0; k < (run.signups.get(i) ?? 0); k++) {
        const n = run.nextN++;
        const hour = 9 + r.rng.next() * 10;
        schedule(r, i, localInstant(day, hour, r.isp.profile.timezone).getTime(), async () => installationTicket(r, i, await signUp(r, n, i, hour, null), hour));
      }
      decideDay(r, i, (s: SimSub, at: number) => schedule(r, i, at, () => leave(r, s, at, s.status === 'suspended')));
      ticketsOfDay(r, i);
      schedule(r, i, r.dayStart + 2 * 3_600_000, () => billingRunOfDay(r, i));
      schedule(r, i, r.dayStart + 9 * 3_600_000, async () => suspensionTickets(r, i, await dunningOfDay(r, i)));
      await timed('events', () => runAgenda(r, i));
      demandOfDay(r, i);
      carryOfDay(r, run.noc, i);
      accountingOfDay(r, i, submit);
      await timed('noc', () => pollsOfDay(r, run.noc, i));
      if (day.endsWith('-01') || i === r.days.length - 1) {
        const active = r.subs.filter((s) => s.status === 'active').length;
        log(`history: ${r.isp.profile.name} ${day}: ${active} active, ${r.stats.signups} sign-ups, ${r.stats.churned + r.stats.terminatedForDebt} gone, ${r.stats.tickets} tickets (${Math.round((performance.now() - started) / 1000)} s)`);
      }
    };
    if (base.db.kind === 'postgres') await Promise.all(runs.map(dayOf));
    else for (const run of runs) await dayOf(run);
    await pause();
    await timed('accounting', async () => {
      await Promise.all(pending);
      for (let k = 0; k < held.length; k += 100) {
        await pause();
        await Promise.all(held.slice(k, k + 100).map((rec) => writer.submit(rec)));
      }
      await writer.idle();
    });
    if (i % rollupEvery === rollupEvery - 1) {
      await pause();
      await timed('rollup', () => rollupMetrics(base, new Date(Math.min(opts.end.getTime(), runs[0]!.r.dayStart + 86_400_000))));
    }
  }
  await timed('rollup', () => rollupMetrics(base, opts.end));
  // The history's subscriber events are its past, and the network already shows them (the
  // accounting stopped and started the sessions). Relayed later, they would reach the AAA engine
  // as if new and make it act on today's sessions (a Disconnect for a line suspended and restored
  // months ago, a CoA for an old plan change), so they are marked relayed. Its other events
  // (payments, invoices, tickets) are relayed as usual.
  const ids = runs.flatMap(({ r }) => r.subs.map((s) => s.id));
  for (let k = 0; k < ids.length; k += 5000) {
    await base.db.query(`UPDATE domain_events SET published_at = now() WHERE published_at IS NULL AND type LIKE 'subscriber.%' AND aggregate_id = ANY($1::text[])`, [ids.slice(k, k + 5000)]);
  }
  if (base.db.kind === 'pglite') await base.db.exec('ANALYZE');
  const ms = Math.round(performance.now() - started);
  log(`history: done in ${(ms / 1000).toFixed(1)} s (${Object.entries(phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')})`);
  return { phases, ms, isps: runs.map(({ r }) => ({ slug: r.isp.profile.slug, stats: r.stats })), mailsHeld: mailer.held };
}

/** Runs the day's events in time order; events may add later ones to the same day. */
async function runAgenda(r: IspRun, dayIndex: number): Promise<void> {
  const list = r.agenda.get(dayIndex) ?? [];
  r.agenda.delete(dayIndex);
  for (;;) {
    const extra = r.agenda.get(dayIndex);
    if (extra) {
      list.push(...extra);
      r.agenda.delete(dayIndex);
    }
    if (list.length === 0) break;
    list.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const e = list.shift()!;
    // The last day ends at the history's end: what would come later has not happened yet.
    if (e.at > r.endMs) continue;
    await r.pause();
    r.clock.now = e.at;
    await e.run();
  }
}
