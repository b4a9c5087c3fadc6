import type { ChangeImage } from '../../platform/events/domain-events.ts';

/** The vouchers module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'voucher_batch.created': ChangeImage;
    'voucher_batch.updated': ChangeImage;
    'voucher_batch.deleted': ChangeImage;
    'voucher_batch.printed': ChangeImage;
    'voucher.sold': ChangeImage;
    'voucher.disabled': ChangeImage;
    'voucher.activated': ChangeImage;
    'voucher.redeemed': ChangeImage;
  }
}
