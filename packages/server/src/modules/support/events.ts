import type { ChangeImage } from '../../platform/events/domain-events.ts';

/** The support module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'ticket.created': ChangeImage;
    'ticket.updated': ChangeImage;
    'ticket.assigned': ChangeImage;
    'ticket.status_changed': ChangeImage;
    'ticket.replied': ChangeImage;
    'ticket.note_added': ChangeImage;
  }
}
