import type { AppContext } from '../../../platform/context.ts';
import type { Mail, Mailer } from '../../../platform/mail/mailer.ts';
import type { Random } from './random.ts';
import type { Experience, Traits } from './population.ts';
import type { SimIsp, SimNas } from './setup.ts';
import type { Incidents } from './incidents.ts';

/** An open RADIUS session of a line: what its NAS has counted so far. */
export type Session = { sessionId: string; uid: string; startMs: number; inOctets: number; outOctets: number };

export type SimSub = {
  n: number; id: string; username: string; mac: string; framedIp: string; nas: SimNas; branchId: string | null;
  planIndex: number; joined: string; billingDay: number; status: 'active' | 'suspended' | 'terminated';
  traits: Traits; x: Experience; rng: Random;
  session: Session | null;
  monthKey: string; monthBytes: number;
  suspendedSince: number | null;
  /** Today's demand (bytes) and the local hours the line was online, for the NOC links. */
  today: number;
  /** The session must end today at this hour (leaving, suspension), or may start at this hour (sign-up, restore). */
  cut: { hour: number; cause: string } | null;
  resume: number | null;
};

export type Event = { at: number; seq: number; run: () => Promise<void> };

/** Everything one ISP's history needs while it runs. `ctx` carries the simulated clock. */
export type IspRun = {
  isp: SimIsp; ctx: AppContext; rng: Random; days: string[]; yearsIn: (dayIndex: number) => number;
  subs: SimSub[]; byId: Map<string, SimSub>;
  /** The end of the history: nothing happens after it. */
  endMs: number;
  /** UTC instant of today's local midnight. */
  dayStart: number;
  /** The simulated instant the services read. */
  clock: { now: number };
  /** Waits while people use the server (between small units of work: an event, a device's polls). */
  pause: () => Promise<void>;
  agenda: Map<number, Event[]>; seq: number;
  incidents: Incidents;
  medianPrice: number;
  /** The history's invoices not paid yet: who owes, how much, due when. */
  open: Map<string, { sub: SimSub; total: number; due: string }>;
  /** Per NAS, bytes in each local hour of today (filled by the traffic pass, read by the NOC pass). */
  load: number[][];
  /** Share of today's demand the network carried (below 1 while the transit link saturates). */
  carried: number;
  stats: { signups: number; churned: number; terminatedForDebt: number; planChanges: number; payments: number; failedPayments: number; tickets: number; records: number; polls: number };
};

/** Runs `run` at `at` (ms) on day `dayIndex`; same-instant events keep their order. */
export function schedule(r: IspRun, dayIndex: number, at: number, run: () => Promise<void>): void {
  if (dayIndex >= r.days.length) return;
  const list = r.agenda.get(dayIndex) ?? [];
  list.push({ at, seq: r.seq++, run });
  r.agenda.set(dayIndex, list);
}

/**
 * The history's reminders and replies were due in the past: they are recorded where the
 * product records them (dunning actions, ticket messages) but not delivered now, to addresses
 * the history made up. Counts what it was given.
 */
export class PastMailer implements Mailer {
  held = 0;
  async send(_mail: Mail): Promise<void> {
    this.held++;
  }
}
