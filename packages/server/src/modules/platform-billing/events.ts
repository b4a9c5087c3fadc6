import type { ChangeImage } from '../../platform/events/domain-events.ts';

/** The platform-billing module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'platform_plan.created': ChangeImage;
    'platform_plan.updated': ChangeImage;
    'platform_plan.assigned': ChangeImage;
    'platform_billing.settings_updated': ChangeImage;
    'platform_billing.run_completed': ChangeImage;
    'platform_invoice.created': ChangeImage;
    'platform_invoice.issued': ChangeImage;
    'platform_invoice.voided': ChangeImage;
    'platform_payment.recorded': ChangeImage;
  }
}
