import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';
import { iso } from '../../platform/http/api.ts';
import { notFound } from '../../platform/errors.ts';
import type { TicketCategory, TicketPriority, TicketStatus } from './schema.ts';
import type { MessageDto, TicketDetailDto, TicketDto } from './tickets.schemas.ts';

/**
 * Overdue: a target of sla.ts passed unmet while the desk still owes an answer. A met target
 * stays met even if late (the timestamps show it); resolved and closed tickets are never overdue.
 */
export const overdueSql = sql.raw(`(t.status IN ('new', 'open', 'pending')
  AND ((t.first_response_at IS NULL AND t.first_response_due_at <= now()) OR t.resolution_due_at <= now()))`);

type When = Date | string;
export type TicketRow = {
  id: string; isp_id: string; number: number; subject: string; category: TicketCategory; priority: TicketPriority; status: TicketStatus;
  subscriber_id: string | null; subscriber_name: string | null; subscriber_account: string | null; subscriber_email: string | null;
  branch_id: string | null; assignee_id: string | null; assignee_name: string | null; opened_by_kind: 'staff' | 'subscriber';
  first_response_due_at: When; resolution_due_at: When; first_response_at: When | null; resolved_at: When | null; closed_at: When | null;
  overdue: boolean; message_count: number; last_message_at: When; created_at: When; updated_at: When;
};

export const toTicketDto = (r: TicketRow): TicketDto => ({
  id: r.id, isp_id: r.isp_id, number: r.number, subject: r.subject, category: r.category, priority: r.priority, status: r.status,
  subscriber_id: r.subscriber_id, subscriber_name: r.subscriber_name, subscriber_account: r.subscriber_account, branch_id: r.branch_id,
  assignee_id: r.assignee_id, assignee_name: r.assignee_name, opened_by_kind: r.opened_by_kind,
  first_response_due_at: iso(r.first_response_due_at)!, resolution_due_at: iso(r.resolution_due_at)!, first_response_at: iso(r.first_response_at),
  resolved_at: iso(r.resolved_at), closed_at: iso(r.closed_at), overdue: r.overdue, message_count: r.message_count,
  last_message_at: iso(r.last_message_at)!, created_at: iso(r.created_at)!, updated_at: iso(r.updated_at)!,
});

/** Names come through RLS too: a branch manager sees no name of staff outside the subtree. */
export const selectTickets = (where: SQL, tail: SQL = sql``) => sql`
  SELECT t.id, t.isp_id, t.number, t.subject, t.category, t.priority, t.status, t.subscriber_id, t.branch_id, t.assignee_id, t.opened_by_kind,
         t.first_response_due_at, t.resolution_due_at, t.first_response_at, t.resolved_at, t.closed_at, t.last_message_at, t.created_at, t.updated_at,
         s.first_name || ' ' || s.last_name AS subscriber_name, s.account_number AS subscriber_account, s.email AS subscriber_email,
         u.name AS assignee_name, ${overdueSql} AS overdue,
         (SELECT count(*)::int FROM support_ticket_messages m WHERE m.ticket_id = t.id) AS message_count
  FROM support_tickets t LEFT JOIN subscribers s ON s.id = t.subscriber_id LEFT JOIN users u ON u.id = t.assignee_id
  WHERE ${where} ${tail}`;

export async function loadTicketRow(tx: Tx, id: string, extra: SQL = sql`true`): Promise<TicketRow> {
  const [r] = await rows<TicketRow>(tx, selectTickets(sql`t.id = ${id} AND ${extra}`));
  if (!r) throw notFound('Ticket');
  return r;
}

type MessageRow = { id: string; author_kind: 'staff' | 'subscriber'; author_id: string | null; author_name: string | null; internal: boolean; body: string; created_at: When };

/** The conversation, oldest first; `publicOnly` for every route a subscriber can reach. */
export async function loadMessages(tx: Tx, ticketId: string, publicOnly: boolean): Promise<MessageDto[]> {
  const list = await rows<MessageRow>(tx, sql`
    SELECT m.id, m.author_kind, m.author_id, m.internal, m.body, m.created_at,
           CASE WHEN m.author_kind = 'staff' THEN u.name ELSE s.first_name || ' ' || s.last_name END AS author_name
    FROM support_ticket_messages m
    LEFT JOIN users u ON m.author_kind = 'staff' AND u.id = m.author_id
    LEFT JOIN subscribers s ON m.author_kind = 'subscriber' AND s.id = m.author_id
    WHERE m.ticket_id = ${ticketId} ${publicOnly ? sql`AND NOT m.internal` : sql``}
    ORDER BY m.created_at, m.id`);
  return list.map((m) => ({ id: m.id, author_kind: m.author_kind, author_id: m.author_id, author_name: m.author_name, internal: m.internal, body: m.body, created_at: iso(m.created_at)! }));
}

export async function loadTicketDetail(tx: Tx, id: string): Promise<TicketDetailDto> {
  const row = await loadTicketRow(tx, id);
  return { ...toTicketDto(row), messages: await loadMessages(tx, id, false) };
}
