import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { rows, tenantScope, withScope, type Scope } from '../../platform/db/scope.ts';
import { iso } from '../../platform/http/api.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { conflict } from '../../platform/errors.ts';
import type { Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { sqlAt } from '../../platform/clock/clock.ts';
import type { TicketStatus } from './schema.ts';
import { loadMessages, loadTicketRow, selectTickets, type TicketRow } from './tickets.read.ts';
import { insertMessage, lockTicket, openTicketInTx, statusStamps } from './tickets.service.ts';
import type { CreateOwnTicketInput, OwnTicketDetailDto, OwnTicketDto, ownTicketQuery } from './tickets.schemas.ts';

type Me = { actor: Actor; id: string; ispId: string; scope: Scope };

/**
 * A subscriber's tickets. Their scope is the whole ISP (RLS narrows by tenant, not by
 * subscriber), so every statement here names the subscriber: another subscriber's ticket
 * is 404, exactly as another ISP's.
 */
function me(actor: Actor): Me {
  if (actor.kind !== 'subscriber' || !actor.id || !actor.ispId) throw forbidden('For subscribers: staff work tickets through /api/isp/{isp_id}/tickets');
  return { actor, id: actor.id, ispId: actor.ispId, scope: tenantScope(actor.ispId) };
}

const toOwn = (r: TicketRow): OwnTicketDto => ({
  id: r.id, number: r.number, subject: r.subject, category: r.category, priority: r.priority, status: r.status,
  created_at: iso(r.created_at)!, last_message_at: iso(r.last_message_at)!, resolved_at: iso(r.resolved_at), closed_at: iso(r.closed_at),
});

const mine = (subscriberId: string) => sql`t.subscriber_id = ${subscriberId}`;

async function ownDetail(tx: Parameters<typeof loadMessages>[0], m: Me, id: string): Promise<OwnTicketDetailDto> {
  const row = await loadTicketRow(tx, id, mine(m.id));
  const messages = await loadMessages(tx, id, true);
  return { ...toOwn(row), messages: messages.map(({ internal: _i, author_id: _a, ...rest }) => rest) };
}

export async function listOwnTickets(ctx: AppContext, actor: Actor, q: z.infer<typeof ownTicketQuery>): Promise<Page<OwnTicketDto>> {
  const m = me(actor);
  const status = q.status === 'active' ? sql`AND t.status IN ('new', 'open', 'pending')` : q.status ? sql`AND t.status = ${q.status}` : sql``;
  const where = sql`t.isp_id = ${m.ispId} AND ${mine(m.id)} ${status}`;
  return withScope(ctx.db, m.scope, async (tx) => {
    const list = await rows<TicketRow>(tx, selectTickets(where, sql`ORDER BY t.last_message_at DESC, t.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`));
    const [total] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM support_tickets t WHERE ${where}`);
    return { items: list.map(toOwn), total: total!.n, limit: q.limit, offset: q.offset };
  });
}

export async function getOwnTicket(ctx: AppContext, actor: Actor, id: string): Promise<OwnTicketDetailDto> {
  const m = me(actor);
  return withScope(ctx.db, m.scope, (tx) => ownDetail(tx, m, id));
}

export async function createOwnTicket(ctx: AppContext, actor: Actor, input: CreateOwnTicketInput): Promise<OwnTicketDetailDto> {
  const m = me(actor);
  return withScope(ctx.db, m.scope, async (tx) => {
    const row = await openTicketInTx(tx, m.actor, m.ispId, { ...input, subscriber_id: m.id, assignee_id: null }, { kind: 'subscriber', id: m.id }, ctx.clock?.());
    return ownDetail(tx, m, row.id);
  });
}

/** A subscriber's answer puts a ticket waiting on them (pending) or resolved back in the desk's queue. */
export async function replyOwnTicket(ctx: AppContext, actor: Actor, id: string, body: string): Promise<OwnTicketDetailDto> {
  const m = me(actor);
  return withScope(ctx.db, m.scope, async (tx) => {
    const before = await lockTicket(tx, id, mine(m.id));
    if (before.status === 'closed') throw conflict('This ticket is closed: open a new one');
    const at = ctx.clock?.();
    const message = await insertMessage(tx, before, { kind: 'subscriber', id: m.id }, false, body, at);
    const status: TicketStatus = before.status === 'pending' || before.status === 'resolved' ? 'open' : before.status;
    await tx.execute(sql`UPDATE support_tickets SET status = ${status}, last_message_at = ${sqlAt(at)}, updated_at = ${sqlAt(at)}
      ${status !== before.status ? sql`, ${statusStamps(status, at)}` : sql``} WHERE id = ${id}`);
    await recordChange(tx, m.actor, { ispId: m.ispId, action: 'ticket.replied', entityType: 'ticket', entityId: id,
      before: { status: before.status }, after: { status, message } });
    return ownDetail(tx, m, id);
  });
}

export async function closeOwnTicket(ctx: AppContext, actor: Actor, id: string): Promise<OwnTicketDetailDto> {
  const m = me(actor);
  return withScope(ctx.db, m.scope, async (tx) => {
    const before = await lockTicket(tx, id, mine(m.id));
    if (before.status !== 'closed') {
      await tx.execute(sql`UPDATE support_tickets SET status = 'closed', updated_at = now(), ${statusStamps('closed')} WHERE id = ${id}`);
      await recordChange(tx, m.actor, { ispId: m.ispId, action: 'ticket.status_changed', entityType: 'ticket', entityId: id,
        before: { status: before.status }, after: { status: 'closed' } });
    }
    return ownDetail(tx, m, id);
  });
}
