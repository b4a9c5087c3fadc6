/**
 * The support module: tickets from staff and subscribers, with SLAs and mail replies.
 * Below it: tenancy, identity, subscribers.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerSupportRoutes } from './tickets.routes.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const supportModule: ModuleDefinition = {
  name: 'support',
  roles: ['api'],
  routes: [registerSupportRoutes],
};

export { ticketFigures, ticketFiguresDto, type TicketFigures } from './ticket-figures.ts';
export { seedSupportDemo } from './demo.ts';
export type { TicketCategory } from './schema.ts';
export type { TicketPriority } from './schema.ts';
export { addStaffMessage } from './tickets.service.ts';
export { createOwnTicket } from './own-tickets.service.ts';
export { createTicket } from './tickets.service.ts';
export { replyOwnTicket } from './own-tickets.service.ts';
export { slaTargets } from './sla.ts';
export { updateTicket } from './tickets.service.ts';
