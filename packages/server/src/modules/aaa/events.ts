import type { ChangeImage } from '../../platform/events/domain-events.ts';
import type { SessionChange, UsageChange } from './sessions/live-events.ts';

/** The aaa module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'nas.created': ChangeImage;
    'nas.updated': ChangeImage;
    'nas.deleted': ChangeImage;
    'ip_pool.created': ChangeImage;
    'ip_pool.deleted': ChangeImage;
    'session.kicked': ChangeImage;
    'session.coa_sent': ChangeImage;
    /** Bus only, not in the outbox: sessions started and stopped, for other AAA processes and the live view. */
    'aaa.sessions': SessionChange[];
    /** Bus only: traffic just accounted, for the live view. */
    'aaa.usage': UsageChange[];
  }
}
