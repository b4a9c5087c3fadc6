import type { Actor } from '../../../platform/auth/actor.ts';
import { addStaffMessage, createOwnTicket, createTicket, replyOwnTicket, slaTargets, type TicketCategory, type TicketPriority, updateTicket } from '../../../modules/support/index.ts';
import { localInstant } from './calendar.ts';
import { schedule, type IspRun, type SimSub } from './run-state.ts';

/**
 * The support desk through the ticket services: tickets opened by subscribers in the portal or
 * by an agent on the phone, assigned, answered, sometimes answered back, resolved and closed,
 * each step at its simulated time. About four tickets per hundred lines a month, more after an
 * outage, on saturated evenings, after a suspension and in the first weeks of a new line;
 * some are answered after the SLA target, which the churn model remembers.
 */
const subjects: Record<TicketCategory, [string, string][]> = {
  connectivity: [['No internet since this morning', 'The router shows a red LOS light and nothing works.'], ['Connection drops several times a day', 'It disconnects for a minute or two, mostly in the evening.'],
    ['Speed much lower than my plan', 'Speed tests give a fraction of what I pay for.'], ['Wi-Fi does not reach the bedroom', 'The signal is weak upstairs.']],
  billing: [['Question about my invoice', 'Why is this month higher than the last?'], ['Payment not showing', 'I paid by transfer but the invoice is still open.'],
    ['Service suspended after payment', 'I paid today, please restore my line.'], ['Change my billing address', 'Please update the address on my invoices.']],
  installation: [['Installation appointment', 'When will the technician come?'], ['Router not configured', 'The installer left but the router has no internet.']],
  other: [['Static IP request', 'Can I get a fixed address?'], ['Moving house', 'I move next month, can the line move with me?'], ['Parental controls', 'How do I block some sites for the kids?']],
};

export type TicketReason = 'routine' | 'outage' | 'slow' | 'suspended' | 'install';

export function openTicket(r: IspRun, s: SimSub, dayIndex: number, hour: number, reason: TicketReason): void {
  const rng = s.rng;
  const category: TicketCategory = reason === 'outage' || reason === 'slow' ? 'connectivity' : reason === 'suspended' ? 'billing' : reason === 'install' ? 'installation'
    : (['connectivity', 'billing', 'other', 'installation'] as const)[rng.weighted([45, 28, 20, 7])]!;
  const pool = reason === 'outage' ? [subjects.connectivity[0]!] : reason === 'slow' ? [subjects.connectivity[2]!] : reason === 'suspended' ? [subjects.billing[2]!] : subjects[category];
  const [subject, body] = rng.pick(pool);
  const priority: TicketPriority = reason === 'outage' ? 'high' : category === 'connectivity' ? rng.pick(['normal', 'high'] as const) : category === 'other' ? 'low' : 'normal';
  const byPhone = rng.chance(0.4);
  const tz = r.isp.profile.timezone;
  const day = r.days[dayIndex]!;
  const openedAt = localInstant(day, hour, tz).getTime();
  const agent = r.isp.agents[rng.int(0, r.isp.agents.length - 1)]!;
  const target = slaTargets[priority];
  // Most first answers come well inside the target; one in eight misses it (a busy evening, a weekend).
  const slow = rng.chance(reason === 'outage' ? 0.35 : 0.12);
  const firstMs = slow ? target.firstResponseMs * rng.between(1.1, 3) : target.firstResponseMs * rng.between(0.05, 0.8);
  const resolveMs = firstMs + (slow ? target.resolutionMs * rng.between(0.8, 2) : target.resolutionMs * rng.between(0.05, 0.7));
  const replies = rng.chance(0.3);
  let id = '';
  const at = (ms: number, run: () => Promise<void>) => {
    const d = dayIndex + Math.floor((ms - r.dayStart) / 86_400_000);
    schedule(r, d, ms, async () => {
      if (!id) return;
      r.clock.now = ms;
      await run();
    });
  };
  const subscriber: Actor = { ...r.isp.admin, kind: 'subscriber', id: s.id, email: null, role: 'subscriber', branchId: null };
  schedule(r, dayIndex, openedAt, async () => {
    r.clock.now = openedAt;
    id = byPhone
      ? (await createTicket(r.ctx, { actor: agent, scope: r.isp.scope, ispId: r.isp.id }, { subject, category, priority, subscriber_id: s.id, body: `${s.username} called: ${body}` })).id
      : (await createOwnTicket(r.ctx, subscriber, { subject, category, priority, body })).id;
    s.x.tickets.push(dayIndex);
    if (slow) s.x.slowTickets.push(dayIndex);
    r.stats.tickets++;
  });
  at(openedAt + 5 * 60_000, () => updateTicket(r.ctx, { actor: agent, scope: r.isp.scope }, id, { assignee_id: agent.id }).then(() => undefined));
  at(openedAt + firstMs, () => addStaffMessage(r.ctx, { actor: agent, scope: r.isp.scope }, id, { body: reason === 'outage' ? 'We had an outage in your area; service is back. Please restart your router if it is still offline.' : 'Thank you, we are looking into it and will update you shortly.', internal: false }).then(() => undefined));
  if (replies) at(openedAt + firstMs + rng.between(0.5, 6) * 3_600_000, () => replyOwnTicket(r.ctx, subscriber, id, 'Thanks, it is working again now.').then(() => undefined).catch(() => undefined));
  at(openedAt + resolveMs + 7_200_000, () => updateTicket(r.ctx, { actor: agent, scope: r.isp.scope }, id, { status: 'resolved' }).then(() => undefined));
  at(openedAt + resolveMs + 3 * 86_400_000, () => updateTicket(r.ctx, { actor: agent, scope: r.isp.scope }, id, { status: 'closed' }).then(() => undefined));
}

/** Today's tickets: the routine ones and those an incident brings. */
export function ticketsOfDay(r: IspRun, dayIndex: number): void {
  const { nasOutage: out, saturation: sat } = r.incidents;
  for (const s of r.subs) {
    if (s.status === 'terminated') continue;
    const rng = s.rng;
    if (rng.chance(0.04 / 30.44)) openTicket(r, s, dayIndex, 8 + rng.next() * 13, 'routine');
    else if (out.day === dayIndex && r.isp.net.nases.indexOf(s.nas) === out.nasIndex && rng.chance(0.08)) openTicket(r, s, dayIndex, out.fromHour + rng.next() * (out.toHour - out.fromHour), 'outage');
    else if (dayIndex >= sat.from && dayIndex <= sat.to && rng.chance(0.004)) openTicket(r, s, dayIndex, 20 + rng.next() * 2.5, 'slow');
  }
}

/** Some of the lines dunning suspended this morning call about it. */
export function suspensionTickets(r: IspRun, dayIndex: number, suspended: readonly SimSub[]): void {
  for (const s of suspended) if (s.rng.chance(0.15)) openTicket(r, s, dayIndex, 9.5 + s.rng.next() * 8, 'suspended');
}

/** A new line: one in eight asks about the installation on its first evening. */
export function installationTicket(r: IspRun, dayIndex: number, s: SimSub, hour: number): void {
  if (s.rng.chance(0.12)) openTicket(r, s, dayIndex, Math.min(23.5, hour + 3 + s.rng.next() * 2), 'install');
}
