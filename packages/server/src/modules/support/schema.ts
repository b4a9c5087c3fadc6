import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, tenantRowKey } from '../../platform/db/tenant-key.ts';
import { users } from '../identity/index.ts';
import { subscribers } from '../subscribers/index.ts';
import { branches } from '../tenancy/index.ts';

export const ticketCategories = ['connectivity', 'billing', 'installation', 'other'] as const;
export type TicketCategory = (typeof ticketCategories)[number];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const ticketStatuses = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
/** Statuses in which the desk still owes the subscriber something. */
export const activeTicketStatuses = ['new', 'open', 'pending'] as const;

export const supportTickets = pgTable('support_tickets', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  number: integer('number').notNull(),
  subject: text('subject').notNull(),
  category: text('category', { enum: ticketCategories }).notNull(),
  priority: text('priority', { enum: ticketPriorities }).notNull().default('normal'),
  status: text('status', { enum: ticketStatuses }).notNull().default('new'),
  subscriberId: uuid('subscriber_id'),
  branchId: uuid('branch_id'),
  assigneeId: uuid('assignee_id'),
  openedByKind: text('opened_by_kind', { enum: ['staff', 'subscriber'] }).notNull(),
  openedById: uuid('opened_by_id'),
  firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }).notNull(),
  resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }).notNull(),
  firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantRowKey('support_tickets', t),
  tenantKey('support_tickets_assignee_id_fkey', t.ispId, t.assigneeId, users).onDelete('set null'),
  tenantKey('support_tickets_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('support_tickets_subscriber_id_fkey', t.ispId, t.subscriberId, subscribers).onDelete('restrict'),
]);
export type SupportTicketRow = typeof supportTickets.$inferSelect;

export const supportTicketMessages = pgTable('support_ticket_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  ispId: uuid('isp_id').notNull(),
  ticketId: uuid('ticket_id').notNull(),
  branchId: uuid('branch_id'),
  authorKind: text('author_kind', { enum: ['staff', 'subscriber'] }).notNull(),
  authorId: uuid('author_id'),
  internal: boolean('internal').notNull().default(false),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  tenantKey('support_ticket_messages_branch_id_fkey', t.ispId, t.branchId, branches).onDelete('restrict'),
  tenantKey('support_ticket_messages_ticket_id_fkey', t.ispId, t.ticketId, supportTickets).onDelete('cascade'),
]);
export type SupportTicketMessageRow = typeof supportTicketMessages.$inferSelect;
