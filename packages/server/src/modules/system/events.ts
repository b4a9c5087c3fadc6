import type { ChangeImage } from '../../platform/events/domain-events.ts';

/** The system module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    /** Every process rereads the outbound allowance. */
    'platform_settings.updated': ChangeImage;
  }
}
