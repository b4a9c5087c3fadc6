/**
 * The billing module: subscriptions, invoices (taxes, currencies, PDF), payments and their
 * gateways, wallets, dunning, add-ons and coupons, and the scheduled billing runs.
 * Below it: tenancy, catalog, subscribers.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerPaymentRoutes } from './payments/payments.routes.ts';
import { registerGatewayRoutes } from './payments/gateways.routes.ts';
import { registerDunningRoutes } from './payments/dunning.routes.ts';
import { startDunningJob, subscribeRestoreOnPayment } from './payments/dunning.service.ts';
import { registerInvoiceRoutes } from './invoices.routes.ts';
import { registerBillingConfigRoutes } from './billing-config.routes.ts';
import { registerSubscriptionRoutes } from './subscriptions.routes.ts';
import { registerBillingRunRoutes } from './billing-runs.routes.ts';
import { registerPaymentApiRoutes } from './payment-api.routes.ts';
import { registerSelfPlanChangeRoutes } from './self-plan-change.routes.ts';
import { registerAddonRoutes } from './addons/addons.routes.ts';
import { startBillingScheduler } from './billing-schedule.service.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const billingModule: ModuleDefinition = {
  name: 'billing',
  roles: ['api', 'worker'],
  routes: [
    registerPaymentRoutes, registerGatewayRoutes, registerInvoiceRoutes, registerBillingConfigRoutes, registerSubscriptionRoutes,
    registerBillingRunRoutes, registerPaymentApiRoutes, registerDunningRoutes, registerSelfPlanChangeRoutes, registerAddonRoutes,
  ],
  // A settled payment may clear an overdue balance: service is restored at once, in every process.
  subscribe: subscribeRestoreOnPayment,
  jobs: {
    async worker(ctx) {
      const stopDunning = startDunningJob(ctx);
      const stopSchedule = startBillingScheduler(ctx);
      return { stop: () => { stopDunning(); stopSchedule(); } };
    },
  },
};

// Shared with platform billing (the founder bills ISPs with the same engine) and vouchers.
export { loadBillingContext } from './billing-context.ts';
export { addDays, addMonths, daysBetween } from './cycles.ts';
export { trimDecimal, type InvoiceDto } from './invoice-dto.ts';
export { renderInvoicePdf } from './invoice-pdf.ts';
export { fill, invoiceStrings } from './invoice-strings.ts';
export { formatNumber, reserveSeries } from './numbering.ts';
export type { PartyInfo } from './schema.ts';
export { taxInvoice, type TaxRuleInput } from './tax-engine.ts';
export { walletEntries } from './payments/schema.ts';
export { billingSmsSenders } from './providers/sms-sender.ts';
export { startBillingRun } from './billing-run.service.ts';
export { createTaxRule, updateSettings } from './tax-rules.service.ts';
export { seedDemoBilling } from './demo-billing.ts';
export { seedDemoPayments } from './payments/demo-payments.ts';
export type { PaymentMethod } from './payments/schema.ts';
export { addCharge } from './subscriptions.service.ts';
export { billingDayFor } from './cycles.ts';
export { cancelSubscription } from './subscriptions.service.ts';
export { changePlan } from './subscriptions.service.ts';
export { claimScheduledRun } from './billing-run.service.ts';
export { createSubscription } from './subscriptions.service.ts';
export { executeBillingRun } from './billing-run.service.ts';
export { insertPayment } from './payments/payments.service.ts';
export { recordManualPayment } from './payments/payments.service.ts';
export { restoreIfCleared } from './payments/dunning.service.ts';
export { runDunningForIsp } from './payments/dunning.service.ts';
export { updateDunningSettings } from './payments/dunning.service.ts';
