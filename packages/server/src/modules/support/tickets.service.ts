import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { invalidField, conflict, notFound } from '../../platform/errors.ts';
import { parseSort, type Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { sqlAt } from '../../platform/clock/clock.ts';
import { dueTimes } from './sla.ts';
import type { TicketPriority, TicketStatus } from './schema.ts';
import { loadMessages, loadTicketDetail, loadTicketRow, overdueSql, selectTickets, toTicketDto, type TicketRow } from './tickets.read.ts';
import { mailReplyToSubscriber, type ReplyMail } from './ticket-mail.ts';
import type { CreateTicketInput, MessageDto, MessageInput, TicketDetailDto, TicketDto, TicketQuery, UpdateTicketInput } from './tickets.schemas.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

/** Roles that may be given tickets to work (the permission matrix's ticket:manage roles). */
const assignableRoles = ['isp_admin', 'support_agent', 'branch_manager'];

async function assertAssignee(tx: Tx, ispId: string, userId: string) {
  const [u] = await rows<{ role: string; status: string }>(tx, sql`SELECT role, status FROM users WHERE id = ${userId} AND isp_id = ${ispId}`);
  if (!u) throw notFound('Staff member');
  if (!assignableRoles.includes(u.role) || u.status !== 'active')
    throw invalidField('This staff member cannot work tickets', [{ pointer: '/body/assignee_id', detail: `an active ${assignableRoles.join(', ')}` }]);
}

export type Opener = { kind: 'staff' | 'subscriber'; id: string | null };

/**
 * Opens a ticket with its first (public) message. The branch is the subscriber's, read
 * through RLS: a branch manager cannot name a subscriber outside the subtree (404), and a
 * ticket about nobody has no branch, so only ISP-wide staff see it.
 */
export async function openTicketInTx(tx: Tx, actor: Actor, ispId: string, input: CreateTicketInput, opener: Opener, at?: Date): Promise<TicketRow> {
  let branchId: string | null = null;
  if (input.subscriber_id) {
    const [s] = await rows<{ branch_id: string | null }>(tx, sql`SELECT branch_id FROM subscribers WHERE id = ${input.subscriber_id} AND isp_id = ${ispId}`);
    if (!s) throw notFound('Subscriber');
    branchId = s.branch_id;
  }
  if (input.assignee_id) await assertAssignee(tx, ispId, input.assignee_id);
  const [counter] = await rows<{ value: number }>(tx, sql`
    INSERT INTO isp_counters (isp_id, name, value) VALUES (${ispId}, 'support_ticket', 1001)
    ON CONFLICT (isp_id, name) DO UPDATE SET value = isp_counters.value + 1 RETURNING value::int`);
  const [{ now }] = (await rows<{ now: Date | string }>(tx, sql`SELECT ${sqlAt(at)} AS now`)) as [{ now: Date | string }];
  const due = dueTimes(input.priority, new Date(now));
  const [t] = await rows<{ id: string }>(tx, sql`
    INSERT INTO support_tickets (isp_id, number, subject, category, priority, status, subscriber_id, branch_id, assignee_id, opened_by_kind, opened_by_id,
      first_response_due_at, resolution_due_at, created_at, updated_at, last_message_at)
    VALUES (${ispId}, ${counter!.value}, ${input.subject}, ${input.category}, ${input.priority}, 'new', ${input.subscriber_id ?? null}, ${branchId},
      ${input.assignee_id ?? null}, ${opener.kind}, ${opener.id}, ${due.firstResponseDueAt.toISOString()}::timestamptz, ${due.resolutionDueAt.toISOString()}::timestamptz,
      ${sqlAt(at)}, ${sqlAt(at)}, ${sqlAt(at)})
    RETURNING id`);
  await tx.execute(sql`INSERT INTO support_ticket_messages (isp_id, ticket_id, branch_id, author_kind, author_id, internal, body, created_at)
    VALUES (${ispId}, ${t!.id}, ${branchId}, ${opener.kind}, ${opener.id}, false, ${input.body}, ${sqlAt(at)})`);
  const row = await loadTicketRow(tx, t!.id);
  await recordChange(tx, actor, { ispId, action: 'ticket.created', entityType: 'ticket', entityId: row.id,
    after: { ...toTicketDto(row), first_message: input.body } });
  return row;
}

export async function createTicket(ctx: AppContext, { actor, scope, ispId }: Tenant, input: CreateTicketInput): Promise<TicketDetailDto> {
  if (scope.kind === 'tenant' && scope.branchIds && !input.subscriber_id)
    throw invalidField('Branch staff open tickets for a subscriber of their branch', [{ pointer: '/body/subscriber_id', detail: 'required' }]);
  return withScope(ctx.db, scope, async (tx) => {
    const row = await openTicketInTx(tx, actor, ispId, input, { kind: 'staff', id: actor.kind === 'user' ? actor.id : null }, ctx.clock?.());
    return loadTicketDetail(tx, row.id);
  });
}

const sortColumns: Record<string, string> = {
  last_message_at: 't.last_message_at', created_at: 't.created_at', number: 't.number', resolution_due_at: 't.resolution_due_at',
  priority: "array_position(ARRAY['low', 'normal', 'high', 'urgent'], t.priority)",
};

export function ticketFilters(ispId: string, q: Omit<TicketQuery, 'limit' | 'offset' | 'sort'>): SQL {
  const parts: SQL[] = [sql`t.isp_id = ${ispId}`];
  if (q.status === 'active') parts.push(sql`t.status IN ('new', 'open', 'pending')`);
  else if (q.status) parts.push(sql`t.status = ${q.status}`);
  if (q.priority) parts.push(sql`t.priority = ${q.priority}`);
  if (q.category) parts.push(sql`t.category = ${q.category}`);
  if (q.assignee_id === 'none') parts.push(sql`t.assignee_id IS NULL`);
  else if (q.assignee_id) parts.push(sql`t.assignee_id = ${q.assignee_id}`);
  if (q.subscriber_id) parts.push(sql`t.subscriber_id = ${q.subscriber_id}`);
  if (q.overdue) parts.push(q.overdue === 'true' ? overdueSql : sql`NOT ${overdueSql}`);
  if (q.q) {
    const number = /^#?(\d{1,9})$/.exec(q.q)?.[1];
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    parts.push(number ? sql`(t.number = ${Number(number)} OR lower(t.subject) LIKE ${like})` : sql`lower(t.subject) LIKE ${like}`);
  }
  return sql.join(parts, sql` AND `);
}

export async function listTickets(ctx: AppContext, scope: Scope, ispId: string, q: TicketQuery): Promise<Page<TicketDto>> {
  const { field, desc } = parseSort(q.sort);
  const where = ticketFilters(ispId, q);
  return withScope(ctx.db, scope, async (tx) => {
    const order = sql.raw(`ORDER BY ${sortColumns[field]} ${desc ? 'DESC' : 'ASC'}, t.id ${desc ? 'DESC' : 'ASC'}`);
    const list = await rows<TicketRow>(tx, selectTickets(where, sql`${order} LIMIT ${q.limit} OFFSET ${q.offset}`));
    const [total] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM support_tickets t WHERE ${where}`);
    return { items: list.map(toTicketDto), total: total!.n, limit: q.limit, offset: q.offset };
  });
}

export function getTicket(ctx: AppContext, scope: Scope, id: string): Promise<TicketDetailDto> {
  return withScope(ctx.db, scope, (tx) => loadTicketDetail(tx, id));
}

/** Locks the ticket row for the change, so that two agents' replies transition it once. */
export async function lockTicket(tx: Tx, id: string, extra: SQL = sql`true`): Promise<TicketRow> {
  const [locked] = await rows<{ id: string }>(tx, sql`SELECT id FROM support_tickets t WHERE t.id = ${id} AND ${extra} FOR UPDATE`);
  if (!locked) throw notFound('Ticket');
  return loadTicketRow(tx, id);
}

export async function insertMessage(tx: Tx, t: TicketRow, author: Opener, internal: boolean, body: string, at?: Date): Promise<MessageDto> {
  const [m] = await rows<{ id: string }>(tx, sql`
    INSERT INTO support_ticket_messages (isp_id, ticket_id, branch_id, author_kind, author_id, internal, body, created_at)
    VALUES (${t.isp_id}, ${t.id}, ${t.branch_id}, ${author.kind}, ${author.id}, ${internal}, ${body}, ${sqlAt(at)}) RETURNING id`);
  const all = await loadMessages(tx, t.id, false);
  return all.find((x) => x.id === m!.id)!;
}

/**
 * A staff reply or internal note. A public reply is the first response when there was none
 * and moves a new ticket to open; a note changes no status and is never mailed. The mail to
 * the subscriber goes after the commit, so a rolled-back reply sends nothing.
 */
export async function addStaffMessage(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: MessageInput): Promise<TicketDetailDto> {
  let mail: ReplyMail | null = null;
  const detail = await withScope(ctx.db, scope, async (tx) => {
    const before = await lockTicket(tx, id);
    if (!input.internal && before.status === 'closed') throw conflict('The ticket is closed: reopen it before replying');
    const at = ctx.clock?.();
    const now = sqlAt(at);
    const message = await insertMessage(tx, before, { kind: 'staff', id: actor.kind === 'user' ? actor.id : null }, input.internal, input.body, at);
    const status: TicketStatus = !input.internal && before.status === 'new' ? 'open' : before.status;
    // A note is not conversation: it moves neither the first response nor the "last activity" the subscriber sees.
    await tx.execute(sql`UPDATE support_tickets SET status = ${status}, updated_at = ${now}
      ${input.internal ? sql`` : sql`, last_message_at = ${now}, first_response_at = coalesce(first_response_at, ${now})`} WHERE id = ${id}`);
    const after = await loadTicketRow(tx, id);
    await recordChange(tx, actor, {
      ispId: before.isp_id, action: input.internal ? 'ticket.note_added' : 'ticket.replied', entityType: 'ticket', entityId: id,
      before: { status: before.status, first_response_at: before.first_response_at },
      after: { status: after.status, first_response_at: after.first_response_at, message },
    });
    if (!input.internal && after.subscriber_email) mail = await mailReplyToSubscriber.prepare(tx, ctx.config.publicUrl, after, message);
    return { ...toTicketDto(after), messages: await loadMessages(tx, id, false) };
  });
  if (mail) await mailReplyToSubscriber.send(ctx, mail);
  return detail;
}

/** Timestamps that follow a status: resolved/closed are stamped, reopening clears them. */
export function statusStamps(status: TicketStatus, at?: Date): SQL {
  const now = sqlAt(at);
  if (status === 'resolved') return sql`resolved_at = coalesce(resolved_at, ${now}), closed_at = NULL`;
  if (status === 'closed') return sql`resolved_at = coalesce(resolved_at, ${now}), closed_at = coalesce(closed_at, ${now})`;
  return sql`resolved_at = NULL, closed_at = NULL`;
}

export async function updateTicket(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: UpdateTicketInput): Promise<TicketDetailDto> {
  return withScope(ctx.db, scope, async (tx) => {
    const before = await lockTicket(tx, id);
    if (input.assignee_id) await assertAssignee(tx, before.isp_id, input.assignee_id);
    const at = ctx.clock?.();
    const sets: SQL[] = [sql`updated_at = ${sqlAt(at)}`];
    if (input.subject !== undefined) sets.push(sql`subject = ${input.subject}`);
    if (input.category !== undefined) sets.push(sql`category = ${input.category}`);
    if (input.assignee_id !== undefined) sets.push(sql`assignee_id = ${input.assignee_id}`);
    if (input.status !== undefined && input.status !== before.status) sets.push(sql`status = ${input.status}`, statusStamps(input.status, at));
    if (input.priority !== undefined && input.priority !== before.priority) {
      const due = dueTimes(input.priority as TicketPriority, new Date(before.created_at));
      sets.push(sql`priority = ${input.priority}, first_response_due_at = ${due.firstResponseDueAt.toISOString()}::timestamptz,
        resolution_due_at = ${due.resolutionDueAt.toISOString()}::timestamptz`);
    }
    await tx.execute(sql`UPDATE support_tickets SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
    const after = await loadTicketRow(tx, id);
    const action = after.status !== before.status ? 'ticket.status_changed'
      : after.assignee_id !== before.assignee_id ? 'ticket.assigned' : 'ticket.updated';
    await recordChange(tx, actor, { ispId: before.isp_id, action, entityType: 'ticket', entityId: id, before: toTicketDto(before), after: toTicketDto(after) });
    return { ...toTicketDto(after), messages: await loadMessages(tx, id, false) };
  });
}
