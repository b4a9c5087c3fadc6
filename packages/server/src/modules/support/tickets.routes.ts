import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { pageOf } from '../../platform/http/paging.ts';
import { addStaffMessage, createTicket, getTicket, listTickets, updateTicket } from './tickets.service.ts';
import { closeOwnTicket, createOwnTicket, getOwnTicket, listOwnTickets, replyOwnTicket } from './own-tickets.service.ts';
import {
  createOwnTicketBody, createTicketBody, messageBody, ownReplyBody, ownTicketDetailDto, ownTicketDto, ownTicketQuery,
  ticketDetailDto, ticketDto, ticketQuery, updateTicketBody,
} from './tickets.schemas.ts';

const tags = ['support'];
const ispParams = z.object({ isp_id: z.uuid() });
const ticketParams = z.object({ isp_id: z.uuid(), ticket_id: z.uuid() });
const ownParams = z.object({ ticket_id: z.uuid() });

export function registerSupportRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/tickets', {
    config: { permission: 'ticket:read' },
    schema: { tags, summary: 'Tickets, filtered and sorted (branch managers: their subtree)', params: ispParams, querystring: ticketQuery,
      response: { 200: pageOf(ticketDto), ...commonErrors } },
  }, async (req) => {
    return listTickets(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.post('/api/isp/:isp_id/tickets', {
    config: { permission: 'ticket:manage' },
    schema: { tags, summary: 'Open a ticket, usually for a subscriber; the first message is public', params: ispParams, body: createTicketBody,
      response: { 201: ticketDetailDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createTicket(ctx, req.tenant, req.body));
  });
  app.get('/api/isp/:isp_id/tickets/:ticket_id', {
    config: { permission: 'ticket:read' },
    schema: { tags, summary: 'One ticket with its conversation, internal notes included', params: ticketParams, response: { 200: ticketDetailDto, ...commonErrors } },
  }, async (req) => {
    return getTicket(ctx, req.tenant.scope, req.params.ticket_id);
  });
  app.patch('/api/isp/:isp_id/tickets/:ticket_id', {
    config: { permission: 'ticket:manage' },
    schema: { tags, summary: 'Assign, change status, priority, category or subject', params: ticketParams, body: updateTicketBody,
      response: { 200: ticketDetailDto, ...commonErrors } },
  }, async (req) => {
    return updateTicket(ctx, req.tenant, req.params.ticket_id, req.body);
  });
  app.post('/api/isp/:isp_id/tickets/:ticket_id/messages', {
    config: { permission: 'ticket:manage' },
    schema: { tags, summary: 'A public reply (e-mailed to the subscriber; new → open) or an internal note', params: ticketParams, body: messageBody,
      response: { 201: ticketDetailDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await addStaffMessage(ctx, req.tenant, req.params.ticket_id, req.body));
  });

  app.get('/api/me/tickets', {
    schema: { tags, summary: "The logged-in subscriber's tickets, latest activity first", querystring: ownTicketQuery,
      response: { 200: pageOf(ownTicketDto), ...commonErrors } },
  }, async (req) => listOwnTickets(ctx, requireActor(req, 'self:read'), req.query));
  app.post('/api/me/tickets', {
    schema: { tags, summary: 'Open a support ticket', body: createOwnTicketBody, response: { 201: ownTicketDetailDto, ...commonErrors } },
  }, async (req, reply) => reply.code(201).send(await createOwnTicket(ctx, requireActor(req, 'self:manage'), req.body)));
  app.get('/api/me/tickets/:ticket_id', {
    schema: { tags, summary: 'One own ticket and its public conversation', params: ownParams, response: { 200: ownTicketDetailDto, ...commonErrors } },
  }, async (req) => getOwnTicket(ctx, requireActor(req, 'self:read'), req.params.ticket_id));
  app.post('/api/me/tickets/:ticket_id/messages', {
    schema: { tags, summary: 'Reply; a pending or resolved ticket opens again', params: ownParams, body: ownReplyBody, response: { 201: ownTicketDetailDto, ...commonErrors } },
  }, async (req, reply) => reply.code(201).send(await replyOwnTicket(ctx, requireActor(req, 'self:manage'), req.params.ticket_id, req.body.body)));
  app.post('/api/me/tickets/:ticket_id/close', {
    schema: { tags, summary: 'Close an own ticket', params: ownParams, response: { 200: ownTicketDetailDto, ...commonErrors } },
  }, async (req) => closeOwnTicket(ctx, requireActor(req, 'self:manage'), req.params.ticket_id));
}
