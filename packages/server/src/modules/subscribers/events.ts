import type { SubscriberDto } from './subscribers.schemas.ts';

/** A change of a subscriber carries the plan it had, so that the AAA engine can push a new speed. */
type SubscriberChanged = SubscriberDto & { previous_plan_id: string | null };

/** The subscribers module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'subscriber.created': SubscriberDto;
    'subscriber.updated': SubscriberChanged;
    'subscriber.activated': SubscriberChanged;
    'subscriber.suspended': SubscriberChanged;
    'subscriber.expired': SubscriberChanged;
    'subscriber.terminated': SubscriberChanged;
  }
}
