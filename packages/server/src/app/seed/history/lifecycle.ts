import { createSubscriber, updateSubscriber } from '../../../modules/subscribers/index.ts';
import { addCharge, billingDayFor, cancelSubscription, changePlan, createSubscription } from '../../../modules/billing/index.ts';
import { localInstant } from './calendar.ts';
import { churnHazard, drawTraits, emptyExperience, planMove } from './population.ts';
import { schedule, type IspRun, type SimSub } from './run-state.ts';
import type { Random } from './random.ts';

/** Local hour (fractional) of an instant on the day being simulated. */
export function hourOf(r: IspRun, at: number): number {
  return Math.min(23.99, Math.max(0, (at - r.dayStart) / 3_600_000));
}

const ascii = (s: string) => s.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/ı/g, 'i');

/**
 * Signs a subscriber up through the subscriber and subscription services: `joined` is when
 * the account was opened (before the history for the base the ISP already had, whose
 * subscriptions start on the history's first day as if moved over from an older system).
 */
export async function signUp(r: IspRun, n: number, dayIndex: number, hour: number, joined: string | null): Promise<SimSub> {
  const p = r.isp.profile;
  const rng = r.rng.fork(`sub-${n}`);
  const traits = drawTraits(rng, p, r.yearsIn(dayIndex));
  const first = rng.pick(p.firstNames);
  const last = rng.pick(p.lastNames);
  const username = ascii(`${first}.${last}${n}`).toLowerCase().replace(/[^a-z0-9.]/g, '');
  const day = r.days[dayIndex]!;
  const at = localInstant(day, hour, p.timezone).getTime();
  const nas = r.isp.net.nases[n % r.isp.net.nases.length]!;
  const branchId = r.isp.branches.length ? r.isp.branches[rng.weighted(r.isp.branches.map((_, i) => 3 - Math.min(2, i)))]! : null;
  r.clock.now = joined ? localInstant(joined, hour, p.timezone).getTime() : at;
  const dto = await createSubscriber(r.ctx, { actor: r.isp.admin, scope: r.isp.scope, ispId: r.isp.id }, {
    status: 'active', first_name: first, last_name: last, email: ascii(`${first}.${last}${n}@${p.emailDomain}`).toLowerCase(), phone: p.phone(n),
    address: `${rng.int(1, 240)} ${rng.pick(p.streets)}`, city: rng.pick(p.cities),
    latitude: p.center[0] + rng.normal(0, 0.03), longitude: p.center[1] + rng.normal(0, 0.03),
    username, password: rng.hex(8), branch_id: branchId, plan_id: r.isp.plans[traits.planIndex]!.id,
  });
  r.clock.now = at;
  const sub = await createSubscription(r.ctx, { actor: r.isp.admin, scope: r.isp.scope }, dto.id, { kind: 'postpaid', anchor: p.anchor, billing_day: 1, start_date: day });
  if (!joined && p.installFeeMinor > 0) await addCharge(r.ctx, { actor: r.isp.admin, scope: r.isp.scope }, dto.id, { description: 'Installation and router', amount_minor: p.installFeeMinor });
  const s: SimSub = {
    n, id: dto.id, username, mac: macOf(rng), framedIp: `100.${64 + (r.isp.profile.key === 'demo' ? 0 : r.isp.profile.key === 'in' ? 1 : 2)}.${(n >> 8) & 255}.${n & 255}`,
    nas, branchId, planIndex: traits.planIndex, joined: joined ?? day, billingDay: billingDayFor(p.anchor, day, 1), status: 'active', traits,
    x: emptyExperience(), rng, session: null, monthKey: day.slice(0, 7), monthBytes: 0, suspendedSince: null, today: 0, cut: null, resume: hour + 1.5,
  };
  void sub;
  r.subs.push(s);
  r.byId.set(s.id, s);
  r.stats.signups++;
  return s;
}

function macOf(rng: Random): string {
  return ['d4', rng.hex(1), rng.hex(1), rng.hex(1), rng.hex(1), rng.hex(1)].join(':').toUpperCase();
}

/** A subscriber leaves: the subscription is cancelled and the account terminated, at `at`. */
export async function leave(r: IspRun, s: SimSub, at: number, forDebt: boolean): Promise<void> {
  if (s.status === 'terminated') return;
  r.clock.now = at;
  await cancelSubscription(r.ctx, { actor: r.isp.admin, scope: r.isp.scope }, s.id).catch(() => undefined);
  await updateSubscriber(r.ctx, { actor: r.isp.admin, scope: r.isp.scope }, s.id, { status: 'terminated' });
  s.status = 'terminated';
  s.cut = { hour: hourOf(r, at), cause: forDebt ? 'Admin-Reset' : 'User-Request' };
  if (forDebt) r.stats.terminatedForDebt++;
  else r.stats.churned++;
}

/** Today's decisions of the lines still there: leave, change plan, or stay. */
export function decideDay(r: IspRun, dayIndex: number, onLeave: (s: SimSub, at: number) => void): void {
  const day = r.days[dayIndex]!;
  const tz = r.isp.profile.timezone;
  for (const s of r.subs) {
    if (s.status === 'terminated') continue;
    // Suspended for unpaid bills for six weeks: the operator closes the account (involuntary churn).
    if (s.status === 'suspended' && s.suspendedSince !== null && dayIndex - s.suspendedSince >= 42) {
      const at = localInstant(day, 11 + s.rng.next() * 5, tz).getTime();
      onLeave(s, at);
      continue;
    }
    const plan = r.isp.plans[s.planIndex]!;
    if (s.rng.chance(churnHazard(r.isp.profile, s.traits, s.x, s.joined, day, dayIndex, plan.priceMinor, r.medianPrice))) {
      onLeave(s, localInstant(day, 9 + s.rng.next() * 9, tz).getTime());
      continue;
    }
    if (s.status !== 'active') continue;
    const move = planMove(s.rng, s.traits, s.x, s.planIndex, r.isp.plans.length, dayIndex);
    if (move !== 0) {
      const target = s.planIndex + move;
      const at = localInstant(day, 10 + s.rng.next() * 8, tz).getTime();
      schedule(r, dayIndex, at, async () => {
        if (s.status === 'terminated') return;
        r.clock.now = at;
        try {
          await changePlan(r.ctx, { actor: r.isp.admin, scope: r.isp.scope }, s.id, { plan_id: r.isp.plans[target]!.id, effective_date: day });
          s.planIndex = target;
          r.stats.planChanges++;
        } catch {
          // The open period may have just been billed (its last day): the subscriber tries again another month.
        }
      });
    }
  }
}
