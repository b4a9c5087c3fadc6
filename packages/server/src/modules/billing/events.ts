import type { ChangeImage } from '../../platform/events/domain-events.ts';

/** A money movement of a subscriber: dunning restores service when it clears their balance. */
type SubscriberMoney = ChangeImage & { subscriber_id?: string | null };
/** An add-on attached to or detached from a subscriber (the event's aggregate): a data pack moves their quota. */
type SubscriptionAddon = ChangeImage & { kind: string };

/** The billing module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'payment.created': SubscriberMoney;
    'payment.succeeded': SubscriberMoney;
    'payment.held': SubscriberMoney;
    'payment.failed': SubscriberMoney;
    'payment.approved': SubscriberMoney;
    'payment.rejected': SubscriberMoney;
    'payment.allocated': SubscriberMoney;
    'payment.refunded': SubscriberMoney;
    'wallet.credited': SubscriberMoney;
    'wallet.paid_invoice': SubscriberMoney;
    'subscription_addon.attached': SubscriptionAddon;
    'subscription_addon.detached': SubscriptionAddon;
    'payment_gateway.created': ChangeImage;
    'payment_gateway.updated': ChangeImage;
    'payment_gateway.deleted': ChangeImage;
    'sms_provider.updated': ChangeImage;
    'dunning_settings.updated': ChangeImage;
    'dunning.reminder': ChangeImage;
    'dunning.suspended': ChangeImage;
    'dunning.restored': ChangeImage;
    'invoice.drafted': ChangeImage;
    'invoice.issued': ChangeImage;
    'invoice.batch_issued': ChangeImage;
    'invoice.voided': ChangeImage;
    'invoice.credited': ChangeImage;
    'invoice.emailed': ChangeImage;
    'billing_run.started': ChangeImage;
    'billing_run.completed': ChangeImage;
    'billing_schedule.updated': ChangeImage;
    'billing_settings.updated': ChangeImage;
    'billing_profile.updated': ChangeImage;
    'billing_charge.created': ChangeImage;
    'billing_addon.created': ChangeImage;
    'billing_addon.updated': ChangeImage;
    'billing_addon.deleted': ChangeImage;
    'coupon.created': ChangeImage;
    'coupon.updated': ChangeImage;
    'coupon.redeemed': ChangeImage;
    'coupon.redemption_cancelled': ChangeImage;
    'deposit.received': ChangeImage;
    'deposit.refunded': ChangeImage;
    'deposit.returned_to_wallet': ChangeImage;
    'exchange_rate.saved': ChangeImage;
    'exchange_rate.updated': ChangeImage;
    'exchange_rate.deleted': ChangeImage;
    'exchange_rate.ecb_imported': ChangeImage;
    'tax_rule.created': ChangeImage;
    'tax_rule.updated': ChangeImage;
    'tax_rule.deleted': ChangeImage;
    'subscription.created': ChangeImage;
    'subscription.plan_changed': ChangeImage;
    'subscription.cancelled': ChangeImage;
  }
}
