import { sql } from 'drizzle-orm';
import { systemActor, type Actor } from '../../../platform/auth/actor.ts';
import { rows, withScope } from '../../../platform/db/scope.ts';
import { claimScheduledRun, executeBillingRun, insertPayment, recordManualPayment, restoreIfCleared, runDunningForIsp } from '../../../modules/billing/index.ts';
import { daysBetween, localInstant } from './calendar.ts';
import { schedule, type IspRun, type SimSub } from './run-state.ts';
import { hourOf } from './lifecycle.ts';

/**
 * Money through the billing and payment services: the ISP's daily automatic billing run (the
 * scheduler's own claim and run, on the days something is due), each invoice paid as its
 * subscriber pays (on time at the counter or by transfer, by card on file with the odd decline,
 * late, or not at all), and the dunning pass of each day with its reminders, suspensions
 * and restorations.
 */
const actorFor = (ispId: string): Actor => ({ ...systemActor, ispId, email: 'billing-schedule' });

export async function billingRunOfDay(r: IspRun, dayIndex: number): Promise<void> {
  const day = r.days[dayIndex]!;
  const dom = Number(day.slice(8, 10));
  if (!r.subs.some((s) => s.status !== 'terminated' && s.billingDay === dom && s.joined < day)) return;
  const tz = r.isp.profile.timezone;
  r.clock.now = localInstant(day, 2, tz).getTime();
  const actor = actorFor(r.isp.id);
  const run = await withScope(r.ctx.db, r.isp.scope, (tx) => claimScheduledRun(tx, actor, r.isp.id, day, new Date(r.clock.now)));
  if (!run) return;
  r.clock.now += 90_000;
  await executeBillingRun(r.ctx, { actor, scope: r.isp.scope }, run.id);
  const issued = await withScope(r.ctx.db, r.isp.scope, (tx) => rows<{ id: string; subscriber_id: string; total: string; due_date: string }>(tx, sql`
    SELECT id, subscriber_id, total::text, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM invoices
    WHERE isp_id = ${r.isp.id} AND issue_date = ${day}::date AND source = 'cycle' AND kind = 'invoice'`));
  const bySub = issued.map((i) => ({ ...i, sub: r.byId.get(i.subscriber_id) })).filter((i): i is typeof i & { sub: SimSub } => i.sub !== undefined)
    .sort((a, b) => a.sub.n - b.sub.n || a.due_date.localeCompare(b.due_date) || Number(a.total) - Number(b.total));
  for (const inv of bySub) {
    r.open.set(inv.id, { sub: inv.sub, total: Number(inv.total), due: inv.due_date });
    planPayment(r, dayIndex, inv.sub, inv.id, inv.due_date);
  }
}

/** When and how the subscriber pays this invoice, by the kind of payer they are. */
function planPayment(r: IspRun, dayIndex: number, s: SimSub, invoiceId: string, dueDate: string): void {
  const terms = r.isp.profile.paymentTermsDays;
  const rng = s.rng;
  const pay = (afterDays: number, method: 'counter' | 'card') => {
    const d = dayIndex + Math.max(0, afterDays);
    const hour = method === 'card' ? 6 + rng.next() : 9 + rng.next() * 9;
    schedule(r, d, localInstant(r.days[Math.min(d, r.days.length - 1)]!, hour, r.isp.profile.timezone).getTime(), () => payInvoice(r, d, s, invoiceId, dueDate, method));
  };
  switch (s.traits.payer) {
    case 'prompt':
      pay(rng.int(0, Math.max(0, terms - 1)), 'counter');
      break;
    case 'card':
      if (rng.chance(0.07)) {
        schedule(r, dayIndex + 1, localInstant(r.days[Math.min(dayIndex + 1, r.days.length - 1)]!, 6.2, r.isp.profile.timezone).getTime(), () => declineCard(r, s, invoiceId));
        if (rng.chance(0.7)) pay(4, 'card');
        else pay(terms + rng.int(2, 20), 'counter');
      } else pay(1, 'card');
      break;
    case 'late':
      pay(terms + rng.int(1, 24), 'counter');
      break;
    case 'defaulter':
      if (rng.chance(0.45)) pay(terms + rng.int(12, 50), 'counter');
      break;
  }
}

