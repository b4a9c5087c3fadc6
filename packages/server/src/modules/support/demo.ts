import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import type { TicketCategory, TicketPriority, TicketStatus } from './schema.ts';
import { addStaffMessage, createTicket, updateTicket } from './tickets.service.ts';
import { createOwnTicket, replyOwnTicket } from './own-tickets.service.ts';

type Step = { by: 'staff' | 'subscriber' | 'note'; body: string };
type DemoTicket = {
  username: string; openedBy: 'staff' | 'subscriber'; subject: string; category: TicketCategory; priority: TicketPriority;
  hoursAgo: number; steps: Step[]; status?: TicketStatus; assign?: boolean;
};

/** The demo desk: tickets of John, Jane and others in each state, spread over the last weeks. */
const demoTickets: DemoTicket[] = [
  { username: 'john.doe', openedBy: 'subscriber', subject: 'Double charge on my last invoice', category: 'billing', priority: 'normal', hoursAgo: 20 * 24,
    steps: [{ by: 'subscriber', body: 'Hello, I was charged twice for this month. Could you check?' },
      { by: 'staff', body: 'Sorry about that, John. The second payment has been refunded; it shows on your card within 5 working days.' },
      { by: 'subscriber', body: 'Thank you, I can see the refund.' }],
    status: 'closed', assign: true },
  { username: 'maria.garcia', openedBy: 'staff', subject: 'Change of address for the installation', category: 'other', priority: 'low', hoursAgo: 12 * 24,
    steps: [{ by: 'staff', body: 'Maria called: she moves to 3 Lakeside Road next month and wants the line moved.' },
      { by: 'note', body: 'Lakeside Road is on the same OLT: no new survey needed.' },
      { by: 'staff', body: 'Your move is booked for the 1st; the technician comes between 9 and 12.' }],
    status: 'resolved', assign: true },
  { username: 'john.doe', openedBy: 'subscriber', subject: 'Internet drops every evening', category: 'connectivity', priority: 'high', hoursAgo: 6 * 24,
    steps: [{ by: 'subscriber', body: 'Since last week my connection drops for a few minutes every evening around 9 pm.' },
      { by: 'note', body: 'PPPoE log shows Lost-Carrier at 21:0x three days in a row; CPE firmware is old.' },
      { by: 'staff', body: 'We see the drops too. Please restart your router once; if it happens again tonight, reply here and we send a technician.' }],
    status: 'pending', assign: true },
  { username: 'jane.smith', openedBy: 'subscriber', subject: 'Wi-Fi router for my new flat', category: 'installation', priority: 'normal', hoursAgo: 2 * 24,
    steps: [{ by: 'subscriber', body: 'I need a second Wi-Fi access point for the upstairs rooms. Can you install one?' },
      { by: 'staff', body: 'Of course. Which day suits you this week?' },
      { by: 'subscriber', body: 'Thursday afternoon would be great.' }],
    assign: true },
  { username: 'jane.smith', openedBy: 'subscriber', subject: 'Speed lower than my Premium plan', category: 'connectivity', priority: 'normal', hoursAgo: 10,
    steps: [{ by: 'subscriber', body: 'Speed tests show about 40 Mbit/s while my plan is 100 Mbit/s.' }] },
  { username: 'ahmed.khan', openedBy: 'staff', subject: 'No connection since this morning', category: 'connectivity', priority: 'urgent', hoursAgo: 0,
    steps: [{ by: 'staff', body: 'Ahmed phoned: no sync light on the ONT since 7 am.' }] },
];

/**
 * Moves a just-made ticket back in time: its messages two hours apart from `hoursAgo`, and
 * every timestamp and due time with them, so that the dashboard trend and SLA flags look lived in.
 */
async function backdate(tx: Tx, id: string, hoursAgo: number): Promise<void> {
  await tx.execute(sql`
    WITH base AS (SELECT now() - make_interval(hours => ${hoursAgo}) AS at),
    m AS (SELECT id, row_number() OVER (ORDER BY created_at, id) - 1 AS k FROM support_ticket_messages WHERE ticket_id = ${id})
    UPDATE support_ticket_messages x SET created_at = (SELECT at FROM base) + m.k * interval '2 hours 13 minutes' FROM m WHERE x.id = m.id`);
  await tx.execute(sql`
    WITH m AS (SELECT min(created_at) AS first, max(created_at) AS last,
                      min(created_at) FILTER (WHERE author_kind = 'staff' AND NOT internal AND created_at > (SELECT min(created_at) FROM support_ticket_messages WHERE ticket_id = ${id})) AS reply
               FROM support_ticket_messages WHERE ticket_id = ${id})
    UPDATE support_tickets t SET
      first_response_due_at = m.first + (t.first_response_due_at - t.created_at), resolution_due_at = m.first + (t.resolution_due_at - t.created_at),
      first_response_at = CASE WHEN t.first_response_at IS NULL THEN NULL ELSE coalesce(m.reply, m.first) END,
      resolved_at = CASE WHEN t.resolved_at IS NULL THEN NULL ELSE m.last + interval '1 hour' END,
      closed_at = CASE WHEN t.closed_at IS NULL THEN NULL ELSE m.last + interval '1 hour' END,
      created_at = m.first, last_message_at = m.last, updated_at = m.last
    FROM m WHERE t.id = ${id}`);
}

export async function seedSupportDemo(ctx: AppContext, admin: Actor, scope: Scope, ispId: string): Promise<void> {
  const people = await withScope(ctx.db, scope, (tx) => rows<{ id: string; username: string; email: string | null }>(tx, sql`
    SELECT id, username, email FROM subscribers WHERE isp_id = ${ispId}`));
  const [agent] = await withScope(ctx.db, scope, (tx) => rows<{ id: string; email: string }>(tx, sql`
    SELECT id, email FROM users WHERE isp_id = ${ispId} AND role = 'support_agent' ORDER BY created_at LIMIT 1`));
  const staff: Actor = agent ? { ...admin, id: agent.id, email: agent.email, role: 'support_agent' } : admin;
  for (const d of demoTickets) {
    const who = people.find((p) => p.username === d.username);
    if (!who) continue;
    const subscriber: Actor = { ...admin, kind: 'subscriber', id: who.id, email: who.email, role: 'subscriber', branchId: null };
    const [first, ...rest] = d.steps;
    const id = d.openedBy === 'subscriber'
      ? (await createOwnTicket(ctx, subscriber, { subject: d.subject, category: d.category, priority: d.priority === 'urgent' ? 'high' : d.priority, body: first!.body })).id
      : (await createTicket(ctx, { actor: staff, scope, ispId }, { subject: d.subject, category: d.category, priority: d.priority, subscriber_id: who.id, body: first!.body })).id;
    if (d.assign) await updateTicket(ctx, { actor: staff, scope }, id, { assignee_id: staff.id });
    for (const s of rest) {
      if (s.by === 'subscriber') await replyOwnTicket(ctx, subscriber, id, s.body);
      else await addStaffMessage(ctx, { actor: staff, scope }, id, { body: s.body, internal: s.by === 'note' });
    }
    if (d.status) await updateTicket(ctx, { actor: staff, scope }, id, { status: d.status });
    // Demo history only: the services stamp "now", the demo wants the past. Messages are
    // append-only for the app role, so this runs as the database owner, outside any request.
    await ctx.db.orm.transaction((tx) => backdate(tx as unknown as Tx, id, d.hoursAgo));
  }
}
