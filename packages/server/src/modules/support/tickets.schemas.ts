import { z } from 'zod';
import { pageQuery, sortParam } from '../../platform/http/paging.ts';
import { ticketCategories, ticketPriorities, ticketStatuses } from './schema.ts';

const subject = z.string().trim().min(1).max(200);
const body = z.string().trim().min(1).max(20_000);

export const messageDto = z.object({
  id: z.string(), author_kind: z.enum(['staff', 'subscriber']), author_id: z.string().nullable(), author_name: z.string().nullable(),
  internal: z.boolean().describe('An internal note: staff only, never shown to the subscriber'), body: z.string(), created_at: z.string(),
});
export type MessageDto = z.infer<typeof messageDto>;

export const ticketDto = z.object({
  id: z.string(), isp_id: z.string(), number: z.number().int().describe('Per ISP, shown as #1001'), subject: z.string(),
  category: z.enum(ticketCategories), priority: z.enum(ticketPriorities), status: z.enum(ticketStatuses),
  subscriber_id: z.string().nullable(), subscriber_name: z.string().nullable(), subscriber_account: z.string().nullable(),
  branch_id: z.string().nullable(), assignee_id: z.string().nullable(), assignee_name: z.string().nullable(),
  opened_by_kind: z.enum(['staff', 'subscriber']),
  first_response_due_at: z.string(), resolution_due_at: z.string(),
  first_response_at: z.string().nullable(), resolved_at: z.string().nullable(), closed_at: z.string().nullable(),
  overdue: z.boolean().describe('A first-response or resolution target passed unmet while the ticket is new, open or pending'),
  message_count: z.number().int().describe('Public replies and internal notes'),
  last_message_at: z.string(), created_at: z.string(), updated_at: z.string(),
});
export type TicketDto = z.infer<typeof ticketDto>;
export const ticketDetailDto = ticketDto.extend({ messages: z.array(messageDto) });
export type TicketDetailDto = z.infer<typeof ticketDetailDto>;

export const ticketQuery = z.object({
  ...pageQuery,
  sort: sortParam(['last_message_at', 'created_at', 'number', 'priority', 'resolution_due_at'] as const, '-last_message_at'),
  status: z.union([z.enum(ticketStatuses), z.literal('active')]).optional().describe("One status, or 'active' for new, open and pending"),
  priority: z.enum(ticketPriorities).optional(),
  category: z.enum(ticketCategories).optional(),
  assignee_id: z.union([z.uuid(), z.literal('none')]).optional().describe("A staff member's id, or 'none' for unassigned"),
  subscriber_id: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional().describe('Words of the subject, or the number (1042 or #1042)'),
});
export type TicketQuery = z.infer<typeof ticketQuery>;

export const createTicketBody = z.strictObject({
  subject, category: z.enum(ticketCategories), priority: z.enum(ticketPriorities).default('normal'),
  subscriber_id: z.uuid().nullable().optional().describe('The subscriber it is about; branch managers must name one of their subtree'),
  assignee_id: z.uuid().nullable().optional(),
  body: body.describe('The first message, a public one (the subscriber sees it)'),
});
export type CreateTicketInput = z.infer<typeof createTicketBody>;

export const messageBody = z.strictObject({
  body,
  internal: z.boolean().default(false).describe('true: an internal note, staff only; false: a public reply, e-mailed to the subscriber'),
});
export type MessageInput = z.infer<typeof messageBody>;

export const updateTicketBody = z.strictObject({
  status: z.enum(ticketStatuses).optional(),
  priority: z.enum(ticketPriorities).optional().describe('Recomputes the due times from the creation time'),
  category: z.enum(ticketCategories).optional(),
  assignee_id: z.uuid().nullable().optional().describe('A staff member of the ISP who may work tickets, or null'),
  subject: subject.optional(),
});
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

/** What a subscriber sees of their ticket: no assignee, no internal notes. */
export const ownMessageDto = messageDto.omit({ internal: true, author_id: true });
export const ownTicketDto = z.object({
  id: z.string(), number: z.number().int(), subject: z.string(), category: z.enum(ticketCategories), priority: z.enum(ticketPriorities),
  status: z.enum(ticketStatuses), created_at: z.string(), last_message_at: z.string(), resolved_at: z.string().nullable(), closed_at: z.string().nullable(),
});
export type OwnTicketDto = z.infer<typeof ownTicketDto>;
export const ownTicketDetailDto = ownTicketDto.extend({ messages: z.array(ownMessageDto) });
export type OwnTicketDetailDto = z.infer<typeof ownTicketDetailDto>;

export const ownTicketQuery = z.object({
  ...pageQuery,
  status: z.union([z.enum(ticketStatuses), z.literal('active')]).optional(),
});
export const createOwnTicketBody = z.strictObject({
  subject, category: z.enum(ticketCategories), body,
  priority: z.enum(['low', 'normal', 'high']).default('normal').describe("Subscribers cannot open 'urgent' tickets: the desk escalates"),
});
export type CreateOwnTicketInput = z.infer<typeof createOwnTicketBody>;
export const ownReplyBody = z.strictObject({ body });