async function declineCard(r: IspRun, s: SimSub, invoiceId: string): Promise<void> {
  const open = r.open.get(invoiceId)?.total ?? 0;
  if (open <= 0) return;
  await withScope(r.ctx.db, r.isp.scope, (tx) => insertPayment(tx, actorFor(r.isp.id), {
    ispId: r.isp.id, subscriberId: s.id, method: 'card', amount: open, currency: r.isp.profile.currency, outcome: 'failed',
    failureReason: s.rng.pick(['Card declined: insufficient funds', 'Card expired', 'Card declined by the issuer']), notes: 'Card on file, monthly charge',
    receivedAt: new Date(r.clock.now), targetInvoiceIds: [invoiceId],
  }));
  r.stats.failedPayments++;
}

async function payInvoice(r: IspRun, dayIndex: number, s: SimSub, invoiceId: string, dueDate: string, how: 'counter' | 'card'): Promise<void> {
  // Only the history pays its invoices, each once and in full: what is open is known here.
  const open = r.open.get(invoiceId)?.total ?? 0;
  if (open <= 0) return;
  r.open.delete(invoiceId);
  const day = r.days[dayIndex]!;
  const method = how === 'card' ? 'card' : s.rng.pick(r.isp.profile.counterMethods);
  await recordManualPayment(r.ctx, { actor: r.isp.admin, scope: r.isp.scope, ispId: r.isp.id }, {
    subscriber_id: s.id, method, amount: open, invoice_ids: [invoiceId], received_at: new Date(r.clock.now).toISOString(),
    ...(method === 'bank_transfer' && { reference: `TRF-${s.rng.hex(4).toUpperCase()}` }),
    ...(method === 'cheque' && { reference: `CHQ-${s.rng.int(100_000, 999_999)}` }),
    ...(method === 'card' && { notes: 'Card on file, monthly charge' }),
  });
  r.stats.payments++;
  if (day > dueDate) s.x.latePayments.push(dayIndex);
  if (s.status === 'suspended' && (await restoreIfCleared(r.ctx, r.isp.id, s.id, day))) {
    s.status = 'active';
    s.suspendedSince = null;
    s.resume = hourOf(r, r.clock.now);
  }
}

/**
 * Whether today's dunning pass has anything to do: an open invoice at one of the reminder steps,
 * or past the grace period of a line not yet suspended. The pass itself decides; this only
 * spares the days on which it would find nothing.
 */
function dunningDue(r: IspRun, day: string): boolean {
  const { before, after, grace } = r.isp.profile.dunning;
  const steps = new Set([...before.map((d) => -d), ...after]);
  for (const inv of r.open.values()) {
    if (inv.sub.status === 'terminated') continue;
    const late = daysBetween(inv.due, day);
    if (steps.has(late) || (late > grace && inv.sub.status === 'active')) return true;
  }
  return false;
}

/** The day's dunning pass at 09:00 local; returns the lines it suspended. */
export async function dunningOfDay(r: IspRun, dayIndex: number): Promise<SimSub[]> {
  const day = r.days[dayIndex]!;
  if (!dunningDue(r, day)) return [];
  r.clock.now = localInstant(day, 9, r.isp.profile.timezone).getTime();
  const result = await runDunningForIsp(r.ctx, r.isp.id, day);
  if (result.suspended === 0 && result.restored === 0) return [];
  const states = await withScope(r.ctx.db, r.isp.scope, (tx) => rows<{ id: string; status: string }>(tx, sql`
    SELECT id, status FROM subscribers WHERE isp_id = ${r.isp.id} AND status IN ('active', 'suspended')`));
  const suspended: SimSub[] = [];
  for (const st of states) {
    const s = r.byId.get(st.id);
    if (!s || s.status === st.status) continue;
    s.status = st.status as SimSub['status'];
    if (s.status === 'suspended') {
      s.suspendedSince = dayIndex;
      s.x.suspensions.push(dayIndex);
      s.cut = { hour: 9, cause: 'Admin-Reset' };
      suspended.push(s);
    } else {
      s.suspendedSince = null;
      s.resume = 9;
    }
  }
  return suspended.sort((a, b) => a.n - b.n);
}

